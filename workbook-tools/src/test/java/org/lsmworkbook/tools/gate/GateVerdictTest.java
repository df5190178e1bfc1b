package org.lsmworkbook.tools.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class GateVerdictTest {

    private static TestCaseResult test(String name, Outcome outcome) {
        return new TestCaseResult("org.x.FooTest", name, outcome);
    }

    @Test
    void a_good_edition_passes() {
        GateVerdict verdict = GateVerdict.judge(List.of(
                new StageRun("day1-block", StageRole.SOLVED, List.of(test("a", Outcome.PASSED)),
                        List.of(test("arch", Outcome.PASSED))),
                new StageRun("day2-sst", StageRole.STUBBED,
                        List.of(test("b", Outcome.FAILED), test("c", Outcome.ERROR)), List.of())));
        assertThat(verdict.passed()).as("offenses: %s", verdict.offenses()).isTrue();
        assertThat(verdict.lastLine()).isEqualTo("red gate: passed");
        assertThat(verdict.table()).as("header and one row per stage").hasSize(3);
        assertThat(verdict.table().get(1)).contains("day1-block", "solved", "1/1 passed");
        assertThat(verdict.table().get(2)).contains("day2-sst", "stubbed", "2/2 failed", "0/0 passed");
    }

    @Test
    void a_graded_test_passing_or_skipped_on_a_stub_fails_the_gate() {
        GateVerdict verdict = GateVerdict.judge(List.of(new StageRun("day1-block", StageRole.STUBBED,
                List.of(test("passes", Outcome.PASSED), test("skips", Outcome.SKIPPED), test("fails", Outcome.FAILED)),
                List.of())));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.offenses()).as("each offending test with a hint").containsExactly(
                "graded test passed on the stub: org.x.FooTest#passes: it must call code the student writes",
                "graded test skipped on the stub: org.x.FooTest#skips: a skipped test never goes red; it must run"
                        + " and fail until the task is done");
        assertThat(verdict.lastLine()).isEqualTo("red gate: FAILED (1 x graded test passed on the stub,"
                + " 1 x graded test skipped on the stub)");
    }

    @Test
    void a_stubbed_stage_without_graded_tests_fails_the_gate() {
        GateVerdict verdict = GateVerdict.judge(List.of(new StageRun("day1-block", StageRole.STUBBED, List.of(),
                List.of(test("arch", Outcome.PASSED)))));
        assertThat(verdict.passed()).isFalse();
        assertThat(verdict.offenses()).singleElement().asString().contains("day1-block").contains("at least one");
    }

    @Test
    void failures_on_a_solved_stage_and_of_given_tests_fail_the_gate() {
        GateVerdict verdict = GateVerdict.judge(List.of(new StageRun("day1-block", StageRole.SOLVED,
                List.of(test("broken", Outcome.ERROR)), List.of(test("rule", Outcome.FAILED)))));
        assertThat(verdict.offenses()).as("both offenses").containsExactly(
                "graded test failed on a solved stage: org.x.FooTest#broken: a checkpoint must keep the stages"
                        + " before it working",
                "given/architecture test did not pass: org.x.FooTest#rule (failed): given code and architecture"
                        + " rules must hold before the student writes anything");
        assertThat(verdict.lastLine()).startsWith("red gate: FAILED (");
    }

    @Test
    void an_edition_that_does_not_compile_fails() {
        assertThat(GateVerdict.notCompiled().lastLine()).isEqualTo("red gate: FAILED (1 x the edition does not compile)");
    }
}
