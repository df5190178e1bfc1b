package org.lsmworkbook.tools.commands;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;
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
            TestTally tally = TestTally.of(results);
            failures.addAll(FailureSummary.lines(stage, results, index));
            allPassed &= tally.failed() == 0;
            summaries.add(stage.module() + ": " + tally.describe());
        }
        context.out().println();
        if (!failures.isEmpty()) {
            context.out().println("Failed tests (the first of each class in full; the rest of its message and the"
                    + " whole stack trace are in Maven's output above):");
            failures.forEach(context.out()::println);
            context.out().println();
        }
        summaries.forEach(context.out()::println);
        return allPassed ? 0 : 1;
    }

    static String modules(List<Stage> stages) {
        return String.join(",", stages.stream().map(Stage::module).toList());
    }
}
