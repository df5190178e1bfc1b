package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

/**
 * Bonus tests are extra credit: their points add to the score but never to the maximum, the table
 * and results.json show them apart, and they count like core tests for the graders' own checks.
 */
@Timeout(10)
class ExtraCreditTest {

    private static final GradedTest CORE = new GradedTest("day2-sst", "p.TableTest", "builds",
            "Day 2 · Task 1 — tables › builds", 2, false, true);
    private static final GradedTest GIVEN = new GradedTest("day2-sst", "p.GivenTest", "given",
            "Day 2 · given code › given", 0, false, false);
    private static final GradedTest BLOOM = new GradedTest("day2-sst", "p.BloomTest", "no_false_negatives",
            "Day 2 · Task 6 (bonus) — bloom filter › no false negatives", 3, false, true, true);
    private static final GradedTest RATE = new GradedTest("day2-sst", "p.BloomTest", "false_positive_rate",
            "Day 2 · Task 6 (bonus) — bloom filter › false positive rate", 1, false, true, true);
    private static final GradedTest DAY1 = new GradedTest("day1-block", "q.BlockTest", "encodes",
            "Day 1 · Task 1 — blocks › encodes", 1, false, true);

    private static StageOutcome tested(String module, TestCaseResult... results) {
        return new StageOutcome(module, StageStatus.TESTED, List.of(results), List.of(), 1);
    }

    /** Day 1 all passed; day 2's core and one of its bonus tests passed, the other bonus test failed. */
    private static GradeReport report() {
        StageGrade day1 = StageGrade.score(1, List.of(DAY1), tested("day1-block",
                new TestCaseResult("q.BlockTest", "encodes", Outcome.PASSED)));
        StageGrade day2 = StageGrade.score(2, List.of(CORE, GIVEN, BLOOM, RATE), tested("day2-sst",
                new TestCaseResult("p.TableTest", "builds", Outcome.PASSED),
                new TestCaseResult("p.GivenTest", "given", Outcome.PASSED),
                new TestCaseResult("p.BloomTest", "no_false_negatives", Outcome.PASSED),
                new TestCaseResult("p.BloomTest", "false_positive_rate", Outcome.FAILED, "rate 0.2 above 0.02")));
        return new GradeReport(List.of(day1, day2), List.of(), 5);
    }

    @Test
    void bonus_points_add_to_the_score_but_never_to_the_maximum() {
        StageGrade day2 = report().stages().get(1);
        assertThat(day2.maxPoints()).as("the maximum counts the core only: 2 + 0").isEqualTo(2);
        assertThat(day2.corePoints()).isEqualTo(2);
        assertThat(day2.bonusPoints()).as("the bonus test that passed earns its 3 points").isEqualTo(3);
        assertThat(day2.bonusMaxPoints()).isEqualTo(4);
        assertThat(day2.points()).as("the score: core plus extra credit, above the maximum").isEqualTo(5);
        assertThat(day2.passed()).as("core tests passed (the given one included)").isEqualTo(2);
        assertThat(day2.tests()).isEqualTo(2);
        assertThat(day2.bonusPassed()).isEqualTo(1);
        assertThat(day2.bonusTests()).isEqualTo(2);
        GradeReport report = report();
        assertThat(report.points()).isEqualTo(6);
        assertThat(report.maxPoints()).as("a full score without any bonus is the maximum").isEqualTo(3);
        assertThat(report.bonusPoints()).isEqualTo(3);
        assertThat(report.bonusMaxPoints()).isEqualTo(4);
    }

    @Test
    void the_table_shows_extra_credit_in_its_own_column_and_the_maximum_without_it() {
        List<String> table = report().table();
        assertThat(table.get(0)).as("the header").containsPattern("stage +status +tests +points +extra credit");
        assertThat(table.get(1)).as("a stage without bonus tests").containsPattern("day1-block +tested +1/1 +1/1 +-");
        assertThat(table.get(2)).as("core tests and points apart from the extra credit")
                .containsPattern("day2-sst +tested +2/2 +2/2 +3/4");
        assertThat(table.get(3)).containsPattern("total +3/3 +3/3 +3/4");
        assertThat(table.get(4)).as("the score line says what the maximum is without extra credit")
                .isEqualTo("score: 6 = 3 + 3 extra credit (maximum 3 without extra credit; 4 points of extra credit on"
                        + " offer)");
        assertThat(table).hasSize(5);
    }

