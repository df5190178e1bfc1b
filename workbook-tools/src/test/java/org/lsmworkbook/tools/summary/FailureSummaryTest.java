package org.lsmworkbook.tools.summary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

@Timeout(10)
class FailureSummaryTest {

    @TempDir
    Path root;

    private Stage stage() throws IOException {
        Path dir = root.resolve("day1-block");
        Files.createDirectories(dir.resolve("src/main/java/org/x"));
        Files.createDirectories(dir.resolve("src/test/java/org/x"));
        Files.writeString(dir.resolve("src/main/java/org/x/Builder.java"), "package org.x; class Builder {}");
        Files.writeString(dir.resolve("src/test/java/org/x/BuilderTest.java"), "package org.x; class BuilderTest {}");
        return new Stage("day1-block", 1, dir);
    }

    private static final String TRACE = """
            java.lang.IndexOutOfBoundsException: Index -1 out of bounds for length 0
            \tat java.base/java.util.ArrayList.get(ArrayList.java:427)
            \tat org.x@1.0.0-SNAPSHOT/org.x.Builder.add(Builder.java:56)
            \tat app/org.x@1.0.0-SNAPSHOT/org.x.BuilderTest.adds(BuilderTest.java:65)
            \tat java.base/java.lang.Thread.run(Thread.java:840)
            """;

    @Test
    void the_first_failure_of_a_class_points_at_the_code_and_the_test_and_says_how_to_rerun_it() throws IOException {
        Stage stage = stage();
        List<TestCaseResult> results = List.of(
                new TestCaseResult("org.x.BuilderTest", "passes", Outcome.PASSED),
                new TestCaseResult("org.x.BuilderTest", "adds_in_order", Outcome.ERROR,
                        "Index -1 out of bounds for length 0", "Index -1 out of bounds for length 0", TRACE),
                new TestCaseResult("org.x.BuilderTest", "refuses(int)[2]", Outcome.FAILED, "[a description]",
                        "[a description]\nExpecting throwable message:\n  \"bad\"\nto contain:\n  \"65535\"\n"
                                + "but did not.\n\nThrowable that failed the check:\n\tat org.x.Builder", ""));
        List<String> lines = FailureSummary.lines(stage, results, SourceIndex.of(root, List.of(stage)));
        assertThat(String.join("\n", lines)).isEqualTo("""

                BuilderTest — failures: 2
                  - adds in order  (it threw an exception)
                      Index -1 out of bounds for length 0
                      in the code:  day1-block/src/main/java/org/x/Builder.java:56  (Builder.add, in ArrayList.get)
                      the test:     day1-block/src/test/java/org/x/BuilderTest.java:65
                      run it alone: ./workbook test day1 BuilderTest#adds_in_order
                  - refuses(int)[2]: [a description] Expecting throwable message: "bad" to contain: "65535" but did not.""");
    }

    @Test
    void a_failure_of_the_students_code_is_shown_before_the_stubs_of_later_tasks() throws IOException {
        Stage stage = stage();
        String stub = "Day 1, Task 4: Builder.finish is not written yet (see docs/day1-block.md)";
        List<TestCaseResult> results = List.of(
                new TestCaseResult("org.x.BuilderTest", "finishes", Outcome.ERROR, stub, stub, ""),
                new TestCaseResult("org.x.BuilderTest", "adds_in_order", Outcome.FAILED, "[order] wrong",
                        "[order] wrong", ""));
        List<String> lines = FailureSummary.lines(stage, results, SourceIndex.of(root, List.of(stage)));
        assertThat(lines).as("the Task 1 failure in full, the later task's stub on one line")
                .containsSubsequence("  - adds in order", "      [order] wrong",
                        "      run it alone: ./workbook test day1 BuilderTest#adds_in_order",
                        "  - finishes: " + stub);
    }

    @Test
    void nothing_is_printed_when_nothing_failed() throws IOException {
        Stage stage = stage();
        assertThat(FailureSummary.lines(stage, List.of(new TestCaseResult("org.x.BuilderTest", "a", Outcome.PASSED)),
                SourceIndex.of(root, List.of(stage)))).isEmpty();
    }

    @Test
    void a_parameterized_name_reruns_its_method() {
        assertThat(FailureSummary.methodName("random_blocks(long)[3]")).isEqualTo("random_blocks");
        assertThat(FailureSummary.methodName("plain")).isEqualTo("plain");
    }

    @Test
    void a_timeout_says_where_to_find_every_thread() throws IOException {
        Stage stage = stage();
        String trace = "java.util.concurrent.TimeoutException: adds() timed out after 10 seconds\n"
                + "Caused by: org.junit.jupiter.api.AssertTimeoutPreemptively$ExecutionTimeoutException: x\n"
                + "\tat java.base/java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock.lock(X.java:1)\n"
                + "\tat app/org.x@1.0.0-SNAPSHOT/org.x.Builder.freeze(Builder.java:12)\n"
                + "\tat app/org.x@1.0.0-SNAPSHOT/org.x.Builder.add(Builder.java:30)\n"
                + "\tat app/org.x@1.0.0-SNAPSHOT/org.x.BuilderTest.adds(BuilderTest.java:9)\n";
        List<String> lines = FailureSummary.lines(stage, List.of(new TestCaseResult("org.x.BuilderTest", "adds",
                Outcome.ERROR, "adds() timed out after 10 seconds", "adds() timed out after 10 seconds", trace)),
                SourceIndex.of(root, List.of(stage)));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("Builder.java:12  (Builder.freeze, in "
                        + "ReentrantReadWriteLock$WriteLock.lock)"))
                .anySatisfy(line -> assertThat(line).contains("called from:  Builder.add (line 30)"))
                .anySatisfy(line -> assertThat(line).contains("every thread was"));
    }

    @Test
    void a_long_one_line_message_keeps_the_stub_s_words() {
        String message = "[" + "a long description ".repeat(20) + "] Expecting actual throwable to be an instance of: "
                + "x but was: java.lang.UnsupportedOperationException: Day 1, Task 2: Block.decode is not written yet "
                + "(see docs/day1-block.md)";
        assertThat(FailureSummary.oneLine(message)).hasSizeLessThanOrEqualTo(FailureSummary.MAX_ONE_LINE)
                .startsWith("[a long description")
                .endsWith("it was the stub: Day 1, Task 2: Block.decode is not written yet (see docs/day1-block.md)");
    }

    @Test
    void a_bonus_task_s_stub_is_a_stub_too() throws IOException {
        Stage stage = stage();
        String stub = "Day 1, Task 6 (bonus: bloom filter): Builder.filter is not written yet (see docs/day1-block.md)";
        List<TestCaseResult> results = List.of(
                new TestCaseResult("org.x.BuilderTest", "filters", Outcome.ERROR, stub, stub, ""),
                new TestCaseResult("org.x.BuilderTest", "adds_in_order", Outcome.FAILED, "[order] wrong",
                        "[order] wrong", ""));
        List<String> lines = FailureSummary.lines(stage, results, SourceIndex.of(root, List.of(stage)));
        assertThat(lines).as("the student's own failure in full first; the bonus stub after it, on one line")
                .containsSubsequence("  - adds in order", "      [order] wrong", "  - filters: " + stub);
        String message = "[" + "a long description ".repeat(20) + "] but was: " + stub;
        assertThat(FailureSummary.oneLine(message)).as("the bonus stub's words survive the cut")
                .endsWith("it was the stub: " + stub);
    }
}
