package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.grade.Expectation;
import org.lsmworkbook.tools.grade.GradeReport;
import org.lsmworkbook.tools.grade.GradedTest;
import org.lsmworkbook.tools.grade.GradingTree;
import org.lsmworkbook.tools.grade.Leaderboard;
import org.lsmworkbook.tools.grade.LeaderboardRun;
import org.lsmworkbook.tools.grade.StageGrade;
import org.lsmworkbook.tools.grade.StageOutcome;
import org.lsmworkbook.tools.grade.StageRunner;
import org.lsmworkbook.tools.grade.StageStatus;
import org.lsmworkbook.tools.grade.Submission;
import org.lsmworkbook.tools.grade.TestCatalog;
import org.lsmworkbook.tools.grade.WorkDir;
import org.lsmworkbook.tools.maven.MavenProcess;

/**
 * {@code grade --submission DIR [--json FILE] [--offline] [--keep] [--expect full|stubs]
 * [--stage-seconds N] [--grade-seconds N] [--leaderboard] [--no-bonus]}: grades a student's edition
 * with the official tests.
 *
 * <p>The submission's {@code src/main} trees are copied into a fresh copy of this repository (see
 * {@link GradingTree}); each stage then runs in its own Maven run (see {@link StageRunner}), in
 * course order, whatever happened to the stages before it. The grade counts every test of the
 * official suite, hidden ones included, found by reading the test sources (see
 * {@link TestCatalog}), so a stage that does not compile still shows what it was worth.
 *
 * <p>A stage's tests are in the grading tree only while it runs (see {@link GradingTree#stageTests}
 * and {@link GradingTree#dropTests}), so {@code --keep} keeps the code and the logs, not the tests.
 *
 * <p>Time is bounded: each stage has {@code --stage-seconds} (default 300), the whole grade
 * {@code --grade-seconds} (default 1200); a stage that runs out keeps what its finished tests earned,
 * and stages left when the grade's budget is spent score 0 as "stopped". Every such
 * event, and every report that was refused, is a {@code note:} in the output and in
 * {@code results.json}. The grading directory is removed also when the grader is stopped by a
 * signal (see {@link WorkDir}).
 *
 * <p>Tests of bonus tasks (tagged {@value TestCatalog#BONUS_TAG}) are extra credit: their points
 * are added to the score but not to the maximum, and the table shows them in a column of their own
 * (see {@link GradeReport#table()}). With {@code --no-bonus}, for a course that does not offer the
 * bonus tasks, they are neither run ({@code -DexcludedGroups=bonus}) nor shown.
 *
 * <p>With {@code --leaderboard}, a submission whose every graded test passed is then measured with
 * the project's benchmark (see {@link LeaderboardRun}) and {@code results.json} gets Gradescope's
 * {@code leaderboard} array; a submission that failed a test, or whose engine answered wrongly in
 * the benchmark, gets none, with a note. The leaderboard never changes the score, and its runs
 * share the grade's time budget.
 *
 * <p>The exit code is 0 when grading finished, whatever the score; with {@code --expect} it is 1
 * when the grade is not what was expected (see {@link Expectation}). When the submission cannot
 * be graded at all, or grading fails, {@code --json} still gets a {@code results.json} that says
 * why, with score 0.
 */
public final class GradeCommand implements Command {

    /** How long a whole grade may take unless {@code --grade-seconds} says otherwise: 20 minutes. */
    public static final Duration DEFAULT_GRADE_BUDGET = Duration.ofMinutes(20);

    /** How the benchmark's JVM is started: a bounded run, stopped with all it started. */
    private final LeaderboardRun.Launcher java;

    /** The command, starting the benchmark with this JVM's {@code java}. */
    public GradeCommand() {
        this(new MavenProcess(ChildProcess.javaExecutable())::run);
    }

    /**
     * The command with another way to start the benchmark's JVM (tests play it).
     *
     * @param java how to start {@code java} within bounds
     */
    public GradeCommand(LeaderboardRun.Launcher java) {
        this.java = java;
    }

    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String usage() {
        return "grade --submission DIR [--json FILE] [--offline] [--keep] [--expect full|stubs]"
                + " [--stage-seconds N] [--grade-seconds N] [--leaderboard] [--no-bonus]";
    }

