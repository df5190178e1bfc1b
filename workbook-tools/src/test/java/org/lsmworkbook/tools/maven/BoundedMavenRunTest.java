package org.lsmworkbook.tools.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bounded run stops everything the build started, keeps to its time budget and caps its log. A
 * shell script stands in for Maven and does what student code did: leave processes behind, detach
 * one, run for ever, print without end.
 */
@Timeout(60)
@EnabledOnOs(value = OS.LINUX, disabledReason = "the stand-in for Maven is a shell script; /proc finds detached processes")
@DisplayName("grader: a bounded Maven run")
class BoundedMavenRunTest {

    @TempDir
    Path dir;

    private MavenProcess script(String body) throws IOException {
        Path script = dir.resolve("mvn");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
        return new MavenProcess(script.toString());
    }

    private Maven.Bounds bounds(Duration timeout) {
        return new Maven.Bounds(timeout, 64 * 1024, Map.of("GREETING", "hello"), dir.resolve("reports"), 1024 * 1024);
    }

    private long pid(String file) throws IOException, InterruptedException {
        Path path = dir.resolve(file);
        for (int i = 0; i < 100 && (!Files.exists(path) || Files.readString(path).isBlank()); i++) {
            Thread.sleep(50);
        }
        return Long.parseLong(Files.readString(path).strip());
    }

    private static boolean alive(long pid) {
        Optional<ProcessHandle> p = ProcessHandle.of(pid);
        if (p.isEmpty()) {
            return false;
        }
        p.get().onExit().completeOnTimeout(p.get(), 5, java.util.concurrent.TimeUnit.SECONDS).join();
        return p.get().isAlive();
    }

    @Test
    void processes_left_behind_or_detached_do_not_outlive_the_run() throws Exception {
        MavenProcess maven = script(String.join("\n",
                "echo \"$GREETING from the build\"",
                "sleep 600 & echo $! > " + dir.resolve("child"),
                // a detached grandchild: its parent exits at once, so it is not a descendant any more
                "sh -c 'sleep 600 & echo $! > " + dir.resolve("detached") + "' &",
                "sleep 1",
                "exit 0"));
        Maven.BoundedRun run = maven.run(dir, List.of("test"), dir.resolve("log"), bounds(Duration.ofSeconds(30)));
        assertThat(run.exitCode()).isZero();
        assertThat(run.stopped()).isNull();
        assertThat(alive(pid("child"))).as("a process the build left running is stopped").isFalse();
        assertThat(alive(pid("detached"))).as("a detached process is found by its environment and stopped").isFalse();
        assertThat(Files.readString(dir.resolve("log"))).contains("hello from the build");
    }

    @Test
    void a_run_past_its_budget_is_stopped_with_everything_it_started() throws Exception {
        MavenProcess maven = script("sleep 600 & echo $! > " + dir.resolve("child") + "\nwhile true; do sleep 1; done");
        long start = System.nanoTime();
        Maven.BoundedRun run = maven.run(dir, List.of("test"), dir.resolve("log"), bounds(Duration.ofSeconds(2)));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
        assertThat(run.stopped()).isEqualTo("its time budget of 2 s ran out");
        assertThat(alive(pid("child"))).isFalse();
    }

    @Test
    void test_output_that_grows_without_end_stops_the_run() throws Exception {
        Files.createDirectories(dir.resolve("reports"));
        MavenProcess maven = script("while true; do head -c 65536 /dev/zero >> " + dir.resolve("reports/p.ATest-output.txt")
                + "; done");
        Maven.BoundedRun run = maven.run(dir, List.of("test"), dir.resolve("log"), bounds(Duration.ofSeconds(30)));
        assertThat(run.stopped()).isEqualTo("its test reports and output grew past 1048576 bytes");
    }

    @Test
    void the_log_is_capped_but_keeps_the_lines_grading_reads() throws Exception {
        MavenProcess maven = script(String.join("\n",
                "i=0; while [ $i -lt 4000 ]; do echo \"[INFO] noise line $i of a test that prints and prints\"; i=$((i+1)); done",
                "echo '[INFO] Tests run: 2, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 1 s -- in p.ATest'",
                "echo '[INFO] BUILD SUCCESS'"));
        maven.run(dir, List.of("test"), dir.resolve("log"), bounds(Duration.ofSeconds(30)));
        String log = Files.readString(dir.resolve("log"));
        assertThat(Files.size(dir.resolve("log"))).as("at most twice the cap").isLessThanOrEqualTo(2 * 64 * 1024 + 200);
        assertThat(log).contains("the log is over 65536 bytes", "Tests run: 2, Failures: 0", "BUILD SUCCESS")
                .doesNotContain("noise line 3999");
    }
}
