package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DbBench as a user starts it: a JVM that starts one JVM per engine. */
@Timeout(120)
@DisplayName("DbBench end to end: child JVMs, the table, the Markdown file, the exit status")
class DbBenchProcessTest {

    private record Run(int exitCode, String output) {}

    private static Run dbBench(Path workDir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(DbBench.javaBinary());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(DbBench.class.getName());
        command.addAll(List.of(args));
        Path log = workDir.resolve("output.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertThat(process.waitFor(100, TimeUnit.SECONDS)).as("DbBench %s should end within 100 s", List.of(args))
                .isTrue();
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    @Test
    void a_tiny_run_prints_the_table_and_writes_the_markdown(@TempDir Path dir) throws Exception {
        Path markdown = dir.resolve("table.md");
        Run run = dbBench(dir, "--num", "2000", "--engines", "minilsm,leveldb", "--workloads", "fillrandom,readrandom",
                "--xmx", "256m", "--dir", dir.toString(), "--markdown", markdown.toString());
        assertThat(run.exitCode()).as("exit status of a good run; output:\n%s", run.output()).isZero();
        assertThat(run.output()).as("progress names the engine and the workload")
                .contains("[MiniLsm] readrandom").contains("[LevelDB-iq80] fillrandom");
        assertThat(run.output()).as("the table has a row per workload and our ratio to the peer")
                .contains("ours/LevelDB-iq80").containsPattern("(?m)^fillrandom +\\|").containsPattern("(?m)^readrandom +\\|");
        assertThat(Files.readString(markdown)).as("the Markdown file holds the table").contains("| readrandom |");
        try (var left = Files.list(dir)) {
            assertThat(left.map(p -> p.getFileName().toString()))
                    .as("the temporary databases are deleted afterwards").containsExactlyInAnyOrder("table.md", "output.txt");
        }
    }

    @Test
    void bad_options_exit_with_status_2_and_say_why(@TempDir Path dir) throws Exception {
        Run run = dbBench(dir, "--engines", "minilsm,postgres");
        assertThat(run.exitCode()).as("a bad command line exits with 2").isEqualTo(2);
        assertThat(run.output()).as("the message names the bad engine and the good ones")
                .contains("unknown engine 'postgres'").contains(EngineKind.allIds()).contains("--help");
    }

    @Test
    void an_engine_that_runs_out_of_memory_is_reported_failed_and_the_others_still_run(@TempDir Path dir)
            throws Exception {
        // 64 MiB memtables do not fit in a 16 MiB heap: MiniLsm's JVM runs out of memory; RocksDB keeps
        // its memtables outside the heap and finishes.
        Run run = dbBench(dir, "--num", "200000", "--engines", "minilsm,rocksdb", "--workloads", "fillseq",
                "--xmx", "16m", "--dir", dir.toString());
        assertThat(run.exitCode()).as("a failed engine makes the exit status 1; output:\n%s", run.output())
                .isEqualTo(1);
        assertThat(run.output()).as("the failure is named with its reason")
                .contains("FAILED: MiniLsm: ran out of memory");
        assertThat(run.output()).as("RocksDB still ran: its fillseq has a number")
                .containsPattern("(?m)^fillseq +\\| +FAILED .*\\| +[0-9,]+ \\|");
    }
}
