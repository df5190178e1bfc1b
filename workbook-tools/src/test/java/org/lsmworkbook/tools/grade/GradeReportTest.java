package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

@Timeout(10)
class GradeReportTest {

    private static GradeReport report() {
        GradedTest plain = new GradedTest("day1-block", "p.ATest", "plain", "Day 1 · A › plain", 1, false, true);
        GradedTest secret = new GradedTest("day1-block", "p.HTest", "secret", "Day 1 · hidden › secret", 2, true, true);
        GradedTest other = new GradedTest("day2-sst", "q.BTest", "b", "BTest › b", 1, false, true);
        StageOutcome tested = new StageOutcome("day1-block", StageStatus.TESTED, List.of(
                new TestCaseResult("p.ATest", "plain", Outcome.FAILED, "expected \"a\"\tbut\nwas \\ b"),
                new TestCaseResult("p.HTest", "secret", Outcome.PASSED)), List.of(), 3);
        StageOutcome broken = new StageOutcome("day2-sst", StageStatus.NOT_COMPILED, List.of(),
                List.of("the stage's code does not compile:", "day2-sst/src/main/java/q/B.java:1:2: ';' expected"), 1);
        return new GradeReport(List.of(StageGrade.score(1, List.of(plain, secret), tested),
                StageGrade.score(2, List.of(other), broken)), List.of("day3-memtable: missing"), 42);
    }

    @Test
    @SuppressWarnings("unchecked")
    void results_json_is_valid_and_has_gradescopes_fields() {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(report().toJson());
        assertThat(json).as("top-level fields of results.json").containsKeys("score", "execution_time", "output", "tests");
        assertThat(json.get("score")).isEqualTo(2.0);
        assertThat(json.get("execution_time")).isEqualTo(42.0);
        assertThat((String) json.get("output")).contains("day2-sst", "does not compile", "';' expected",
                "day3-memtable: missing");
        List<Map<String, Object>> tests = (List<Map<String, Object>>) json.get("tests");
        assertThat(tests).hasSize(3);
        assertThat(tests).allSatisfy(t -> assertThat(t).containsKeys("name", "number", "score", "max_score", "status",
                "output", "visibility"));
        Map<String, Object> first = tests.get(0);
        assertThat(first).containsEntry("name", "Day 1 · A › plain").containsEntry("number", "1.1")
                .containsEntry("score", 0.0).containsEntry("max_score", 1.0).containsEntry("status", "failed")
                .containsEntry("output", "expected \"a\"\tbut\nwas \\ b").containsEntry("visibility", "visible");
        assertThat(tests.get(1)).as("a hidden test is shown after the grades are published")
                .containsEntry("visibility", "after_published").containsEntry("score", 2.0)
                .containsEntry("status", "passed");
        assertThat(tests.get(2)).as("a test without the day in its name gets the stage's name in front")
                .containsEntry("name", "day2-sst · BTest › b").containsEntry("number", "2.1");
    }

    @Test
    void the_table_has_a_row_per_stage_and_a_total() {
        List<String> table = report().table();
        assertThat(table).hasSize(4);
        assertThat(table.get(1)).contains("day1-block", "tested", "1/2", "2/3");
        assertThat(table.get(2)).contains("day2-sst", "does not compile", "0/1", "0/1");
        assertThat(table.get(3)).contains("total", "1/3", "2/4");
    }

    @Test
    void the_details_name_failed_tests_and_compile_errors() {
        assertThat(String.join("\n", report().details())).contains("day3-memtable: missing",
                "FAILED Day 1 · A › plain", "expected \"a\"", "day2-sst/src/main/java/q/B.java:1:2: ';' expected");
    }
}
