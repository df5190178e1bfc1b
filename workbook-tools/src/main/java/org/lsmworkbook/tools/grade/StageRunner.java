package org.lsmworkbook.tools.grade;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.maven.Maven;
import org.lsmworkbook.tools.maven.SurefireReports;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestPatterns;

/**
 * Runs one stage's official tests in the grading tree, with its own Maven run, so that whatever
 * goes wrong in one stage (a compile error, a crashed test JVM) costs that stage only.
 *
 * <p>Each test class runs in a JVM of its own ({@code -DreuseForks=false}): a test that loops
 * for ever is stopped by its JUnit timeout, but its thread cannot be killed and would slow every
 * later test of the same JVM. A JVM that outlives {@link #FORK_TIMEOUT_SECONDS} is killed.
 */
public final class StageRunner {

    /** The longest one test class's JVM may run before surefire kills it. */
    public static final int FORK_TIMEOUT_SECONDS = 300;

    private final Maven maven;
    private final boolean offline;

    /**
     * Creates a runner.
     *
     * @param maven how to run Maven
     * @param offline true to run Maven with {@code -o} (every dependency already in the local repository)
     */
    public StageRunner(Maven maven, boolean offline) {
        this.maven = maven;
        this.offline = offline;
    }

    /**
     * Maven's arguments for one stage: build the stages it needs, run only its tests, and keep
     * going when tests fail.
     *
     * @param stage the stage
     * @return the arguments after {@code mvn}
     */
    public List<String> mavenArguments(Stage stage) {
        List<String> args = new ArrayList<>();
        args.add("-B");
        if (offline) {
            args.add("-o");
        }
        args.addAll(List.of("test", "-pl", stage.module(), "-am",
                "-Dtest=" + TestPatterns.forModule(stage.dir()), "-Dsurefire.failIfNoSpecifiedTests=false",
                "-Dmaven.test.failure.ignore=true", "-DreuseForks=false",
                "-Dsurefire.timeout=" + FORK_TIMEOUT_SECONDS));
        return args;
    }

    /**
     * Runs a stage and reads what came of it.
     *
     * @param tree the grading tree
     * @param stage the stage, inside the tree
     * @param log where Maven's output goes
     * @return the outcome
     */
    public StageOutcome run(GradingTree tree, Stage stage, Path log) {
        SurefireReports.delete(stage.dir());
        long start = System.nanoTime();
        int exit = maven.run(tree.dir(), mavenArguments(stage), log);
        long seconds = Math.round((System.nanoTime() - start) / 1e9);
        List<TestCaseResult> results = SurefireReports.read(SurefireReports.directory(stage.dir()));
        if (results != null && !results.isEmpty()) {
            List<String> problems = exit == 0 ? List.of()
                    : List.of("the test run ended with an error; tests without a result score 0 ("
                            + String.join("; ", BuildLog.read(log, tree.dir()).errorLines(2)) + ")");
            return new StageOutcome(stage.module(), StageStatus.TESTED, results, problems, seconds);
        }
        BuildLog buildLog = BuildLog.read(log, tree.dir());
        Optional<BuildLog.FailedCompile> failed = buildLog.failedCompile();
        if (failed.isPresent() && !failed.get().module().equals(stage.module())) {
            return new StageOutcome(stage.module(), StageStatus.BLOCKED, List.of(),
                    List.of("it needs " + failed.get().module() + ", which does not compile"), seconds);
        }
        if (failed.isPresent()) {
            boolean tests = failed.get().goal().equals("testCompile");
            List<String> problems = new ArrayList<>();
            problems.add(tests
                    ? "the official tests do not compile against this code: a class, method or signature they use"
                            + " is missing or changed"
                    : "the stage's code does not compile:");
            problems.addAll(buildLog.compilerErrors(stage.module()));
            return new StageOutcome(stage.module(), tests ? StageStatus.TESTS_NOT_COMPILED : StageStatus.NOT_COMPILED,
                    List.of(), problems, seconds);
        }
        List<String> problems = new ArrayList<>();
        problems.add(exit == 0 ? "no test reports were written" : "Maven failed (exit code " + exit + "):");
        problems.addAll(buildLog.errorLines(6));
        return new StageOutcome(stage.module(), StageStatus.BUILD_FAILED, List.of(), problems, seconds);
    }
}
