package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.EditionWriter;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;
import org.lsmworkbook.tools.edition.StudentEdition;
import org.lsmworkbook.tools.gate.TaskAssignment;
import org.lsmworkbook.tools.grade.GradedTest;
import org.lsmworkbook.tools.grade.TestCatalog;
import org.lsmworkbook.tools.markers.MarkedFile;
import org.lsmworkbook.tools.markers.MarkerParser;
import org.lsmworkbook.tools.markers.Markers;
import org.lsmworkbook.tools.markers.Region;
import org.lsmworkbook.tools.maven.SurefireReports;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestPatterns;
import org.lsmworkbook.tools.summary.FailureSummary;

/**
 * {@code task-gate [--stage dayN] [--work DIR]}: checks every chapter's task table against the code.
 * For each stage and each task N short of its last, it writes the edition in which the stages before
 * are solved, tasks 1 to N of the stage are written and its later tasks are stubbed, runs the stage's
 * tests (hidden ones aside: no chapter lists them), and requires that the tests of tasks 1 to N pass,
 * every test of a later task fails, and the tests of given code and the architecture rules pass.
 * A test class's tasks come from its display name ({@link TaskAssignment}).
 *
 * <p>Bonus tasks (regions labelled {@code Task N (bonus...)}) are numbered after a stage's core
 * tasks and are split like them: for day 2 with core tasks 1 to 5 and bonus task 6, the edition with
 * tasks 1 to 5 written is checked too, and there the tests of task 6 must fail. "all tasks" in a
 * display name means all core tasks: such a test must pass without the bonus.
 *
 * <p>Task 0 is the checkpoint of the stage and the last task the checkpoint of the next one; the
 * red gate checks both, so this command does not.
 */
public final class TaskGateCommand implements Command {

    private static final Pattern DISPLAY_NAME = Pattern.compile("@DisplayName\\(\"((?:[^\"\\\\]|\\\\.)*)\"\\)");

    @Override
    public String name() {
        return "task-gate";
    }

    @Override
    public String usage() {
        return "task-gate [--stage dayN] [--work DIR]";
    }

    @Override
    public String description() {
        return "check the chapters' task tables: with tasks 1..N written, their tests pass and later ones fail";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        Arguments args = new Arguments(name(), arguments);
        String only = args.option("--stage");
        String workOption = args.option("--work");
        args.positional(0);
        Path root = context.root();
        List<Stage> stages = Stages.find(root);
        if (stages.isEmpty()) {
            throw new WorkbookException("no stages under " + root);
        }
        List<Stage> selected = only == null ? stages : List.of(Stages.resolve(stages, only));
        Path work = workOption == null ? root.resolve("target").resolve("task-gate")
                : Path.of(workOption).toAbsolutePath().normalize();
        Path edition = work.resolve("edition");
        List<String> offenses = new ArrayList<>();
        int runs = 0;
        for (Stage stage : selected) {
            int lastTask = lastTask(stage, false);
            int lastCoreTask = lastTask(stage, true);
            for (int tasks = 1; tasks < lastTask; tasks++) {
                runs++;
                offenses.addAll(runOne(context, root, stage, lastTask, lastCoreTask, tasks, edition,
                        work.resolve(stage.module() + "-tasks-1-to-" + tasks + ".log")));
            }
        }
        context.out().println();
        if (offenses.isEmpty()) {
            context.out().println("task gate: passed (" + runs + " partial editions)");
            return 0;
        }
        offenses.forEach(line -> context.out().println("  " + line));
        context.out().println("task gate: FAILED (" + offenses.size() + " offenses in " + runs + " partial editions)");
        return 1;
    }