    @Override
    public String description() {
        return "grade a student's edition with the official tests (hidden ones included)";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        Arguments args = new Arguments(name(), arguments);
        String submissionArg = args.option("--submission");
        String jsonArg = args.option("--json");
        boolean offline = args.flag("--offline");
        boolean keep = args.flag("--keep");
        boolean leaderboard = args.flag("--leaderboard");
        boolean bonus = !args.flag("--no-bonus");
        String expectArg = args.option("--expect");
        Duration stageBudget = seconds(args.option("--stage-seconds"), "--stage-seconds",
                StageRunner.Budgets.DEFAULT.stage());
        Duration gradeBudget = seconds(args.option("--grade-seconds"), "--grade-seconds", DEFAULT_GRADE_BUDGET);
        args.positional(0);
        if (submissionArg == null) {
            throw WorkbookException.usage("grade: which submission? give --submission DIR (a student's edition)");
        }
        Expectation expectation = expectArg == null ? null : Expectation.parse(expectArg);
        Path json = jsonArg == null ? null : Path.of(jsonArg).toAbsolutePath().normalize();
        try {
            return grade(context, Path.of(submissionArg), json, offline, keep, expectation, expectArg,
                    StageRunner.Budgets.DEFAULT.withStage(stageBudget), gradeBudget, leaderboard, bonus);
        } catch (RuntimeException | Error e) {
            // Whatever went wrong, Gradescope gets a results.json that says so.
            if (json != null) {
                write(json, GradeReport.failure("The submission could not be graded: " + e.getMessage()));
            }
            throw e;
        }
    }

    private int grade(Context context, Path submissionArg, Path json, boolean offline, boolean keep,
            Expectation expectation, String expectArg, StageRunner.Budgets budgets, Duration gradeBudget,
            boolean leaderboard, boolean bonus) {
        Path submission = Submission.root(submissionArg.toAbsolutePath().normalize());
        long start = System.nanoTime();
        long deadline = start + gradeBudget.toNanos();
        try (WorkDir work = WorkDir.create(keep)) {
            context.out().println("grading " + submission + " with the official tests of " + context.root());
            GradingTree tree = GradingTree.create(context.root(), submission, work.tree());
            work.hide();
            tree.notes().forEach(note -> context.out().println("note: " + note));
            List<List<GradedTest>> catalogs = new ArrayList<>();
            for (Stage stage : tree.stages()) {
                List<GradedTest> catalog = TestCatalog.of(tree.officialStage(stage));
                // Without the bonus tasks, their tests are neither run nor shown, as if they did not exist.
                catalogs.add(bonus ? catalog : catalog.stream().filter(t -> !t.bonus()).toList());
            }
            if (!bonus) {
                context.out().println("bonus tasks off (--no-bonus): their tests are neither run nor counted");
            }
            StageRunner runner = new StageRunner(context.maven(), offline, budgets, work.records(), bonus);
            List<StageGrade> grades = new ArrayList<>();
            List<String> notes = new ArrayList<>(tree.notes());
            for (int i = 0; i < tree.stages().size(); i++) {
                Stage stage = tree.stages().get(i);
                List<GradedTest> catalog = catalogs.get(i);
                Duration left = Duration.ofNanos(deadline - System.nanoTime());
                StageOutcome outcome;
                if (left.compareTo(Duration.ofSeconds(5)) < 0) {
                    outcome = new StageOutcome(stage.module(), StageStatus.STOPPED, List.of(),
                            List.of("note: not run: the grade's time budget of " + gradeBudget.toSeconds()
                                    + " s ran out before this stage"), 0);
                } else {
                    long hidden = catalog.stream().filter(GradedTest::hidden).count();
                    long bonusTests = catalog.stream().filter(GradedTest::bonus).count();
                    context.out().println(stage.module() + ": running " + catalog.size() + " tests (" + hidden
                            + " hidden" + (bonusTests > 0 ? ", " + bonusTests + " bonus" : "") + ")...");
                    Path log = work.logs().resolve(stage.module() + ".log");
                    Duration budget = left.compareTo(budgets.stage()) < 0 ? left : budgets.stage();
                    outcome = runner.run(tree, stage, log, budget, catalog);
                }
                StageGrade grade = StageGrade.score(stage.day(), catalog, outcome);
                grades.add(grade);
                context.out().println(stage.module() + ": " + outcome.status().label() + ", " + grade.passed() + "/"
                        + grade.tests() + " tests, " + grade.corePoints() + "/" + grade.maxPoints() + " points"
                        + (grade.bonusTests() > 0 ? ", extra credit " + grade.bonusPoints() + "/" + grade.bonusMaxPoints()
                        : "") + " (" + outcome.seconds() + " s)");
                outcome.problems().stream().filter(p -> p.startsWith("note: "))
                        .forEach(p -> context.out().println(stage.module() + ": " + p));
            }
            Leaderboard board = leaderboard
                    ? leaderboard(context, tree, work, offline, grades, Duration.ofNanos(deadline - System.nanoTime()))
                    : Leaderboard.off();
            long seconds = Math.round((System.nanoTime() - start) / 1e9);
            GradeReport report = new GradeReport(grades, notes, seconds, board);
            context.out().println();
            report.table().forEach(context.out()::println);
            List<String> details = report.details();
            if (!details.isEmpty()) {
                context.out().println();
                details.forEach(context.out()::println);
            }
            if (!board.lines().isEmpty()) {
                context.out().println();
                board.lines().forEach(context.out()::println);
            }
            if (json != null) {
                write(json, report.toJson());
                context.out().println("wrote " + json);
            }
            context.out().println("graded in " + seconds + " s"
                    + (keep ? "; the grading tree and Maven's logs are in " + work.dir() : ""));
            if (expectation != null) {
                List<String> offenses = expectation.offenses(report);
                if (!offenses.isEmpty()) {
                    context.out().println("NOT AS EXPECTED (--expect " + expectArg + "): " + offenses.size() + " tests");
                    offenses.stream().limit(30).forEach(line -> context.out().println("  " + line));
                    return 1;
                }
                context.out().println("as expected (--expect " + expectArg + ")");
            }
            return 0;
        }
    }

