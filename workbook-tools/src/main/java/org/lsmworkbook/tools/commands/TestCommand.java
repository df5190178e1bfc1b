package org.lsmworkbook.tools.commands;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;
import org.lsmworkbook.tools.grade.GradedTest;
import org.lsmworkbook.tools.grade.TestCatalog;
import org.lsmworkbook.tools.maven.SurefireReports;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestPatterns;
import org.lsmworkbook.tools.maven.TestTally;
import org.lsmworkbook.tools.summary.FailureSummary;
import org.lsmworkbook.tools.summary.SourceIndex;

/**
 * {@code test [dayN [TestClass[#method]]]}: runs one stage's tests (or one class or method of them),
 * or every stage's, with Maven, and ends with each failed test explained (its whole message, the
 * line of the code where it went wrong, the test's line, the command that reruns it) and a summary
 * line per stage.
 *
 * <p>A stage is always built with {@code -am} from this edition's own earlier stages, never from
 * jars in the local Maven repository. Test failures do not stop Maven
 * ({@code -Dmaven.test.failure.ignore}): every stage then gets a result, and the verdict comes from
 * the reports, not from Maven's exit code.
 *
 * <p>Tests of bonus tasks (tagged {@value TestCatalog#BONUS_TAG}) are counted apart: their failures
 * are listed under a heading of their own, the summary line says how many pass ("bonus: 0/5
 * passing — optional, ..."), and when a whole stage (or every stage) runs they do not make the
 * command fail, so a student who skips the bonus tasks sees a stage whose core passes as done (and
 * GitHub Classroom's step for it passes). A run of one class or method counts whatever it selects.
 */
public final class TestCommand implements Command {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String usage() {
        return "test [dayN [TestClass[#method]]]";
    }

    @Override
    public String description() {
        return "run the tests of every stage, of one stage, or of one test class or method";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        List<String> positional = new Arguments(name(), arguments).positional(2);
        Path root = context.root();
        List<Stage> all = Stages.find(root);
        if (all.isEmpty()) {
            throw new WorkbookException("no stages under " + root + " (directories dayN-name with a pom.xml)");
        }
        List<Stage> selected = positional.isEmpty() ? all : List.of(Stages.resolve(all, positional.get(0)));
        TestSelection selection = positional.size() < 2 ? null : TestSelection.parse(selected.get(0), positional.get(1));
        List<String> mavenArgs = new ArrayList<>(List.of("-B", "test"));
        if (positional.isEmpty()) {
            mavenArgs.addAll(List.of("-pl", modules(all)));
        } else {
            Stage stage = selected.get(0);
            // -am builds the earlier stages this one needs; -Dtest keeps their tests from running.
            String tests = selection == null ? TestPatterns.forModule(stage.dir()) : selection.surefirePattern();
            mavenArgs.addAll(List.of("-pl", stage.module(), "-am", "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Dtest=" + tests));
        }
        mavenArgs.add("-Dmaven.test.failure.ignore=true");
        for (Stage stage : selected) {
            SurefireReports.delete(stage.dir());
        }
        int exit = context.maven().run(root, mavenArgs, null);

        SourceIndex index = SourceIndex.of(root, all);
        boolean allPassed = exit == 0;
        List<String> failures = new ArrayList<>();
        List<String> bonusFailures = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (Stage stage : selected) {
            List<TestCaseResult> results = SurefireReports.read(SurefireReports.directory(stage.dir()));
            if (results == null) {
                allPassed = false;
                if (exit != 0) {
                    summaries.add(stage.module() + ": did not compile, or the build stopped before its tests"
                            + " (see Maven's output above)");
                } else {
                    summaries.add(stage.module() + ": no tests ran");
                }
                continue;
            }
            Set<String> bonusKeys = bonusKeys(stage);
            List<TestCaseResult> core = results.stream().filter(r -> !bonusKeys.contains(GradedTest.keyOf(r))).toList();
            List<TestCaseResult> bonus = results.stream().filter(r -> bonusKeys.contains(GradedTest.keyOf(r))).toList();
            TestTally tally = TestTally.of(core);
            TestTally bonusTally = TestTally.of(bonus);
            failures.addAll(FailureSummary.lines(stage, core, index));
            bonusFailures.addAll(FailureSummary.lines(stage, bonus, index));
            allPassed &= tally.failed() == 0 && (selection == null || bonusTally.failed() == 0);
            summaries.add(stage.module() + ": " + tally.describe() + bonusSummary(stage, bonusTally));
        }
        context.out().println();
        if (!bonusFailures.isEmpty()) {
            // Before the core's failures, so that those stay next to the summary a student reads last.
            context.out().println("Failed bonus tests (optional tasks: they do not count against the stage's core):");
            bonusFailures.forEach(context.out()::println);
            context.out().println();
        }
        if (!failures.isEmpty()) {
            context.out().println("Failed tests (the first of each class in full; the rest of its message and the"
                    + " whole stack trace are in Maven's output above):");
            failures.forEach(context.out()::println);
            context.out().println();
        }
        summaries.forEach(context.out()::println);
        return allPassed ? 0 : 1;
    }

    /**
     * The summary's part on a stage's bonus tests: empty without any, else e.g.
     * "; bonus: 0/5 passing — optional, see the Bonus section of docs/day2-sst.md".
     */
    static String bonusSummary(Stage stage, TestTally bonus) {
        if (bonus.total() == 0) {
            return "";
        }
        return "; bonus: " + bonus.passed() + "/" + bonus.total() + " passing — optional, see the Bonus section of "
                + stage.chapter();
    }

    /** The keys ("Class#method") of a stage's bonus tests; none when its test sources cannot be read. */
    private static Set<String> bonusKeys(Stage stage) {
        try {
            return TestCatalog.of(stage).stream().filter(GradedTest::bonus).map(GradedTest::key)
                    .collect(Collectors.toSet());
        } catch (WorkbookException | UncheckedIOException e) {
            // A test edited beyond what the catalog reads: every test then counts as a test of the core.
            return Set.of();
        }
    }

    static String modules(List<Stage> stages) {
        return String.join(",", stages.stream().map(Stage::module).toList());
    }
}