    private static List<String> runOne(Context context, Path root, Stage stage, int lastTask, int lastCoreTask,
            int tasks, Path edition, Path log) {
        String what = stage.module() + " with tasks 1.." + tasks + " of " + lastTask + " written"
                + bonusNote(lastTask, lastCoreTask);
        StudentEdition.Plan plan = StudentEdition.plan(root, stage.day(), tasks);
        if (!plan.problems().isEmpty()) {
            throw new WorkbookException("marker problems in " + root + ": " + plan.problems());
        }
        EditionWriter.write(root, plan, edition);
        Path stageDir = edition.resolve(stage.module());
        SurefireReports.delete(stageDir);
        int exit = context.maven().run(edition, List.of("-B", "test", "-pl", stage.module(), "-am",
                "-Dsurefire.failIfNoSpecifiedTests=false", "-Dtest=" + TestPatterns.forModule(stageDir),
                "-DexcludedGroups=hidden", "-Dmaven.test.failure.ignore=true"), log);
        List<String> offenses = new ArrayList<>();
        if (exit != 0) {
            offenses.add(what + ": does not build (Maven exit code " + exit + "; see " + log + ")");
            context.out().println(what + ": does not build");
            return offenses;
        }
        List<TestCaseResult> results = SurefireReports.read(SurefireReports.directory(stageDir));
        if (results == null) {
            offenses.add(what + ": no test reports (see " + log + ")");
            return offenses;
        }
        Map<String, TaskAssignment> assignments = new HashMap<>();
        // A method tagged given or architecture tests no task, whatever its class's display name says.
        java.util.Set<String> given = new java.util.HashSet<>();
        for (GradedTest test : TestCatalog.of(new Stage(stage.module(), stage.day(), stageDir))) {
            if (!test.solution()) {
                given.add(test.key());
            }
        }
        int earlierPassed = 0;
        int earlier = 0;
        int laterFailed = 0;
        int later = 0;
        for (TestCaseResult result : results) {
            String top = result.className().contains("$")
                    ? result.className().substring(0, result.className().indexOf('$')) : result.className();
            int methodTask = methodTask(stageDir, top, FailureSummary.methodName(result.name()));
            TaskAssignment assignment = given.contains(result.className() + "#" + FailureSummary.methodName(result.name()))
                    ? new TaskAssignment(TaskAssignment.Kind.NO_TASK, List.of())
                    : methodTask > 0 ? new TaskAssignment(TaskAssignment.Kind.TASKS, List.of(methodTask))
                    : assignments.computeIfAbsent(top, name -> TaskAssignment.of(displayName(stageDir, name),
                            lastCoreTask));
            boolean passed = result.outcome() == TestCaseResult.Outcome.PASSED;
            switch (assignment.kind()) {
                case UNKNOWN -> offenses.add(what + ": " + result.displayName()
                        + ": its class's display name names no task (\"Day N · Task M — ...\", \"Tasks M and K\","
                        + " \"Tasks M to K\", \"all tasks\", \"given code\", \"architecture\")");
                case HIDDEN -> { }
                case NO_TASK -> {
                    earlier++;
                    if (passed) {
                        earlierPassed++;
                    } else {
                        offenses.add(what + ": " + result.displayName() + " (given code or architecture) did not pass");
                    }
                }
                case TASKS -> {
                    if (assignment.lastTask() <= tasks) {
                        earlier++;
                        if (passed) {
                            earlierPassed++;
                        } else {
                            offenses.add(what + ": " + result.displayName() + " (tasks " + assignment.tasks()
                                    + ") did not pass: it must need only tasks 1.." + tasks + (result.message().isEmpty()
                                    ? "" : " [" + result.message() + "]"));
                        }
                    } else {
                        later++;
                        if (result.outcome().isFailure()) {
                            laterFailed++;
                        } else {
                            offenses.add(what + ": " + result.displayName() + " (tasks " + assignment.tasks()
                                    + ") " + result.outcome().name().toLowerCase(java.util.Locale.ROOT)
                                    + " before its task was written: it must fail until task "
                                    + assignment.lastTask() + " is done, or belongs to an earlier task");
                        }
                    }
                }
                default -> throw new IllegalStateException(assignment.kind().toString());
            }
        }
        context.out().println(what + ": " + earlierPassed + "/" + earlier + " tests of tasks 1.." + tasks
                + " (and given code) passed, " + laterFailed + "/" + later + " tests of later tasks failed");
        return offenses;
    }

    /**
     * A method's own task, from a {@code @Tag("task=N")} just before its declaration: for a method of
     * a class of several tasks that needs fewer of them. 0 if it has none.
     */
    static int methodTask(Path stageDir, String className, String method) {
        Path file = stageDir.resolve("src/test/java").resolve(className.replace('.', '/') + ".java");
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            Matcher m = Pattern.compile("@Tag\\(\"task=(\\d+)\"\\)\\s*(?:@\\w+(?:\\([^)]*\\))?\\s*)*void\\s+"
                    + Pattern.quote(method) + "\\s*\\(").matcher(text);
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** " (task 6 a bonus)" or " (tasks 6 to 7 bonuses)" when the stage has bonus tasks; empty otherwise. */
    static String bonusNote(int lastTask, int lastCoreTask) {
        if (lastCoreTask >= lastTask) {
            return "";
        }
        return lastCoreTask + 1 == lastTask ? " (task " + lastTask + " a bonus)"
                : " (tasks " + (lastCoreTask + 1) + " to " + lastTask + " bonuses)";
    }

    /**
     * The last task number of a stage: the highest "Task N" label of its solution regions, or of its
     * core regions only (bonus tasks aside).
     */
    static int lastTask(Stage stage, boolean coreOnly) {
        Path main = stage.dir().resolve("src").resolve("main").resolve("java");
        int last = 0;
        try (Stream<Path> files = Files.walk(main)) {
            for (Path file : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".java"))::iterator) {
                String text = Files.readString(file, StandardCharsets.UTF_8);
                if (!Markers.mentioned(text)) {
                    continue;
                }
                MarkedFile marked = MarkerParser.parse(file.toString(), text);
                for (Region region : marked.regions()) {
                    if (!(coreOnly && region.bonus())) {
                        last = Math.max(last, region.task());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the sources of " + stage.module(), e);
        }
        return last;
    }

    /** The class-level display name of a test class: the last {@code @DisplayName} before its declaration. */
    static String displayName(Path stageDir, String className) {
        Path file = stageDir.resolve("src/test/java").resolve(className.replace('.', '/') + ".java");
        String simple = className.substring(className.lastIndexOf('.') + 1);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
        Matcher declaration = Pattern.compile("\\bclass\\s+" + Pattern.quote(simple) + "\\b").matcher(text);
        int end = declaration.find() ? declaration.start() : text.length();
        Matcher name = DISPLAY_NAME.matcher(text.substring(0, end));
        String found = "";
        while (name.find()) {
            found = name.group(1);
        }
        return found;
    }
}
