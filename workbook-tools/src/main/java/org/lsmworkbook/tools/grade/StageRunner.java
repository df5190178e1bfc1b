package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.grade.probe.ProgressListener;
import org.lsmworkbook.tools.maven.Maven;
import org.lsmworkbook.tools.maven.SurefireReports;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestPatterns;

/**
 * Runs one stage's official tests in the grading tree, with its own Maven run, so that whatever
 * goes wrong in one stage (a compile error, a crashed test JVM) costs that stage only.
 *
 * <p>The stage's tests are copied into the tree just before its run and removed right after. Each
 * test class runs in a JVM of its own ({@code -DreuseForks=false}) with its own time limit
 * ({@link Budgets#testClass()}); the stage as a whole has {@link Budgets#stage()}, after which
 * Maven and everything it started are stopped. Test output goes to files, not into the reports
 * ({@code redirectTestOutputToFile}), and the reports with that output may not grow past
 * {@link Budgets#maxOutputBytes()}.
 *
 * <p>What the tests report is believed only when it agrees with what Maven itself printed: for
 * each test class, the counts in surefire's reports (run, failed, errors, skipped) must equal the
 * counts in Maven's log. Maven's log comes through a pipe only the grader holds, and surefire prints
 * its counts from the events it received, so code under test that rewrites a report (or deletes
 * it) gains nothing: the class's tests score 0, with a note. A class whose JVM was stopped before
 * its report was written keeps the tests that had passed, from a record written as each test
 * finishes (see {@link ProgressRecord}).
 */
public final class StageRunner {

    /**
     * The limits of one stage's run.
     *
     * @param stage how long a stage's Maven run may take
     * @param testClass how long one test class's JVM may run
     * @param maxLogBytes how much of Maven's log is kept whole
     * @param maxOutputBytes how large the stage's reports and test output may grow
     */
    public record Budgets(Duration stage, Duration testClass, long maxLogBytes, long maxOutputBytes) {

        /** Five minutes a stage, half of that a test class, 4 MiB of log, 64 MiB of reports and output. */
        public static final Budgets DEFAULT = new Budgets(Duration.ofMinutes(5), Duration.ofSeconds(150),
                4L * 1024 * 1024, 64L * 1024 * 1024);

        /**
         * The same limits with another stage budget; a test class gets half of it.
         *
         * @param stageBudget the stage's budget
         * @return the budgets
         */
        public Budgets withStage(Duration stageBudget) {
            return new Budgets(stageBudget, stageBudget.dividedBy(2), maxLogBytes, maxOutputBytes);
        }
    }

    private final Maven maven;
    private final boolean offline;
    private final Budgets budgets;
    private final Path workDir;
    private final boolean bonus;

    /**
     * Creates a runner with the default budgets and no per-test record.
     *
     * @param maven how to run Maven
     * @param offline true to run Maven with {@code -o} (every dependency already in the local repository)
     */
    public StageRunner(Maven maven, boolean offline) {
        this(maven, offline, Budgets.DEFAULT, null);
    }

    /**
     * Creates a runner.
     *
     * @param maven how to run Maven
     * @param offline true to run Maven with {@code -o}
     * @param budgets the limits of each stage
     * @param workDir a directory outside the grading tree for the per-test record and its listener,
     *     or null to go without them
     */
    public StageRunner(Maven maven, boolean offline, Budgets budgets, Path workDir) {
        this(maven, offline, budgets, workDir, true);
    }

    /**
     * Creates a runner that may leave the bonus tests out.
     *
     * @param maven how to run Maven
     * @param offline true to run Maven with {@code -o}
     * @param budgets the limits of each stage
     * @param workDir a directory outside the grading tree for the per-test record and its listener,
     *     or null to go without them
     * @param bonus false to leave out the tests tagged {@value TestCatalog#BONUS_TAG}
     *     ({@code -DexcludedGroups}), for a course that does not offer the bonus tasks
     */
    public StageRunner(Maven maven, boolean offline, Budgets budgets, Path workDir, boolean bonus) {
        this.maven = maven;
        this.offline = offline;
        this.budgets = budgets;
        this.workDir = workDir;
        this.bonus = bonus;
    }

    /**
     * Maven's arguments for one stage: build the stages it needs, run only its tests (without the
     * bonus tests when the runner leaves them out), and keep going when tests fail.
     *
     * @param stage the stage
     * @return the arguments after {@code mvn}
     */
    public List<String> mavenArguments(Stage stage) {
        return mavenArguments(stage, budgets, null);
    }

