package org.lsmworkbook.tools.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.lsmworkbook.tools.markers.MarkedFile;
import org.lsmworkbook.tools.markers.MarkerParser;
import org.lsmworkbook.tools.markers.MarkerProblem;
import org.lsmworkbook.tools.markers.Markers;
import org.lsmworkbook.tools.markers.Region;
import org.lsmworkbook.tools.markers.SolutionRewriter;
import org.lsmworkbook.tools.markers.StubText;

/**
 * Plans a student edition (or a checkpoint) of a source tree: which files to copy as they are,
 * which to rewrite, which to leave out. Planning reads everything and writes nothing, so that all
 * marker problems are known before a single file is written.
 */
public final class StudentEdition {

    /**
     * One file of the edition.
     *
     * @param path the path relative to the root, with '/' separators
     * @param rewritten the new content, or null to copy the source file's bytes unchanged
     */
    public record Entry(String path, byte[] rewritten) {
    }

    /**
     * A planned edition.
     *
     * @param properties the edition's properties file
     * @param entries the files to write, sorted by path
     * @param stages what happened to each stage
     * @param problems marker problems; the edition must not be written if there are any
     * @param note a remark for the user (e.g. a checkpoint beyond the last stage), or null
     */
    public record Plan(EditionProperties properties, List<Entry> entries, List<StageSummary> stages,
            List<MarkerProblem> problems, String note) {
    }

    private StudentEdition() {
    }

    /**
     * Plans the edition in which stages from {@code fromDay} on are stubbed and earlier ones solved.
     *
     * @param root the source tree's root
     * @param fromDay the first stubbed day (1 for the student edition)
     * @return the plan
     */
    public static Plan plan(Path root, int fromDay) {
        return plan(root, fromDay, 0);
    }

    /**
     * Plans the edition of one stage's first tasks: the stages before {@code day} solved, in stage
     * {@code day} the regions of tasks 1 to {@code tasks} solved (and the regions around whole
     * members, which no task owns) and the later tasks stubbed, and the stages after it stubbed.
     * The per-task gate checks each chapter's task table with it.
     *
     * @param root the source tree's root
     * @param day the stage whose tasks are split
     * @param tasks how many of its tasks are written (0 gives the checkpoint of {@code day})
     * @return the plan
     */
    public static Plan plan(Path root, int day, int tasks) {
        List<Stage> stages = Stages.find(root);
        List<String> files = SourceTree.list(root);
        List<Entry> entries = new ArrayList<>();
        List<MarkerProblem> problems = new ArrayList<>();
        List<StageSummary> summaries = new ArrayList<>();
        List<String> stubbed = new ArrayList<>();
        List<String> solved = new ArrayList<>();
        int fromDay = day;
        if (tasks < 0) {
            throw new IllegalArgumentException("tasks must be 0 or more, not " + tasks);
        }
        for (Stage stage : stages) {
            boolean stub = stage.day() >= day;
            (stub ? stubbed : solved).add(stage.module());
            Predicate<Region> keep = !stub ? region -> true
                    : stage.day() == day && tasks > 0 ? region -> region.task() <= tasks : region -> false;
            summaries.add(planStage(root, stage, stub, keep, files, entries, problems));
        }
        for (String file : files) {
            if (stageOf(stages, file) == null && !leftOut(file) && !file.equals(README)) {
                entries.add(new Entry(file, null));
            }
        }
        EditionProperties properties = new EditionProperties(fromDay > 1 ? "checkpoint" : "student", "day" + fromDay,
                stubbed, solved);
        entries.add(new Entry(README, StudentReadme.render(properties, stages, publicBonusTests(stages))
                .getBytes(StandardCharsets.UTF_8)));
        List<Stage> yours = stages.stream().filter(s -> stubbed.contains(s.module())).toList();
        if (!yours.isEmpty()) {
            entries.add(new Entry(ClassroomWorkflow.PATH,
                    ClassroomWorkflow.render(yours, publicPoints(yours)).getBytes(StandardCharsets.UTF_8)));
        }
        entries.sort((a, b) -> a.path().compareTo(b.path()));
        String from = "day" + fromDay;
        String note = null;
        if (!stages.isEmpty() && fromDay > stages.get(stages.size() - 1).day()) {
            note = from + " is beyond the last stage (" + stages.get(stages.size() - 1).module()
                    + "): every stage stays solved";
        }
        return new Plan(properties, List.copyOf(entries), List.copyOf(summaries), List.copyOf(problems), note);
    }

