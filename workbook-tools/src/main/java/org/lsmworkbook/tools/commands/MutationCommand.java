package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.SourceTree;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;
import org.lsmworkbook.tools.mutation.Mutant;
import org.lsmworkbook.tools.mutation.MutationsXml;
import org.lsmworkbook.tools.mutation.RegionScore;
import org.lsmworkbook.tools.mutation.RegionScorer;
import org.lsmworkbook.tools.mutation.ScoreReport;

/**
 * {@code mutation dayN [--min PERCENT] [--no-run]}: runs PIT (Maven profile {@code mutation}) over
 * one stage with its public and hidden tests, then prints the mutation score over the stage's
 * solution regions only, the surviving mutants with file and line, and the excluded ones.
 *
 * <p>PIT mutates only the stage's own packages and runs only the stage's own tests, less the
 * architecture rules (the profile excludes the tag). Earlier stages are built in the same reactor
 * ({@code -am}); nothing is installed. With {@code --no-run} the last report is scored again, e.g.
 * after adding an exclusion comment. The exit code is 0 when the score reaches the target (95% by
 * default), 1 when it does not or the score has problems.
 */
public final class MutationCommand implements Command {

    /** The score every stage must reach, in percent. */
    public static final int TARGET_PERCENT = 95;
    /** The Maven profile that configures PIT. */
    static final String PROFILE = "mutation";
    /** PIT's goal, with the plugin's coordinates (its version comes from the profile). */
    static final String GOAL = "org.pitest:pitest-maven:mutationCoverage";
    /** Where Maven's output goes, relative to the stage's directory. */
    static final String LOG = "target/mutation-maven.log";

    private final PrintStream progress;

    /**
     * Creates the command.
     *
     * @param progress where progress and a failed build's output are printed (standard error)
     */
    public MutationCommand(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "mutation";
    }

    @Override
    public String usage() {
        return "mutation dayN [--min PERCENT] [--no-run]";
    }

    @Override
    public String description() {
        return "run PIT over one stage and score the solution regions (minutes per stage)";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        Arguments args = new Arguments(name(), arguments);
        boolean noRun = args.flag("--no-run");
        String min = args.option("--min");
        List<String> positional = args.positional(1);
        if (positional.isEmpty()) {
            throw WorkbookException.usage("mutation: name the stage, e.g. ./workbook mutation day1");
        }
        int target = parsePercent(min);
        Path root = context.root();
        List<Stage> stages = Stages.find(root);
        if (stages.isEmpty()) {
            throw new WorkbookException("no stages under " + root + " (directories dayN-name with a pom.xml)");
        }
        Stage stage = Stages.resolve(stages, positional.get(0));
        Path report = MutationsXml.file(stage.dir());
        if (!noRun && !runPit(context, stage)) {
            return 1;
        }
        if (!Files.isRegularFile(report)) {
            throw new WorkbookException("there is no PIT report at " + SourceTree.relative(root, report)
                    + (noRun ? ": run ./workbook mutation " + positional.get(0) + " without --no-run first"
                            : " after the run (see " + SourceTree.relative(root, stage.dir().resolve(LOG)) + ")"));
        }
        List<Mutant> mutants = MutationsXml.read(report);
        RegionScore score = RegionScorer.score(root, stage, mutants);
        context.out().println();
        ScoreReport.lines(score, target).forEach(context.out()::println);
        context.out().println();
        context.out().println("PIT's own report (every mutant, given code included): "
                + SourceTree.relative(root, report.resolveSibling("index.html")));
        String newer = newerSource(stage.dir().resolve("src"), report);
        if (newer != null) {
            context.out().println("The report is older than " + SourceTree.relative(root, root.resolve(newer))
                    + ": its line numbers may no longer match. Run ./workbook mutation " + positional.get(0)
                    + " without --no-run.");
        }
        return score.reaches(target) && score.problems().isEmpty() && newer == null ? 0 : 1;
    }

