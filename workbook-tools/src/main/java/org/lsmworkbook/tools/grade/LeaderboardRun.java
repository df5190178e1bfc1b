package org.lsmworkbook.tools.grade;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lsmworkbook.tools.maven.Maven;

/**
 * Runs the leaderboard's benchmark on a graded submission: the project's own db_bench-style
 * harness ({@code org.lsmworkbook.bench.DbBench}, module {@code benchmarks}), built in the grading
 * tree so that it runs the submitted engine, MiniLsm only.
 *
 * <p>Two bounded runs, like a stage's: Maven builds the module with profile {@code bench} (the
 * stages it needs and the harness, no tests) and records its classpath; then DbBench runs with
 * {@value #NUM} keys and {@value #WRITE_BUFFER_BYTES}-byte memtables, so that the data lives in
 * L0 SST files and the reads go to them, and writes its results as JSON (read by
 * {@link Leaderboard#fromBench}). Each run has a time budget, after which it and every process it
 * started are stopped; the engine's JVM has a heap of {@value #ENGINE_HEAP}, DbBench's own
 * {@value #HARNESS_HEAP}; the databases may not grow past {@link #MAX_DISK_BYTES}. Whatever goes
 * wrong ends in a leaderboard without entries and a note, never in an error of the grade.
 */
public final class LeaderboardRun {

    /** The keys of the run. */
    public static final int NUM = 50_000;
    /** The memtable size: 50,000 entries of 116 bytes make about a dozen L0 SST files. */
    public static final int WRITE_BUFFER_BYTES = 512 * 1024;
    /** The heap of the JVM that runs the submitted engine. */
    public static final String ENGINE_HEAP = "256m";
    /** The heap of DbBench's own JVM, which only starts the engine's and reads its reports. */
    public static final String HARNESS_HEAP = "64m";
    /** The most the benchmark's databases may hold on disk. */
    public static final long MAX_DISK_BYTES = 1L << 30;
    /** The harness's main class. */
    static final String DB_BENCH = "org.lsmworkbook.bench.DbBench";
    /** The module that holds it. */
    static final String MODULE = "benchmarks";

    /**
     * The limits of the two runs.
     *
     * @param build how long building the harness and the engine may take
     * @param run how long the benchmark may take
     */
    public record Budgets(Duration build, Duration run) {

        /** Five minutes to build (a stage's budget), two to run (the run takes seconds). */
        public static final Budgets DEFAULT = new Budgets(Duration.ofMinutes(5), Duration.ofMinutes(2));
    }

    /** Starts a program within bounds, like {@link Maven#run(Path, List, Path, Maven.Bounds)}. */
    @FunctionalInterface
    public interface Launcher {
        /**
         * Runs the program and waits for it, stopping it and all it started when the bounds are hit.
         *
         * @param workDir the directory to run in
         * @param arguments the program's arguments
         * @param log where its output goes
         * @param bounds the limits
         * @return how it ended
         */
        Maven.BoundedRun run(Path workDir, List<String> arguments, Path log, Maven.Bounds bounds);
    }

    private final Maven maven;
    private final boolean offline;
    private final Launcher java;
    private final Budgets budgets;

    /**
     * Creates a runner.
     *
     * @param maven how to run Maven (for the build)
     * @param offline true to run Maven with {@code -o}
     * @param java how to run {@code java} (for the benchmark)
     * @param budgets the limits
     */
    public LeaderboardRun(Maven maven, boolean offline, Launcher java, Budgets budgets) {
        this.maven = maven;
        this.offline = offline;
        this.java = java;
        this.budgets = budgets;
    }

    /**
     * Maven's arguments: build the harness and what it needs, without tests, and write its runtime
     * classpath to a file.
     *
     * @param classpathFile where the classpath goes
     * @return the arguments after {@code mvn}
     */
    List<String> buildArguments(Path classpathFile) {
        List<String> args = new ArrayList<>(List.of("-B"));
        if (offline) {
            args.add("-o");
        }
        args.addAll(List.of("-P", "bench", "-pl", MODULE, "-am", "-Dmaven.test.skip=true", "package",
                "dependency:build-classpath", "-Dmdep.outputFile=" + classpathFile, "-DincludeScope=runtime"));
        return args;
    }