    private static StageSummary planStage(Path root, Stage stage, boolean stub, Predicate<Region> keep, List<String> files,
            List<Entry> entries, List<MarkerProblem> problems) {
        String prefix = stage.module() + "/";
        int count = 0;
        int stubbedRegions = 0;
        int removedRegions = 0;
        int keptRegions = 0;
        int hidden = 0;
        for (String file : files) {
            if (!file.startsWith(prefix)) {
                continue;
            }
            String inStage = file.substring(prefix.length());
            if (inStage.startsWith("src/test/") && file.endsWith(".java") && HiddenTests.isHidden(read(root, file))) {
                hidden++;
                continue;
            }
            count++;
            if (!(inStage.startsWith("src/main/java/") && file.endsWith(".java"))) {
                entries.add(new Entry(file, null));
                continue;
            }
            String text = read(root, file);
            if (!Markers.mentioned(text)) {
                entries.add(new Entry(file, null)); // untouched files keep their exact bytes
                continue;
            }
            MarkedFile marked = MarkerParser.parse(file, text);
            problems.addAll(marked.problems());
            if (!marked.isValid() || marked.regions().isEmpty()) {
                entries.add(new Entry(file, null));
                continue;
            }
            String rewritten = SolutionRewriter.partial(text, marked.regions(),
                    new StubText(stage.day(), stage.chapter()), keep);
            for (Region region : marked.regions()) {
                if (keep.test(region)) {
                    keptRegions++;
                } else if (region.placement() == Region.Placement.STUBBED) {
                    stubbedRegions++;
                } else {
                    removedRegions++;
                }
            }
            entries.add(new Entry(file, rewritten.getBytes(StandardCharsets.UTF_8)));
        }
        return new StageSummary(stage, stub, count, stubbedRegions, removedRegions, keptRegions, hidden);
    }

    /**
     * Each stage's points in a student's repository: its graded tests of the core that are not
     * hidden. Bonus tests are left out: a stage's step is worth its points when the core passes, so
     * a student who skips the bonus tasks still gets them all (see {@code ./workbook test}).
     */
    private static java.util.Map<String, Integer> publicPoints(List<Stage> stages) {
        java.util.Map<String, Integer> points = new java.util.HashMap<>();
        for (Stage stage : stages) {
            int sum = 0;
            for (org.lsmworkbook.tools.grade.GradedTest test : org.lsmworkbook.tools.grade.TestCatalog.of(stage)) {
                if (!test.hidden() && test.solution() && !test.bonus()) {
                    sum += test.points();
                }
            }
            points.put(stage.module(), sum);
        }
        return points;
    }

    /** Each stage's public tests of bonus tasks, by module, in course order; stages without any are left out. */
    private static java.util.Map<String, Integer> publicBonusTests(List<Stage> stages) {
        java.util.Map<String, Integer> counts = new java.util.LinkedHashMap<>();
        for (Stage stage : stages) {
            int count = (int) org.lsmworkbook.tools.grade.TestCatalog.of(stage).stream()
                    .filter(t -> t.bonus() && !t.hidden()).count();
            if (count > 0) {
                counts.put(stage.module(), count);
            }
        }
        return counts;
    }

    /** The reference's README, which an edition replaces with its own ({@link StudentReadme}). */
    private static final String README = "README.md";

    /**
     * Files outside stages that never go into an edition: CI scripts, an old edition marker, and the
     * instructor guide (it describes the reference and its grading, and is for instructors only).
     */
    private static boolean leftOut(String file) {
        return file.startsWith(".ci/") || file.equals(EditionProperties.FILE_NAME) || file.equals("docs/instructors.md");
    }

    private static Stage stageOf(List<Stage> stages, String file) {
        for (Stage stage : stages) {
            if (file.startsWith(stage.module() + "/")) {
                return stage;
            }
        }
        return null;
    }

    private static String read(Path root, String file) {
        try {
            return Files.readString(root.resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the tools expect UTF-8 sources)", e);
        }
    }
}