    private List<String> mavenArguments(Stage stage, Budgets limits, Path listenerJar) {
        List<String> args = new ArrayList<>();
        args.add("-B");
        if (offline) {
            args.add("-o");
        }
        args.addAll(List.of("test", "-pl", stage.module(), "-am",
                "-Dtest=" + TestPatterns.forModule(stage.dir()), "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dmaven.test.failure.ignore=true", "-DreuseForks=false",
                "-Dsurefire.timeout=" + Math.max(1, limits.testClass().toSeconds()),
                "-Dmaven.test.redirectTestOutputToFile=true"));
        if (!bonus) {
            args.add("-DexcludedGroups=" + TestCatalog.BONUS_TAG);
        }
        if (listenerJar != null) {
            args.add("-Dmaven.test.additionalClasspath=" + listenerJar);
        }
        return args;
    }

    /**
     * Runs a stage with the default budget, without reading the per-test record.
     *
     * @param tree the grading tree
     * @param stage the stage, inside the tree
     * @param log where Maven's output goes
     * @return the outcome
     */
    public StageOutcome run(GradingTree tree, Stage stage, Path log) {
        return run(tree, stage, log, budgets.stage(), List.of());
    }

    /**
     * Runs a stage and reads what came of it.
     *
     * @param tree the grading tree
     * @param stage the stage, inside the tree
     * @param log where Maven's output goes
     * @param budget how long the stage may take (at most the runner's stage budget)
     * @param catalog the stage's graded tests (to find the classes a stopped JVM was running)
     * @return the outcome
     */
    public StageOutcome run(GradingTree tree, Stage stage, Path log, Duration budget, List<GradedTest> catalog) {
        Budgets limits = budget.compareTo(budgets.stage()) < 0 ? budgets.withStage(budget) : budgets;
        Path record = null;
        Path listenerJar = null;
        if (workDir != null) {
            try {
                Path dir = Files.createDirectories(workDir.resolve("progress"));
                record = dir.resolve(stage.module() + ".txt");
                Files.deleteIfExists(record);
                listenerJar = dir.resolve("workbook-progress-listener.jar");
                if (!Files.exists(listenerJar)) {
                    ProgressRecord.writeListenerJar(listenerJar);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the per-test record in " + workDir, e);
            }
        }
        long start = System.nanoTime();
        Maven.BoundedRun run;
        try {
            tree.stageTests(stage);
            SurefireReports.delete(stage.dir());
            Map<String, String> environment = record == null ? Map.of()
                    : Map.of(ProgressListener.FILE, record.toString());
            run = maven.run(tree.dir(), mavenArguments(stage, limits, listenerJar), log,
                    new Maven.Bounds(limits.stage(), limits.maxLogBytes(), environment,
                            SurefireReports.directory(stage.dir()), limits.maxOutputBytes()));
        } finally {
            tree.dropTests(stage);
        }
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        BuildLog buildLog = readLog(log, tree.dir());
        List<String> notes = new ArrayList<>();
        if (run.stopped() != null) {
            notes.add("note: the stage was stopped: " + run.stopped() + "; its tests without a result score 0");
        }
        if (buildLog.forkTimedOut()) {
            notes.add("note: a test class ran for longer than its limit of " + limits.testClass().toSeconds()
                    + " s and its JVM was stopped");
        }
        List<SurefireReports.ReportFile> files = SurefireReports.readFiles(SurefireReports.directory(stage.dir()));
        List<TestCaseResult> results = new ArrayList<>(believed(files, buildLog, notes));
        results.addAll(fromRecord(record, files, buildLog, catalog, notes));
        if (!results.isEmpty() || files != null) {
            List<String> problems = new ArrayList<>(notes);
            if (run.stopped() == null && run.exitCode() != 0) {
                problems.add("the test run ended with an error; tests without a result score 0 ("
                        + String.join("; ", buildLog.errorLines(2)) + ")");
            }
            return new StageOutcome(stage.module(), StageStatus.TESTED, results, problems, seconds);
        }
        Optional<BuildLog.FailedCompile> failed = buildLog.failedCompile();
        if (failed.isPresent() && !failed.get().module().equals(stage.module())) {
            List<String> problems = new ArrayList<>();
            problems.add("it needs " + failed.get().module() + ", which does not compile");
            problems.addAll(notes);
            return new StageOutcome(stage.module(), StageStatus.BLOCKED, List.of(), problems, seconds);
        }
        if (failed.isPresent()) {
            boolean tests = failed.get().goal().equals("testCompile");
            List<String> problems = new ArrayList<>();
            problems.add(tests
                    ? "the official tests do not compile against this code: a class, method or signature they use"
                            + " is missing or changed"
                    : "the stage's code does not compile:");
            problems.addAll(buildLog.compilerErrors(stage.module()));
            problems.addAll(Contracts.brokenBefore(tree, stage));
            problems.addAll(notes);
            return new StageOutcome(stage.module(), tests ? StageStatus.TESTS_NOT_COMPILED : StageStatus.NOT_COMPILED,
                    List.of(), problems, seconds);
        }
        List<String> problems = new ArrayList<>(notes);
        if (run.stopped() != null) {
            return new StageOutcome(stage.module(), StageStatus.STOPPED, List.of(), problems, seconds);
        }
        problems.add(run.exitCode() == 0 ? "no test reports were written"
                : "Maven failed (exit code " + run.exitCode() + "):");
        problems.addAll(buildLog.errorLines(6));
        return new StageOutcome(stage.module(), StageStatus.BUILD_FAILED, List.of(), problems, seconds);
    }

    private static BuildLog readLog(Path log, Path treeRoot) {
        try {
            if (!Files.exists(log)) {
                Files.createDirectories(log.toAbsolutePath().getParent());
                Files.writeString(log, "");
            }
            return BuildLog.read(log, treeRoot);
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot read Maven's log " + log, e instanceof IOException io ? io
                    : ((UncheckedIOException) e).getCause());
        }
    }

