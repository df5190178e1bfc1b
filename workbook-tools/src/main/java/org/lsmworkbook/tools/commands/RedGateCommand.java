package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.EditionProperties;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;
import org.lsmworkbook.tools.gate.EditionCounts;
import org.lsmworkbook.tools.gate.GateVerdict;
import org.lsmworkbook.tools.gate.StageRole;
import org.lsmworkbook.tools.gate.StageRun;
import org.lsmworkbook.tools.maven.SurefireReports;
import org.lsmworkbook.tools.maven.TestCaseResult;

/**
 * {@code red-gate DIR}: checks an edition written by {@code student}. Step one runs the graded
 * tests (everything not tagged given or architecture, the tests of bonus tasks included): they must
 * all fail on stubbed stages and all pass on solved ones. Step two runs the tests tagged given or
 * architecture: they must pass.
 */
public final class RedGateCommand implements Command {

    /** How many of Maven's [ERROR] lines to repeat when the edition does not compile. */
    private static final int MAX_ERROR_LINES = 40;

    @Override
    public String name() {
        return "red-gate";
    }

    @Override
    public String usage() {
        return "red-gate DIR";
    }

    @Override
    public String description() {
        return "check an edition: graded tests fail on stubs, the rest passes";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        List<String> positional = new Arguments(name(), arguments).positional(1);
        if (positional.isEmpty()) {
            throw WorkbookException.usage("red-gate: which edition? give its directory, e.g. ./workbook red-gate ../student");
        }
        Path edition = Path.of(positional.get(0)).toAbsolutePath().normalize();
        if (!Files.isDirectory(edition)) {
            throw new WorkbookException(edition + " is not a directory");
        }
        EditionProperties properties = EditionProperties.read(edition);
        List<Stage> stages = stagesOf(edition, properties);
        String modules = TestCommand.modules(stages);
        Path logDir = edition.resolve("target").resolve("red-gate");
        context.out().println("red gate for " + edition + " (" + properties.edition() + " from " + properties.from()
                + ")");

        Path gradedLog = logDir.resolve("graded-tests.log");
        context.out().println("step 1: graded tests; Maven's output goes to " + gradedLog);
        List<List<TestCaseResult>> graded = runStep(context, edition, stages, gradedLog,
                gradedStep(modules));
        if (graded == null) {
            return 1;
        }
        Path givenLog = logDir.resolve("given-and-architecture-tests.log");
        context.out().println("step 2: tests tagged given or architecture; Maven's output goes to " + givenLog);
        List<List<TestCaseResult>> given = runStep(context, edition, stages, givenLog,
                List.of("-B", "test", "-pl", modules, "-Dgroups=given,architecture",
                        "-Dmaven.test.failure.ignore=true"));
        if (given == null) {
            return 1;
        }

        List<StageRun> runs = new ArrayList<>();
        for (int i = 0; i < stages.size(); i++) {
            Stage stage = stages.get(i);
            StageRole role = properties.stubbed().contains(stage.module()) ? StageRole.STUBBED : StageRole.SOLVED;
            runs.add(new StageRun(stage.module(), role, graded.get(i), given.get(i)));
        }
        GateVerdict verdict = GateVerdict.judge(runs);
        // What the book's test counts are checked against (./workbook check-docs --counts FILE).
        Path counts = logDir.resolve(EditionCounts.FILE_NAME);
        EditionCounts.of(properties, runs, bonusKeys(stages)).write(counts);
        context.out().println("test counts per stage written to " + counts);
        context.out().println();
        verdict.table().forEach(context.out()::println);
        if (!verdict.offenses().isEmpty()) {
            context.out().println();
            verdict.offenses().forEach(line -> context.out().println("  " + line));
        }
        context.out().println(verdict.lastLine());
        return verdict.passed() ? 0 : 1;
    }

    /**
     * Maven's arguments for step one: every test but those of given code and architecture rules.
     * Bonus tests are graded tests like the core's: a bonus stub must make them fail too.
     *
     * @param modules the stages, comma-separated
     * @return the arguments after {@code mvn}
     */
    static List<String> gradedStep(String modules) {
        return List.of("-B", "test", "-pl", modules, "-DexcludedGroups=given,architecture",
                "-Dmaven.test.failure.ignore=true");
    }

    /** The keys of each stage's bonus tests, by module, to count them apart as {@code ./workbook test} does. */
    private static java.util.Map<String, java.util.Set<String>> bonusKeys(List<Stage> stages) {
        java.util.Map<String, java.util.Set<String>> keys = new java.util.HashMap<>();
        for (Stage stage : stages) {
            keys.put(stage.module(), org.lsmworkbook.tools.grade.TestCatalog.of(stage).stream()
                    .filter(org.lsmworkbook.tools.grade.GradedTest::bonus)
                    .map(org.lsmworkbook.tools.grade.GradedTest::key).collect(java.util.stream.Collectors.toSet()));
        }
        return keys;
    }

    /** The edition's stages named in its properties, in course order; refuses names that are missing. */
    private static List<Stage> stagesOf(Path edition, EditionProperties properties) {
        List<Stage> found = Stages.find(edition);
        List<String> wanted = new ArrayList<>(properties.stubbed());
        wanted.addAll(properties.solved());
        for (String module : wanted) {
            if (found.stream().noneMatch(s -> s.module().equals(module))) {
                throw new WorkbookException(edition + " has no stage " + module + ", though its "
                        + EditionProperties.FILE_NAME + " names it");
            }
        }
        if (wanted.isEmpty()) {
            throw new WorkbookException(EditionProperties.FILE_NAME + " in " + edition + " names no stages");
        }
        return found.stream().filter(s -> wanted.contains(s.module())).toList();
    }

    /**
     * Runs one Maven step and reads each stage's reports (empty list for a stage without any).
     * Returns null, after printing the compiler's errors and the failed verdict, if Maven failed:
     * with test failures ignored, that means the edition does not build.
     */
    private static List<List<TestCaseResult>> runStep(Context context, Path edition, List<Stage> stages, Path log,
            List<String> mavenArgs) {
        stages.forEach(stage -> SurefireReports.delete(stage.dir()));
        int exit = context.maven().run(edition, mavenArgs, log);
        if (exit != 0) {
            context.out().println("The edition does not compile (Maven exit code " + exit + "). Maven said:");
            errorLines(log).forEach(line -> context.out().println("  " + line));
            context.out().println(GateVerdict.notCompiled().lastLine());
            return null;
        }
        List<List<TestCaseResult>> results = new ArrayList<>();
        for (Stage stage : stages) {
            List<TestCaseResult> read = SurefireReports.read(SurefireReports.directory(stage.dir()));
            results.add(read == null ? List.of() : read);
        }
        return results;
    }

    private static List<String> errorLines(Path log) {
        List<String> lines;
        try {
            lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        List<String> errors = new ArrayList<>();
        for (String line : lines) {
            if (line.startsWith("[ERROR]")) {
                errors.add(line);
                if (line.contains("-> [Help 1]")) {
                    break; // what follows is Maven's generic advice, not about the edition
                }
            }
        }
        if (errors.size() <= MAX_ERROR_LINES) {
            return errors;
        }
        List<String> shown = new ArrayList<>(errors.subList(0, MAX_ERROR_LINES));
        shown.add("... " + (errors.size() - MAX_ERROR_LINES) + " more in the log");
        return shown;
    }
}