    /**
     * The JVM's arguments that run DbBench on MiniLsm.
     *
     * @param classpath the harness's classpath
     * @param dbDir where the databases go
     * @param json where the results go
     * @param engineSeconds how long the engine's JVM may run
     * @return the arguments after {@code java}
     */
    static List<String> benchArguments(String classpath, Path dbDir, Path json, long engineSeconds) {
        return List.of("-Xmx" + HARNESS_HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", classpath, DB_BENCH,
                "--engines", Leaderboard.ENGINE, "--num", Integer.toString(NUM),
                "--workloads", String.join(",", Leaderboard.WORKLOADS),
                "--write-buffer", Integer.toString(WRITE_BUFFER_BYTES), "--xmx", ENGINE_HEAP,
                "--timeout", Long.toString(Math.max(1, engineSeconds)), "--dir", dbDir.toString(), "--json", json.toString());
    }

    /**
     * Builds and runs the benchmark in the grading tree.
     *
     * @param tree the grading tree, after every stage ran
     * @param scratch a directory outside the tree, for the classpath, the results and the databases
     * @param logs where the build's and the run's output go
     * @param left how much of the grade's time budget is left; neither run takes longer
     * @return the leaderboard, with notes; without entries when anything went wrong
     */
    public Leaderboard run(GradingTree tree, Path scratch, Path logs, Duration left) {
        if (!Files.isRegularFile(tree.dir().resolve(MODULE).resolve("pom.xml"))) {
            return Leaderboard.none("the official tree has no " + MODULE + " module to measure with");
        }
        Path classpathFile = scratch.resolve("bench-classpath.txt");
        Path json = scratch.resolve("bench-results.json");
        Path dbDir = scratch.resolve("bench-db");
        try {
            Files.createDirectories(dbDir);
            Files.deleteIfExists(classpathFile);
            Files.deleteIfExists(json);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + scratch + " for the benchmark", e);
        }
        Duration buildBudget = min(budgets.build(), left);
        long start = System.nanoTime();
        Path buildLog = logs.resolve("leaderboard-build.log");
        Maven.BoundedRun build = maven.run(tree.dir(), buildArguments(classpathFile), buildLog,
                new Maven.Bounds(buildBudget, StageRunner.Budgets.DEFAULT.maxLogBytes(), Map.of(), null, 0));
        if (build.stopped() != null) {
            return Leaderboard.none("building the benchmark was stopped: " + build.stopped());
        }
        if (build.exitCode() != 0 || !Files.isRegularFile(classpathFile)) {
            List<String> errors = logLines(buildLog, tree.dir());
            return Leaderboard.none("the benchmark could not be built (Maven's exit code " + build.exitCode() + ")"
                    + (errors.isEmpty() ? "" : ": " + String.join("; ", errors)));
        }
        String classpath;
        try {
            String recorded = Files.readString(classpathFile, StandardCharsets.UTF_8).strip();
            String classes = tree.dir().resolve(MODULE).resolve("target").resolve("classes").toString();
            classpath = recorded.isEmpty() ? classes : classes + File.pathSeparator + recorded;
        } catch (IOException e) {
            return Leaderboard.none("the benchmark's classpath cannot be read (" + e.getMessage() + ")");
        }
        Duration runBudget = min(budgets.run(), left.minus(Duration.ofNanos(System.nanoTime() - start)));
        if (runBudget.compareTo(Duration.ofSeconds(5)) < 0) {
            return Leaderboard.none("the grade's time budget ran out before the benchmark could run");
        }
        // The engine's JVM gets a little less than the whole run, so that DbBench reports it as
        // timed out itself (with what it measured) before the bound stops everything.
        long engineSeconds = runBudget.toSeconds() - Math.min(15, runBudget.toSeconds() / 4);
        Path runLog = logs.resolve("leaderboard-run.log");
        Maven.BoundedRun run = java.run(tree.dir(), benchArguments(classpath, dbDir, json, engineSeconds), runLog,
                new Maven.Bounds(runBudget, 1L << 20, Map.of(), dbDir, MAX_DISK_BYTES));
        GradingTree.deleteTree(dbDir);
        if (run.stopped() != null) {
            return Leaderboard.none("the benchmark was stopped: " + run.stopped());
        }
        if (!Files.isRegularFile(json)) {
            List<String> last = lastLines(runLog, 3);
            return Leaderboard.none("the benchmark wrote no results (exit code " + run.exitCode() + ")"
                    + (last.isEmpty() ? "" : "; its last output: " + String.join(" / ", last)));
        }
        try {
            return Leaderboard.fromBench(Files.readString(json, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return Leaderboard.none("the benchmark's results cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static List<String> logLines(Path log, Path treeRoot) {
        try {
            return BuildLog.read(log, treeRoot).errorLines(3);
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    /** The last non-blank lines of a log, each cut to 200 characters. */
    static List<String> lastLines(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                    .filter(l -> !l.isBlank()).map(l -> GradeReport.cap(l.strip(), 200)).toList();
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (IOException | UncheckedIOException e) {
            return List.of();
        }
    }
}
