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

/**
 * {@code test [dayN]}: runs one stage's tests, or every stage's, with Maven, and ends with a
 * summary line per stage after the failed tests' names.
 *
 * <p>Test failures do not stop Maven ({@code -Dmaven.test.failure.ignore}): every stage then gets
 * a result, and the verdict comes from the reports, not from Maven's exit code.
 */
public final class TestCommand implements Command {

    @Override
    public String name() {
        return "test";
    }

    @Override
    public String usage() {
        return "test [dayN]";
    }

    @Override
    public String description() {
        return "run one stage's tests (or every stage's) and summarise them";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        List<String> positional = new Arguments(name(), arguments).positional(1);
        Path root = context.root();
        List<Stage> all = Stages.find(root);
        if (all.isEmpty()) {
            throw new WorkbookException("no stages under " + root + " (directories dayN-name with a pom.xml)");
        }
        List<Stage> selected = positional.isEmpty() ? all : List.of(Stages.resolve(all, positional.get(0)));
        List<String> mavenArgs = new ArrayList<>(List.of("-B", "test"));
        if (positional.isEmpty()) {
            mavenArgs.addAll(List.of("-pl", modules(all)));
        } else {
            Stage stage = selected.get(0);
            // -am builds the earlier stages this one needs; -Dtest keeps their tests from running.
            mavenArgs.addAll(List.of("-pl", stage.module(), "-am", "-Dsurefire.failIfNoSpecifiedTests=false",
                    "-Dtest=" + TestPatterns.forModule(stage.dir())));
        }
        mavenArgs.add("-Dmaven.test.failure.ignore=true");
        for (Stage stage : selected) {
            SurefireReports.delete(stage.dir());
        }
        int exit = context.maven().run(root, mavenArgs, null);

        boolean allPassed = exit == 0;
        List<String> failedNames = new ArrayList<>();
        List<String> summaries = new ArrayList<>();
        for (Stage stage : selected) {
            List<TestCaseResult> results = SurefireReports.read(SurefireReports.directory(stage.dir()));
            if (results == null) {
                if (exit != 0) {
                    summaries.add(stage.module() + ": did not compile, or the build stopped before its tests"
                            + " (see Maven's output above)");
                } else {
                    summaries.add(stage.module() + ": no tests");
                }
                continue;
            }
            TestTally tally = TestTally.of(results);
            for (TestCaseResult result : results) {
                if (result.outcome().isFailure()) {
                    failedNames.add("  " + result.displayName()
                            + (result.outcome() == TestCaseResult.Outcome.ERROR ? " (error)" : ""));
                    if (!result.message().isEmpty()) {
                        failedNames.add("      " + shorten(result.message(), 220));
                    }
                }
            }
            allPassed &= tally.failed() == 0;
            summaries.add(stage.module() + ": " + tally.describe());
        }
        context.out().println();
        if (!failedNames.isEmpty()) {
            context.out().println("Failed tests:");
            failedNames.forEach(context.out()::println);
        }
        summaries.forEach(context.out()::println);
        return allPassed ? 0 : 1;
    }

    /** Long assertion messages are cut: the full text is in Maven's output above. */
    private static String shorten(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }

    static String modules(List<Stage> stages) {
        return String.join(",", stages.stream().map(Stage::module).toList());
    }
}
