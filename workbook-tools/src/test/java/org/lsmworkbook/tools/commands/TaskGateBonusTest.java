package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.Workbook;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.maven.Maven;
import org.lsmworkbook.tools.markers.Markers;

/**
 * The per-task gate on a stage with core tasks 1 and 2 and bonus task 3: the partial editions go
 * up to the one with the core written and the bonus stubbed, where the bonus test must fail, and
 * "all tasks" in a display name means the core. Maven is played: it reads which tasks the partial
 * edition stubs and reports each test class passed when the tasks it needs are written.
 */
@Timeout(20)
class TaskGateBonusTest {

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static Path repository(Path root) throws IOException {
        write(root, "pom.xml", "<project/>\n");
        write(root, "day2-sst/pom.xml", "<project/>\n");
        write(root, "day2-sst/src/main/java/p2/Table.java", String.join("\n",
                "package p2;",
                "class Table {",
                "    int add() {",
                "        " + Markers.BEGIN + " Task 1",
                "        return 1;",
                "        " + Markers.END,
                "    }",
                "    int build() {",
                "        " + Markers.BEGIN + " Task 2",
                "        return 2;",
                "        " + Markers.END,
                "    }",
                "    boolean mayContain() {",
                "        " + Markers.BEGIN + " Task 3 (bonus: filter)",
                "        return true;",
                "        " + Markers.END,
                "    }",
                "}", ""));
        testClass(root, "AddTest", "Day 2 · Task 1 — add", "");
        testClass(root, "BuildTest", "Day 2 · Task 2 — build", "");
        testClass(root, "RandomTest", "Day 2 · all tasks — random tables", "");
        testClass(root, "FilterTest", "Day 2 · Task 3 (bonus) — filter", "@Tag(\"bonus\")\n");
        return root;
    }

    private static void testClass(Path root, String name, String displayName, String tags) throws IOException {
        write(root, "day2-sst/src/test/java/p2/" + name + ".java", "package p2;\n" + tags + "@DisplayName(\""
                + displayName + "\")\nclass " + name + " {\n    @Test void works() { }\n}\n");
    }

    /** Reports each class passed when the tasks it needs are written, as their stubs decide. */
    private static final class PlayedMaven implements Maven {
        final List<String> editions = new ArrayList<>();
        private final boolean randomNeedsBonus;

        PlayedMaven(boolean randomNeedsBonus) {
            this.randomNeedsBonus = randomNeedsBonus;
        }

        @Override
        public int run(Path edition, List<String> arguments, Path log) {
            try {
                String source = Files.readString(edition.resolve("day2-sst/src/main/java/p2/Table.java"));
                IntPredicate written = task -> !source.contains("Day 2, Task " + task + ":")
                        && !source.contains("Day 2, Task " + task + " (");
                editions.add((written.test(1) ? "1" : "") + (written.test(2) ? "2" : "") + (written.test(3) ? "3" : ""));
                Path reports = edition.resolve("day2-sst/target/surefire-reports");
                Files.createDirectories(reports);
                report(reports, "AddTest", written.test(1));
                report(reports, "BuildTest", written.test(1) && written.test(2));
                report(reports, "RandomTest", written.test(1) && written.test(2) && (!randomNeedsBonus || written.test(3)));
                report(reports, "FilterTest", written.test(3));
                return 0;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static void report(Path reports, String name, boolean passes) throws IOException {
            Files.writeString(reports.resolve("TEST-p2." + name + ".xml"), "<testsuite name=\"p2." + name + "\">"
                    + "<testcase name=\"works\" classname=\"p2." + name + "\">"
                    + (passes ? "" : "<error message=\"not written yet\" type=\"java.lang.UnsupportedOperationException\"/>")
                    + "</testcase></testsuite>");
        }
    }

    private static CommandRunner.Result run(Path root, Maven maven) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Workbook.run(new Context(root, new PrintStream(out, true, StandardCharsets.UTF_8), maven),
                new PrintStream(err, true, StandardCharsets.UTF_8), "task-gate", "--work",
                root.resolve("target/gate").toString());
        return new CommandRunner.Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_edition_with_the_core_written_and_the_bonus_stubbed_is_checked_too(@TempDir Path dir) throws IOException {
        PlayedMaven maven = new PlayedMaven(false);
        CommandRunner.Result result = run(repository(dir), maven);
        assertThat(result.exitCode()).as("output:%n%s%s", result.out(), result.err()).isZero();
        assertThat(maven.editions).as("tasks 1, then 1 and 2 (the core, bonus task 3 stubbed); the last task's"
                + " edition is the next stage's checkpoint, which the red gate checks").containsExactly("1", "12");
        assertThat(result.out()).contains("day2-sst with tasks 1..2 of 3 written (task 3 a bonus): 3/3 tests of"
                + " tasks 1..2 (and given code) passed, 1/1 tests of later tasks failed", "task gate: passed (2 partial"
                + " editions)");
    }

    @Test
    void a_test_of_all_tasks_that_needs_the_bonus_is_an_offense(@TempDir Path dir) throws IOException {
        CommandRunner.Result result = run(repository(dir), new PlayedMaven(true));
        assertThat(result.exitCode()).as("'all tasks' means the core: such a test must pass without the bonus")
                .isOne();
        assertThat(result.out()).contains("day2-sst with tasks 1..2 of 3 written (task 3 a bonus): p2.RandomTest#works"
                + " (tasks [1, 2]) did not pass");
    }

    @Test
    void the_last_task_counts_the_bonus_and_the_last_core_task_does_not(@TempDir Path dir) throws IOException {
        Stage stage = new Stage("day2-sst", 2, repository(dir).resolve("day2-sst"));
        assertThat(TaskGateCommand.lastTask(stage, false)).isEqualTo(3);
        assertThat(TaskGateCommand.lastTask(stage, true)).isEqualTo(2);
        assertThat(TaskGateCommand.bonusNote(5, 5)).isEmpty();
        assertThat(TaskGateCommand.bonusNote(7, 5)).isEqualTo(" (tasks 6 to 7 bonuses)");
    }
}