    /** A source or test file changed after the report was written, or null if there is none. */
    private static String newerSource(Path sources, Path report) {
        try (Stream<Path> files = Files.walk(sources)) {
            long written = Files.getLastModifiedTime(report).toMillis();
            for (Path file : (Iterable<Path>) files.sorted()::iterator) {
                if (Files.isRegularFile(file) && Files.getLastModifiedTime(file).toMillis() > written) {
                    return file.toString();
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot compare the report's age with " + sources, e);
        }
    }

    /** Runs PIT; false (after showing the end of Maven's output) if the build failed. */
    private boolean runPit(Context context, Stage stage) {
        Path root = context.root();
        deleteReports(stage.dir().resolve(MutationsXml.REPORT_DIRECTORY));
        Path log = stage.dir().resolve(LOG);
        progress.println("running PIT over " + stage.module() + " with its public and hidden tests"
                + " (several minutes); Maven's output goes to " + SourceTree.relative(root, log));
        long start = System.nanoTime();
        int exit = context.maven().run(root, mavenArguments(stage), log);
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        if (exit != 0) {
            showTail(log, 60);
            progress.println("workbook: the mutation run failed (Maven's exit code " + exit + "; the end of its"
                    + " output is above, all of it in " + SourceTree.relative(root, log) + ").");
            return false;
        }
        progress.println("PIT finished in " + (seconds / 60) + " min " + (seconds % 60) + " s");
        return true;
    }

    /**
     * Maven's arguments for one stage's mutation run.
     *
     * @param stage the stage
     * @return the arguments after {@code mvn}
     */
    static List<String> mavenArguments(Stage stage) {
        String classes = globs(stage.dir().resolve("src").resolve("main").resolve("java"));
        String tests = globs(stage.dir().resolve("src").resolve("test").resolve("java"));
        if (classes.isEmpty() || tests.isEmpty()) {
            throw new WorkbookException(stage.module() + " has no " + (classes.isEmpty() ? "main" : "test")
                    + " sources to mutate or to run");
        }
        return List.of("-B", "-P", PROFILE, "-pl", stage.module(), "-am", "test-compile", GOAL,
                "-DtargetClasses=" + classes, "-DtargetTests=" + tests);
    }

    /**
     * PIT's class globs for the packages of a source root, so that only this stage's classes are
     * mutated and only its tests run (earlier stages in the reactor then find nothing to do).
     *
     * @param sourceRoot e.g. {@code day1-block/src/main/java}
     * @return e.g. "org.lsmworkbook.block.*,org.lsmworkbook.kv.*", or empty if there is no Java source
     */
    static String globs(Path sourceRoot) {
        TreeSet<String> packages = new TreeSet<>();
        if (Files.isDirectory(sourceRoot)) {
            try (Stream<Path> files = Files.walk(sourceRoot)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".java") && !name.equals("module-info.java")
                            && !name.equals("package-info.java") && Files.isRegularFile(file)) {
                        String dir = SourceTree.relative(sourceRoot, file.getParent());
                        packages.add(dir.isEmpty() ? "*" : dir.replace('/', '.') + ".*");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + sourceRoot, e);
            }
        }
        return String.join(",", packages);
    }

    private static int parsePercent(String value) {
        if (value == null) {
            return TARGET_PERCENT;
        }
        try {
            int percent = Integer.parseInt(value);
            if (percent >= 0 && percent <= 100) {
                return percent;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw WorkbookException.usage("mutation: --min takes a percentage from 0 to 100, not '" + value + "'");
    }

    /** Removes the last run's reports, so that a failed run is never scored from an old report. */
    private static void deleteReports(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : (Iterable<Path>) files.sorted((a, b) -> b.compareTo(a))::iterator) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the old PIT reports in " + dir, e);
        }
    }

    private void showTail(Path log, int count) {
        try {
            List<String> lines = Files.readAllLines(log, Charset.defaultCharset());
            List<String> tail = new ArrayList<>(lines.subList(Math.max(0, lines.size() - count), lines.size()));
            tail.forEach(progress::println);
        } catch (IOException e) {
            progress.println("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }
}
