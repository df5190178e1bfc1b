package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.grade.Expectation;
import org.lsmworkbook.tools.grade.GradeReport;
import org.lsmworkbook.tools.grade.GradedTest;
import org.lsmworkbook.tools.grade.GradingTree;
import org.lsmworkbook.tools.grade.StageGrade;
import org.lsmworkbook.tools.grade.StageOutcome;
import org.lsmworkbook.tools.grade.StageRunner;
import org.lsmworkbook.tools.grade.Submission;
import org.lsmworkbook.tools.grade.TestCatalog;

/**
 * {@code grade --submission DIR [--json FILE] [--offline] [--keep] [--expect full|stubs]}: grades a
 * student's edition with the official tests.
 *
 * <p>The submission's {@code src/main} trees are copied into a fresh copy of this repository (see
 * {@link GradingTree}); each stage then runs in its own Maven run (see {@link StageRunner}), in
 * course order, whatever happened to the stages before it. The grade counts every test of the
 * official suite, hidden ones included, found by reading the test sources (see
 * {@link TestCatalog}), so a stage that does not compile still shows what it was worth.
 *
 * <p>A stage's tests are removed from the grading tree once they have run (see {@link
 * GradingTree#dropTests}), so {@code --keep} keeps the code and the logs, not the tests.
 *
 * <p>The exit code is 0 when grading finished, whatever the score; with {@code --expect} it is 1
 * when the grade is not what was expected (see {@link Expectation}). When the submission cannot
 * be graded at all, {@code --json} still gets a {@code results.json} that says why, with score 0.
 */
public final class GradeCommand implements Command {

    @Override
    public String name() {
        return "grade";
    }

    @Override
    public String usage() {
        return "grade --submission DIR [--json FILE] [--offline] [--keep] [--expect full|stubs]";
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
        String expectArg = args.option("--expect");
        args.positional(0);
        if (submissionArg == null) {
            throw WorkbookException.usage("grade: which submission? give --submission DIR (a student's edition)");
        }
        Expectation expectation = expectArg == null ? null : Expectation.parse(expectArg);
        Path json = jsonArg == null ? null : Path.of(jsonArg).toAbsolutePath().normalize();
        Path submission;
        try {
            submission = Submission.root(Path.of(submissionArg).toAbsolutePath().normalize());
        } catch (WorkbookException e) {
            if (json != null) {
                write(json, GradeReport.failure("The submission could not be graded: " + e.getMessage()));
            }
            throw e;
        }
        long start = System.nanoTime();

        Path work = createWorkDir();
        try {
            context.out().println("grading " + submission + " with the official tests of " + context.root());
            GradingTree tree = GradingTree.create(context.root(), submission, work);
            tree.notes().forEach(note -> context.out().println("note: " + note));
            List<List<GradedTest>> catalogs = new ArrayList<>();
            for (Stage stage : tree.stages()) {
                catalogs.add(TestCatalog.of(stage));
            }
            StageRunner runner = new StageRunner(context.maven(), offline);
            List<StageGrade> grades = new ArrayList<>();
            for (int i = 0; i < tree.stages().size(); i++) {
                Stage stage = tree.stages().get(i);
                List<GradedTest> catalog = catalogs.get(i);
                long hidden = catalog.stream().filter(GradedTest::hidden).count();
                context.out().println(stage.module() + ": running " + catalog.size() + " tests (" + hidden
                        + " hidden)...");
                Path log = work.resolve("logs").resolve(stage.module() + ".log");
                StageOutcome outcome = runner.run(tree, stage, log);
                tree.dropTests(stage);
                StageGrade grade = StageGrade.score(stage.day(), catalog, outcome);
                grades.add(grade);
                context.out().println(stage.module() + ": " + outcome.status().label() + ", " + grade.passed() + "/"
                        + catalog.size() + " tests, " + grade.points() + "/" + grade.maxPoints() + " points ("
                        + outcome.seconds() + " s)");
            }
            long seconds = Math.round((System.nanoTime() - start) / 1e9);
            GradeReport report = new GradeReport(grades, tree.notes(), seconds);
            context.out().println();
            report.table().forEach(context.out()::println);
            List<String> details = report.details();
            if (!details.isEmpty()) {
                context.out().println();
                details.forEach(context.out()::println);
            }
            if (json != null) {
                write(json, report.toJson());
                context.out().println("wrote " + json);
            }
            context.out().println("graded in " + seconds + " s"
                    + (keep ? "; the grading tree and Maven's logs are in " + work : ""));
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
        } finally {
            if (!keep) {
                GradingTree.deleteTree(work);
            }
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("workbook-grade-").toRealPath();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory to grade in", e);
        }
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