    /**
     * The leaderboard of a graded submission: none unless every graded test passed; otherwise the
     * benchmark's numbers, or none with the reason. Nothing that goes wrong here fails the grade.
     */
    private Leaderboard leaderboard(Context context, GradingTree tree, WorkDir work, boolean offline,
            List<StageGrade> grades, Duration left) {
        String reason = Leaderboard.notEligible(grades);
        if (reason != null) {
            return Leaderboard.none(reason);
        }
        if (left.compareTo(Duration.ofSeconds(15)) < 0) {
            return Leaderboard.none("the grade's time budget ran out before the benchmark could run");
        }
        context.out().println("leaderboard: every graded test of the core passed; building the benchmark and running it on"
                + " the submitted engine...");
        long start = System.nanoTime();
        Leaderboard board;
        try {
            board = new LeaderboardRun(context.maven(), offline, java, LeaderboardRun.Budgets.DEFAULT)
                    .run(tree, work.records().resolve("leaderboard"), work.logs(), left);
        } catch (RuntimeException e) {
            board = Leaderboard.none("the benchmark could not run: " + e.getMessage());
        }
        context.out().println("leaderboard: " + (board.entries().isEmpty() ? "no entry" : board.entries().size() + " entries")
                + " (" + Math.round((System.nanoTime() - start) / 1e9) + " s)");
        return board;
    }

    /** Reads a number of seconds, at least 10. */
    private static Duration seconds(String text, String option, Duration otherwise) {
        if (text == null) {
            return otherwise;
        }
        try {
            long value = Long.parseLong(text.strip());
            if (value >= 10) {
                return Duration.ofSeconds(value);
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw WorkbookException.usage("grade: " + option + " takes a whole number of seconds, at least 10, not '"
                + text + "'");
    }

    private static void write(Path file, String text) {
        try {
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