    @Test
    void a_table_without_bonus_tests_has_no_extra_credit_column() {
        StageGrade day1 = StageGrade.score(1, List.of(DAY1), tested("day1-block",
                new TestCaseResult("q.BlockTest", "encodes", Outcome.PASSED)));
        List<String> table = new GradeReport(List.of(day1), List.of(), 1).table();
        assertThat(String.join("\n", table)).doesNotContain("extra credit", "score:");
        assertThat(table).hasSize(3);
    }

    @Test
    void the_details_list_the_core_s_failures_before_the_bonus_ones_and_mark_those() {
        StageGrade day2 = StageGrade.score(2, List.of(BLOOM, CORE), tested("day2-sst"));
        List<String> details = new GradeReport(List.of(day2), List.of(), 1).details();
        assertThat(details).as("the failing core test first, the bonus test marked as such")
                .containsSubsequence("  FAILED Day 2 · Task 1 — tables › builds",
                        "  FAILED Day 2 · Task 6 (bonus) — bloom filter › no false negatives [bonus]");
    }

    @Test
    @SuppressWarnings("unchecked")
    void results_json_gives_bonus_tests_a_maximum_of_0_and_their_points_as_score() {
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(report().toJson());
        assertThat(json.get("score")).as("Gradescope takes a score above the assignment's maximum").isEqualTo(6.0);
        List<Map<String, Object>> tests = (List<Map<String, Object>>) json.get("tests");
        assertThat(tests).hasSize(5);
        assertThat(tests.get(1)).as("a core test keeps its maximum")
                .containsEntry("max_score", 2.0).containsEntry("score", 2.0);
        assertThat(tests.get(3)).as("a bonus test that passed")
                .containsEntry("name", "Day 2 · Task 6 (bonus) — bloom filter › no false negatives [extra credit]")
                .containsEntry("max_score", 0.0).containsEntry("score", 3.0).containsEntry("status", "passed");
        assertThat(tests.get(4)).as("a bonus test that failed")
                .containsEntry("max_score", 0.0).containsEntry("score", 0.0).containsEntry("status", "failed")
                .containsEntry("output", "rate 0.2 above 0.02");
        double maxScores = tests.stream().mapToDouble(t -> (Double) t.get("max_score")).sum();
        assertThat(maxScores).as("the tests' maxima add up to the maximum without extra credit").isEqualTo(3.0);
        assertThat((String) json.get("output")).contains("extra credit", "score: 6 = 3 + 3 extra credit");
    }

    @Test
    void bonus_tests_must_pass_on_the_reference_and_fail_on_the_stubs() {
        StageOutcome allPassed = tested("day2-sst", new TestCaseResult("p.TableTest", "builds", Outcome.PASSED),
                new TestCaseResult("p.BloomTest", "no_false_negatives", Outcome.PASSED));
        GradeReport reference = new GradeReport(List.of(StageGrade.score(2, List.of(CORE, BLOOM), allPassed)),
                List.of(), 1);
        assertThat(Expectation.FULL.offenses(reference)).isEmpty();
        assertThat(Expectation.STUBS.offenses(reference)).as("a bonus test that passes on the stubs is an offense")
                .containsExactly("day2-sst: p.TableTest#builds should fail but passed",
                        "day2-sst: p.BloomTest#no_false_negatives should fail but passed");
        GradeReport stubs = new GradeReport(List.of(StageGrade.score(2, List.of(CORE, BLOOM), tested("day2-sst",
                new TestCaseResult("p.TableTest", "builds", Outcome.ERROR, "not written yet"),
                new TestCaseResult("p.BloomTest", "no_false_negatives", Outcome.ERROR, "not written yet")))),
                List.of(), 1);
        assertThat(Expectation.STUBS.offenses(stubs)).isEmpty();
        assertThat(Expectation.FULL.offenses(stubs)).as("a bonus test that fails on the reference is an offense")
                .hasSize(2).anySatisfy(line -> assertThat(line).startsWith("day2-sst: p.BloomTest#no_false_negatives"
                        + " should pass but failed"));
    }

    @Test
    void a_submission_that_skips_the_bonus_still_goes_on_the_leaderboard() {
        assertThat(Leaderboard.notEligible(report().stages()))
                .as("only the core must pass; a failing bonus test does not keep the engine off the leaderboard")
                .isNull();
        StageGrade coreFailed = StageGrade.score(2, List.of(CORE, BLOOM), tested("day2-sst",
                new TestCaseResult("p.BloomTest", "no_false_negatives", Outcome.PASSED)));
        assertThat(Leaderboard.notEligible(List.of(coreFailed))).contains("day2-sst (1 of 1 tests failed)");
    }
}
