package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.Workbook;
import org.lsmworkbook.tools.maven.Maven;

/**
 * {@code ./workbook test} on a stage whose core passes and whose bonus test fails on its stub: the
 * bonus is counted apart and does not fail the stage, unless the bonus test itself was asked for.
 */
@Timeout(20)
class TestCommandBonusTest {

    private static final String STUB = "Day 2, Task 6 (bonus: bloom filter): Table.mayContain is not written yet"
            + " (see docs/day2-sst.md)";

    /** Writes what surefire would: the core test passed, the bonus test ran into its stub. */
    private static final Maven PLAYED = (workDir, arguments, log) -> {
        try {
            Path reports = workDir.resolve("day2-sst/target/surefire-reports");
            Files.createDirectories(reports);
            Files.writeString(reports.resolve("TEST-p2.TableTest.xml"), "<testsuite name=\"p2.TableTest\">"
                    + "<testcase name=\"builds\" classname=\"p2.TableTest\"/></testsuite>");
            Files.writeString(reports.resolve("TEST-p2.BloomTest.xml"), "<testsuite name=\"p2.BloomTest\">"
                    + "<testcase name=\"no_false_negatives\" classname=\"p2.BloomTest\">"
                    + "<error message=\"" + STUB + "\" type=\"java.lang.UnsupportedOperationException\">"
                    + STUB + "</error></testcase></testsuite>");
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private static Path repository(Path root) throws IOException {
        write(root, "pom.xml", "<project/>\n");
        write(root, "day2-sst/pom.xml", "<project/>\n");
        write(root, "day2-sst/src/main/java/p2/Table.java", "package p2; class Table { }\n");
        write(root, "day2-sst/src/test/java/p2/TableTest.java", String.join("\n",
                "package p2;", "@DisplayName(\"Day 2 · Task 1 — tables\")", "class TableTest {",
                "    @Test void builds() { }", "}", ""));
        write(root, "day2-sst/src/test/java/p2/BloomTest.java", String.join("\n",
                "package p2;", "@Tag(\"bonus\")", "@DisplayName(\"Day 2 · Task 6 (bonus) — bloom filter\")",
                "class BloomTest {", "    @Test void no_false_negatives() { }", "}", ""));
        return root;
    }

    private static void write(Path root, String path, String text) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    private static CommandRunner.Result run(Path root, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Workbook.run(new Context(root, new PrintStream(out, true, StandardCharsets.UTF_8), PLAYED),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new CommandRunner.Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void a_stage_whose_core_passes_is_green_and_its_bonus_is_counted_apart(@TempDir Path dir) throws IOException {
        CommandRunner.Result result = run(repository(dir), "test", "day2");
        assertThat(result.exitCode()).as("a failing bonus test does not fail the stage; output:%n%s", result.out())
                .isZero();
        assertThat(result.out()).as("the summary line: the core's count, then the bonus apart").contains(
                "day2-sst: 1 passed, 0 failed, 0 skipped (1 test); bonus: 0/1 passing — optional, see the Bonus"
                        + " section of docs/day2-sst.md");
        assertThat(result.out()).as("the bonus failure is explained under its own heading, not as the core's")
                .contains("Failed bonus tests (optional tasks: they do not count against the stage's core):",
                        "BloomTest — failures: 1", STUB)
                .doesNotContain("Failed tests (the first");
    }

    @Test
    void a_run_of_the_bonus_class_itself_fails_while_it_fails(@TempDir Path dir) throws IOException {
        CommandRunner.Result result = run(repository(dir), "test", "day2", "BloomTest");
        assertThat(result.exitCode()).as("the student asked for the bonus test; output:%n%s", result.out()).isOne();
        assertThat(result.out()).contains("bonus: 0/1 passing");
    }

    @Test
    void the_bonus_part_of_the_summary_is_empty_for_a_stage_without_bonus_tests() {
        assertThat(TestCommand.bonusSummary(new org.lsmworkbook.tools.edition.Stage("day1-block", 1, Path.of("x")),
                new org.lsmworkbook.tools.maven.TestTally(3, 0, 0))).isEqualTo("; bonus: 3/3 passing — optional,"
                        + " see the Bonus section of docs/day1-block.md");
        assertThat(TestCommand.bonusSummary(new org.lsmworkbook.tools.edition.Stage("day1-block", 1, Path.of("x")),
                new org.lsmworkbook.tools.maven.TestTally(0, 0, 0))).isEmpty();
    }
}
