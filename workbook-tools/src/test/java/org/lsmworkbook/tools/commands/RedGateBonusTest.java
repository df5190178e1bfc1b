package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.gate.GateVerdict;
import org.lsmworkbook.tools.gate.StageRole;
import org.lsmworkbook.tools.gate.StageRun;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

/** The red gate treats the tests of bonus tasks as graded tests: they must fail on the edition's stubs. */
@Timeout(10)
class RedGateBonusTest {

    @Test
    void the_graded_step_runs_the_bonus_tests() {
        List<String> args = RedGateCommand.gradedStep("day1-block,day2-sst");
        String excluded = args.stream().filter(a -> a.startsWith("-DexcludedGroups=")).findFirst().orElseThrow();
        assertThat(Arrays.asList(excluded.substring("-DexcludedGroups=".length()).split(",")))
                .as("step one leaves out only given code and architecture rules; bonus tests are graded")
                .containsExactlyInAnyOrder("given", "architecture");
        assertThat(args).as("no group is selected, so tests tagged bonus run").noneMatch(a -> a.startsWith("-Dgroups="));
    }

    @Test
    void a_bonus_test_that_passes_on_the_stub_fails_the_gate() {
        TestCaseResult core = new TestCaseResult("org.x.TableTest", "builds", Outcome.ERROR);
        TestCaseResult bonus = new TestCaseResult("org.x.BloomFilterTest", "no_false_negatives", Outcome.PASSED);
        GateVerdict verdict = GateVerdict.judge(List.of(
                new StageRun("day2-sst", StageRole.STUBBED, List.of(core, bonus), List.of())));
        assertThat(verdict.passed()).as("a bonus test must call code the student writes, like a core test").isFalse();
        assertThat(verdict.offenses()).singleElement().asString()
                .startsWith("graded test passed on the stub: org.x.BloomFilterTest#no_false_negatives");
    }
}