    /**
     * The results of the reports that agree with Maven's counts; a note for every report that does
     * not, or that cannot be read.
     */
    static List<TestCaseResult> believed(List<SurefireReports.ReportFile> files, BuildLog log, List<String> notes) {
        if (files == null) {
            return List.of();
        }
        Map<String, List<SurefireReports.ReportFile>> byName = new LinkedHashMap<>();
        for (SurefireReports.ReportFile file : files) {
            if (file.problem() != null) {
                notes.add("note: the test report " + file.file().getFileName() + " cannot be read (" + file.problem()
                        + "); the tests of " + file.suiteName() + " score 0");
            } else {
                byName.computeIfAbsent(file.shownName(), k -> new ArrayList<>()).add(file);
            }
        }
        Map<String, BuildLog.Counts> printed = log.classCounts();
        List<TestCaseResult> results = new ArrayList<>();
        for (Map.Entry<String, List<SurefireReports.ReportFile>> entry : byName.entrySet()) {
            BuildLog.Counts reported = new BuildLog.Counts(0, 0, 0, 0);
            List<TestCaseResult> cases = new ArrayList<>();
            for (SurefireReports.ReportFile file : entry.getValue()) {
                cases.addAll(file.cases());
            }
            for (TestCaseResult c : cases) {
                reported = reported.plus(new BuildLog.Counts(1, c.outcome() == TestCaseResult.Outcome.FAILED ? 1 : 0,
                        c.outcome() == TestCaseResult.Outcome.ERROR ? 1 : 0,
                        c.outcome() == TestCaseResult.Outcome.SKIPPED ? 1 : 0));
            }
            BuildLog.Counts fromMaven = printed.get(entry.getKey());
            if (reported.equals(fromMaven)) {
                results.addAll(cases);
            } else {
                notes.add("note: the test report of " + entry.getValue().get(0).suiteName() + " does not match what Maven"
                        + " printed for it (report: " + reported + "; Maven: " + (fromMaven == null ? "nothing" : fromMaven)
                        + "), so it is not believed: its tests score 0");
            }
        }
        return results;
    }

    /**
     * For the catalog's classes that Maven started but never finished (their JVM was stopped) and
     * that have no report, the results the per-test record holds, with a note per class.
     */
    private static List<TestCaseResult> fromRecord(Path record, List<SurefireReports.ReportFile> files, BuildLog log,
            List<GradedTest> catalog, List<String> notes) {
        if (record == null || catalog.isEmpty()) {
            return List.of();
        }
        Set<String> reported = new HashSet<>();
        if (files != null) {
            files.forEach(f -> reported.add(f.suiteName()));
        }
        Set<String> started = log.started();
        Map<String, BuildLog.Counts> finished = log.classCounts();
        Set<String> stopped = new HashSet<>();
        for (GradedTest test : catalog) {
            // Maven prints a class's display name, or its qualified name when it has none.
            String shown = started.contains(test.className()) ? test.className() : classDisplayName(test);
            if (!reported.contains(test.className()) && started.contains(shown) && !finished.containsKey(shown)) {
                stopped.add(test.className());
            }
        }
        if (stopped.isEmpty()) {
            return List.of();
        }
        List<TestCaseResult> results = ProgressRecord.results(record, stopped);
        for (String className : stopped.stream().sorted().toList()) {
            long passed = results.stream().filter(r -> r.className().equals(className)
                    && r.outcome() == TestCaseResult.Outcome.PASSED).count();
            notes.add("note: " + className + " was stopped before it finished; " + passed + " of its tests had passed by then and"
                    + " count (from the grader's per-test record), the others score 0");
        }
        return results;
    }

    /** The display name of a test's class, as Maven prints it: the part of the test's name before " › ". */
    private static String classDisplayName(GradedTest test) {
        int at = test.displayName().indexOf(" › ");
        return at < 0 ? test.displayName() : test.displayName().substring(0, at);
    }
}
