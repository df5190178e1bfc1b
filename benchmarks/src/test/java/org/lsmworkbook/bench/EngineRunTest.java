package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
@DisplayName("Several runs of an engine become one: the median, the spread, failures and wrong answers kept")
class EngineRunTest {

    /** {@code ops} operations in one millisecond each. */
    private static WorkloadResult result(Workload w, long opsPerMilli, String problem) {
        return new WorkloadResult(w, opsPerMilli, 1_000_000L, opsPerMilli, problem);
    }

    private static EngineRun run(long fillOps, long readOps, String readProblem, String failure, long heap) {
        return new EngineRun(EngineKind.MINILSM, Map.of(
                Workload.FILLSEQ, result(Workload.FILLSEQ, fillOps, null),
                Workload.READRANDOM, result(Workload.READRANDOM, readOps, readProblem)),
                failure, new MemoryReport(heap, heap / 2, heap * 2));
    }

    @Test
    void the_median_run_of_each_workload_is_kept_with_the_spread() {
        EngineRun combined = EngineRun.combine(List.of(
                run(300, 10, null, null, 100), run(100, 30, null, null, 300), run(200, 20, null, null, 200)));
        assertThat(combined.runs()).isEqualTo(3);
        assertThat(combined.results().get(Workload.FILLSEQ).opsPerSecond())
                .as("fillseq measured 300, 100 and 200 ops/ms: the median is 200 ops/ms").isEqualTo(200_000.0);
        assertThat(combined.results().get(Workload.READRANDOM).opsPerSecond())
                .as("readrandom measured 10, 30, 20 ops/ms: the median is 20 ops/ms").isEqualTo(20_000.0);
        assertThat(combined.spread().get(Workload.FILLSEQ)).as("fastest / slowest fillseq").isEqualTo(3.0);
        assertThat(combined.memory().peakHeapBytes()).as("memory: the largest of the runs").isEqualTo(300);
        assertThat(combined.failed()).isFalse();
    }

    @Test
    void an_even_number_of_runs_keeps_a_measured_result() {
        EngineRun combined = EngineRun.combine(List.of(run(100, 1, null, null, 1), run(300, 1, null, null, 1)));
        assertThat(combined.results().get(Workload.FILLSEQ).opsPerSecond())
                .as("of two runs the slower one is kept, not an average nobody measured").isEqualTo(100_000.0);
    }

    @Test
    void a_wrong_answer_or_a_failure_in_any_run_is_not_hidden_by_the_median() {
        EngineRun combined = EngineRun.combine(List.of(
                run(100, 10, null, null, 1), run(100, 20, "found only 9 of 10 keys", null, 1),
                run(100, 30, null, "ran out of memory", 1)));
        assertThat(combined.results().get(Workload.READRANDOM).problem())
                .as("one run found too few keys: the combined result says so").isEqualTo("found only 9 of 10 keys");
        assertThat(combined.failure()).as("the failure names its run").isEqualTo("ran out of memory (in run 3 of 3)");
        assertThat(combined.hasProblems()).isTrue();
    }

    @Test
    void runs_of_different_engines_are_not_mixed() {
        EngineRun other = new EngineRun(EngineKind.ROCKSDB, Map.of(), null, null);
        assertThatThrownBy(() -> EngineRun.combine(List.of(run(1, 1, null, null, 1), other)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EngineRun.combine(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void the_table_says_how_many_runs_and_how_far_apart_they_were() {
        RunInfo info = new RunInfo(1000, 42, List.of("-Xmx512m"), "17", "Linux", 2, "cpu", "today", -1, -1);
        EngineRun combined = EngineRun.combine(List.of(
                run(300, 10, null, null, 100), run(100, 15, null, null, 300), run(200, 12, null, null, 200)));
        String text = new ResultTable(info, List.of(Workload.FILLSEQ, Workload.READRANDOM), List.of(combined)).text();
        assertThat(text).as("the title says the numbers are medians").contains("median of 3 runs");
        assertThat(text).as("the largest spread is named, with its workload")
                .contains("Largest spread between runs").contains("MiniLsm 3.00x (fillseq)");
        assertThat(text).as("an unknown load average is not printed").doesNotContain("Load average");
    }
}
