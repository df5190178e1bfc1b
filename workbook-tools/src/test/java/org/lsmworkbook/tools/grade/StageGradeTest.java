package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

@Timeout(10)
class StageGradeTest {

    private static final GradedTest PLAIN = new GradedTest("day1-block", "p.ATest", "plain", "A › plain", 1, false, true);
    private static final GradedTest MODEL = new GradedTest("day1-block", "p.ATest", "model", "A › model", 3, false, true);
    private static final GradedTest SECRET = new GradedTest("day1-block", "p.HTest", "secret", "H › secret", 2, true, true);

    @Test
    void a_parameterized_test_passes_only_if_every_invocation_passes() {
        StageOutcome outcome = new StageOutcome("day1-block", StageStatus.TESTED, List.of(
                new TestCaseResult("p.ATest", "plain", Outcome.PASSED),
                new TestCaseResult("p.ATest", "model(long)[1]", Outcome.PASSED),
                new TestCaseResult("p.ATest", "model(long)[2]", Outcome.FAILED, "expected 3 but was 4"),
                new TestCaseResult("p.HTest", "secret", Outcome.PASSED)), List.of(), 1);
        StageGrade grade = StageGrade.score(1, List.of(PLAIN, MODEL, SECRET), outcome);
        assertThat(grade.scores()).extracting(TestScore::passed).containsExactly(true, false, true);
        assertThat(grade.scores().get(1).output()).isEqualTo("model(long)[2]: expected 3 but was 4");
        assertThat(grade.points()).as("1 + 0 + 2").isEqualTo(3);
        assertThat(grade.maxPoints()).isEqualTo(6);
        assertThat(grade.passed()).isEqualTo(2);
    }

    @Test
    void a_test_without_a_report_or_skipped_scores_zero() {
        StageOutcome outcome = new StageOutcome("day1-block", StageStatus.TESTED, List.of(
                new TestCaseResult("p.ATest", "plain", Outcome.SKIPPED)), List.of(), 1);
        StageGrade grade = StageGrade.score(1, List.of(PLAIN, MODEL), outcome);
        assertThat(grade.scores()).extracting(TestScore::score).containsExactly(0, 0);
        assertThat(grade.scores().get(0).output()).startsWith("skipped");
        assertThat(grade.scores().get(1).output()).startsWith("did not run");
    }

    @Test
    void a_stage_that_did_not_compile_keeps_its_maximum_and_scores_zero() {
        StageOutcome outcome = new StageOutcome("day1-block", StageStatus.NOT_COMPILED, List.of(),
                List.of("the stage's code does not compile:", "day1-block/src/main/java/p/A.java:3:1: ';' expected"), 2);
        StageGrade grade = StageGrade.score(1, List.of(PLAIN, MODEL, SECRET), outcome);
        assertThat(grade.points()).isZero();
        assertThat(grade.maxPoints()).isEqualTo(6);
        assertThat(grade.scores()).allSatisfy(s -> assertThat(s.output()).contains("does not compile"));
    }

    @Test
    void the_base_name_drops_parameters_and_invocation_index() {
        assertThat(StageGrade.baseName("random_blocks(long)[3]")).isEqualTo("random_blocks");
        assertThat(StageGrade.baseName("plain")).isEqualTo("plain");
        assertThat(StageGrade.baseName("repeated[2]")).isEqualTo("repeated");
    }
}
