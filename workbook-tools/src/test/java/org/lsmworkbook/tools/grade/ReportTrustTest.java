package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.maven.SurefireReports;
import org.lsmworkbook.tools.maven.TestCaseResult;

/**
 * Reports are believed only when they agree with Maven's own counts, a damaged report costs only
 * its tests, and a huge report is never read into memory.
 */
@Timeout(60)
@DisplayName("grader: what the test reports are worth")
class ReportTrustTest {

    @TempDir
    Path dir;

    private static final String TWO_FAILED = """
            <testsuite name="p.ATest">
              <testcase name="a" classname="Day 1 · A"/>
              <testcase name="b" classname="Day 1 · A"><error message="stub" type="java.lang.UnsupportedOperationException"/></testcase>
              <testcase name="c" classname="Day 1 · A"><failure message="expected 1" type="AssertionError"/></testcase>
            </testsuite>
            """;

    private BuildLog log(String... lines) throws IOException {
        Path log = dir.resolve("maven.log");
        Files.writeString(log, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
        return BuildLog.read(log, dir);
    }

    private Path report(String name, String xml) throws IOException {
        Path reports = Files.createDirectories(dir.resolve("reports"));
        return Files.writeString(reports.resolve(name), xml, StandardCharsets.UTF_8);
    }

    @Test
    void a_report_that_agrees_with_mavens_counts_is_believed() throws IOException {
        report("TEST-p.ATest.xml", TWO_FAILED);
        List<String> notes = new ArrayList<>();
        List<TestCaseResult> results = StageRunner.believed(SurefireReports.readFiles(dir.resolve("reports")),
                log("[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.2 s <<< FAILURE! -- in Day 1 · A"),
                notes);
        assertThat(results).extracting(TestCaseResult::outcome).containsExactly(TestCaseResult.Outcome.PASSED,
                TestCaseResult.Outcome.ERROR, TestCaseResult.Outcome.FAILED);
        assertThat(notes).isEmpty();
    }

    @Test
    void a_report_rewritten_to_drop_its_failures_scores_nothing_and_says_why() throws IOException {
        // what a detached process of the student's code did: the report lost its <failure> and <error>
        report("TEST-p.ATest.xml", TWO_FAILED.replaceAll("<(failure|error)[^>]*/>", ""));
        List<String> notes = new ArrayList<>();
        List<TestCaseResult> results = StageRunner.believed(SurefireReports.readFiles(dir.resolve("reports")),
                log("[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.2 s <<< FAILURE! -- in Day 1 · A"),
                notes);
        assertThat(results).as("a forged report earns nothing").isEmpty();
        assertThat(notes).singleElement().asString().startsWith("note: the test report of p.ATest does not match what Maven"
                + " printed for it (report: 3 run, 0 failed, 0 errors, 0 skipped; Maven: 3 run, 1 failed, 1 errors, 0 skipped)");
    }

    @Test
    void a_report_maven_never_counted_is_not_believed() throws IOException {
        report("TEST-p.ATest.xml", TWO_FAILED);
        report("TEST-p.ForgedTest.xml", "<testsuite name=\"p.ForgedTest\"><testcase name=\"x\" classname=\"p.ForgedTest\"/></testsuite>");
        List<String> notes = new ArrayList<>();
        List<TestCaseResult> results = StageRunner.believed(SurefireReports.readFiles(dir.resolve("reports")),
                log("[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.2 s <<< FAILURE! -- in Day 1 · A"),
                notes);
        assertThat(results).extracting(TestCaseResult::className).containsOnly("p.ATest");
        assertThat(notes).singleElement().asString().contains("p.ForgedTest", "Maven: nothing");
    }

    @Test
    void an_unparseable_report_costs_its_own_tests_and_nothing_else() throws IOException {
        report("TEST-p.ATest.xml", TWO_FAILED);
        report("TEST-p.BTest.xml", "<testsuite");
        List<String> notes = new ArrayList<>();
        List<TestCaseResult> results = StageRunner.believed(SurefireReports.readFiles(dir.resolve("reports")),
                log("[ERROR] Tests run: 3, Failures: 1, Errors: 1, Skipped: 0, Time elapsed: 0.2 s <<< FAILURE! -- in Day 1 · A",
                        "[INFO] Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed: 0.2 s -- in p.BTest"),
                notes);
        assertThat(results).hasSize(3);
        assertThat(notes).singleElement().asString().startsWith("note: the test report TEST-p.BTest.xml cannot be read"
                + " (not a well-formed report").endsWith("the tests of p.BTest score 0");
    }

    @Test
    void a_report_with_endless_output_is_streamed_and_its_texts_are_capped() throws IOException {
        Path file = dir.resolve("TEST-p.LoudTest.xml");
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("<testsuite name=\"p.LoudTest\"><testcase name=\"loud\" classname=\"p.LoudTest\">"
                    + "<failure message=\"" + "m".repeat(100_000) + "\" type=\"AssertionError\">");
            String line = "at p.Loud.print(Loud.java:1) and more and more output\n";
            for (int i = 0; i < 400_000; i++) { // about 22 MB of text inside one element
                out.write(line);
            }
            out.write("</failure><system-out>");
            for (int i = 0; i < 400_000; i++) {
                out.write(line);
            }
            out.write("</system-out></testcase></testsuite>");
        }
        SurefireReports.ReportFile read = SurefireReports.readFile(file);
        assertThat(read.problem()).isNull();
        TestCaseResult loud = read.cases().get(0);
        assertThat(loud.outcome()).isEqualTo(TestCaseResult.Outcome.FAILED);
        assertThat(loud.trace().length()).as("trace capped").isLessThanOrEqualTo(TestCaseResult.MAX_TEXT);
        assertThat(loud.detail().length()).as("message capped").isLessThanOrEqualTo(TestCaseResult.MAX_TEXT);
    }

    @Test
    void a_report_over_the_size_limit_is_not_read_at_all() throws IOException {
        Path file = dir.resolve("TEST-p.HugeTest.xml");
        try (RandomAccessFile sparse = new RandomAccessFile(file.toFile(), "rw")) {
            sparse.setLength(SurefireReports.MAX_FILE_BYTES + 1);
        }
        assertThat(SurefireReports.readFile(file).problem()).startsWith("too large to be a report");
    }

    @Test
    void a_failure_message_in_results_json_is_capped() {
        GradedTest test = new GradedTest("day1-block", "p.ATest", "a", "Day 1 · A › a", 1, false, true);
        StageOutcome outcome = new StageOutcome("day1-block", StageStatus.TESTED,
                List.of(new TestCaseResult("p.ATest", "a", TestCaseResult.Outcome.FAILED, "x".repeat(10_000))), List.of(), 1);
        String json = new GradeReport(List.of(StageGrade.score(1, List.of(test), outcome)), List.of(), 1).toJson();
        @SuppressWarnings("unchecked")
        java.util.Map<String, Object> results = (java.util.Map<String, Object>) JsonReader.parse(json);
        @SuppressWarnings("unchecked")
        List<java.util.Map<String, Object>> tests = (List<java.util.Map<String, Object>>) results.get("tests");
        assertThat((String) tests.get(0).get("output")).hasSize(GradeReport.MAX_TEST_OUTPUT).endsWith(" ...");
    }
}
