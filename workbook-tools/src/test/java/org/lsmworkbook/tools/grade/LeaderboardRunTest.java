package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.maven.Maven;

/**
 * The leaderboard's two bounded runs, played: a Maven that writes the classpath file, and a
 * {@code java} that writes DbBench's JSON (correct, wrong, or none at all).
 */
@Timeout(20)
@DisplayName("LeaderboardRun: builds the harness in the grading tree, runs DbBench bounded, reads its JSON")
class LeaderboardRunTest {

    @TempDir
    Path dir;

    private GradingTree tree;
    private final List<List<String>> builds = new ArrayList<>();
    private final List<Maven.Bounds> buildBounds = new ArrayList<>();
    private final List<List<String>> runs = new ArrayList<>();
    private final List<Maven.Bounds> runBounds = new ArrayList<>();

    @BeforeEach
    void tree() throws IOException {
        Path official = dir.resolve("official");
        write(official.resolve("pom.xml"), "<project/>");
        write(official.resolve("benchmarks/pom.xml"), "<project/>");
        write(official.resolve("day1-block/pom.xml"), "<project/>");
        Path submission = dir.resolve("submission");
        write(submission.resolve("day1-block/src/main/java/A.java"), "class A { }");
        tree = GradingTree.create(official, submission, dir.resolve("tree"));
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A Maven whose build succeeds and records a classpath, as the real one does. */
    private Maven building(int exitCode) {
        return new Maven() {
            @Override
            public int run(Path workDir, List<String> arguments, Path log) {
                throw new AssertionError("the leaderboard's build must be a bounded run");
            }

            @Override
            public BoundedRun run(Path workDir, List<String> arguments, Path log, Bounds bounds) {
                builds.add(arguments);
                buildBounds.add(bounds);
                try {
                    Files.createDirectories(log.getParent());
                    Files.writeString(log, exitCode == 0 ? "[INFO] BUILD SUCCESS\n"
                            : "[ERROR] Failed to execute goal: could not resolve org.rocksdb:rocksdbjni\n");
                    if (exitCode == 0) {
                        String option = arguments.stream().filter(a -> a.startsWith("-Dmdep.outputFile=")).findFirst()
                                .orElseThrow(() -> new AssertionError("no classpath file asked for: " + arguments));
                        write(Path.of(option.substring("-Dmdep.outputFile=".length())), "/m2/day6.jar:/m2/caffeine.jar");
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return new BoundedRun(exitCode, null);
            }
        };
    }

    /** A java that writes {@code json} where DbBench was told to (or nothing, when null). */
    private LeaderboardRun.Launcher java(String json, String stopped) {
        return (workDir, arguments, log, bounds) -> {
            runs.add(arguments);
            runBounds.add(bounds);
            try {
                Files.createDirectories(log.getParent());
                Files.writeString(log, "DbBench: MiniLsm: FAILED: its JVM ended with exit code 134\n");
                if (json != null) {
                    write(Path.of(arguments.get(arguments.indexOf("--json") + 1)), json);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return new Maven.BoundedRun(json == null ? 1 : 0, stopped);
        };
    }

    private Leaderboard run(Maven maven, LeaderboardRun.Launcher java) {
        return new LeaderboardRun(maven, true, java, LeaderboardRun.Budgets.DEFAULT)
                .run(tree, dir.resolve("scratch"), dir.resolve("logs"), Duration.ofMinutes(10));
    }

    @Test
    void a_correct_run_is_built_in_the_grading_tree_bounded_and_read() {
        Leaderboard board = run(building(0), java(BenchResultsFixture.correct(), null));

        assertThat(board.entries()).as("the entries of the benchmark's JSON").hasSize(4);
        assertThat(builds).singleElement().asList().as("Maven builds the harness and what it needs, offline, no tests")
                .contains("-o", "-P", "bench", "-pl", "benchmarks", "-am", "-Dmaven.test.skip=true", "package",
                        "dependency:build-classpath");
        assertThat(buildBounds.get(0).timeout()).as("the build has a stage's budget").isEqualTo(Duration.ofMinutes(5));
        List<String> args = runs.get(0);
        assertThat(args).as("DbBench on MiniLsm only, small memtables, heaps bounded, JSON out")
                .startsWith("-Xmx64m", "-XX:+ExitOnOutOfMemoryError", "-cp")
                .contains("org.lsmworkbook.bench.DbBench", "--engines", "minilsm-core", "--num", "50000",
                        "--workloads", "fillrandom,readrandom,readmissing,readseq", "--write-buffer", "524288",
                        "--xmx", "256m", "--json");
        assertThat(args.get(args.indexOf("-cp") + 1)).as("the harness's classes from the grading tree, then its classpath")
                .isEqualTo(tree.dir().resolve("benchmarks/target/classes") + java.io.File.pathSeparator
                        + "/m2/day6.jar:/m2/caffeine.jar");
        long engineSeconds = Long.parseLong(args.get(args.indexOf("--timeout") + 1));
        assertThat(engineSeconds).as("the engine's JVM times out before the run's bound stops everything")
                .isPositive().isLessThan(runBounds.get(0).timeout().toSeconds());
        assertThat(runBounds.get(0).watched()).as("the databases' size is watched")
                .isEqualTo(Path.of(args.get(args.indexOf("--dir") + 1)));
        assertThat(runBounds.get(0).maxWatchedBytes()).isEqualTo(LeaderboardRun.MAX_DISK_BYTES);
    }

    @Test
    void a_wrong_answer_gets_no_entry() {
        Leaderboard board = run(building(0), java(BenchResultsFixture.wrongAnswer(), null));
        assertThat(board.entries()).as("DbBench reported a wrong answer").isEmpty();
        assertThat(board.notes()).singleElement().asString().contains("wrong answer in readrandom");
    }

    @Test
    void a_failed_build_a_stopped_run_or_missing_results_give_no_entry_and_say_why() {
        Leaderboard unbuilt = run(building(1), java(BenchResultsFixture.correct(), null));
        assertThat(runs).as("nothing runs when the build failed").isEmpty();
        assertThat(unbuilt.notes()).singleElement().asString().contains("could not be built", "rocksdbjni");

        Leaderboard stopped = run(building(0), java(BenchResultsFixture.correct(), "its time budget of 120 s ran out"));
        assertThat(stopped.entries()).as("a run stopped by its bound counts for nothing, even with results").isEmpty();
        assertThat(stopped.notes()).singleElement().asString().contains("was stopped: its time budget of 120 s ran out");

        Leaderboard silent = run(building(0), java(null, null));
        assertThat(silent.entries()).isEmpty();
        assertThat(silent.notes()).singleElement().asString().contains("wrote no results (exit code 1)",
                "exit code 134");
    }

    @Test
    void the_grades_remaining_time_bounds_both_runs() {
        new LeaderboardRun(building(0), false, java(BenchResultsFixture.correct(), null), LeaderboardRun.Budgets.DEFAULT)
                .run(tree, dir.resolve("scratch"), dir.resolve("logs"), Duration.ofSeconds(40));
        assertThat(buildBounds.get(0).timeout()).as("the build gets no more than what is left").isEqualTo(Duration.ofSeconds(40));
        assertThat(runBounds.get(0).timeout()).as("nor does the run").isLessThanOrEqualTo(Duration.ofSeconds(40));
        assertThat(builds.get(0)).as("online when not --offline").doesNotContain("-o");
    }
}
