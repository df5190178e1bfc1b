package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
@DisplayName("The lines between DbBench and an engine's JVM, and how a failed JVM is explained")
class ChildProtocolTest {

    @Test
    void results_and_memory_survive_the_trip_through_a_line() {
        WorkloadResult ok = new WorkloadResult(Workload.SEEKRANDOM, 100, 123_456, 1000, null);
        WorkloadResult wrong = new WorkloadResult(Workload.READRANDOM, 100, 99, 98, "found only 98\nof 100 keys");
        assertThat(ChildProtocol.parseResult(ChildProtocol.result(ok))).as("a correct result").isEqualTo(ok);
        WorkloadResult back = ChildProtocol.parseResult(ChildProtocol.result(wrong));
        assertThat(back.problem()).as("a problem with spaces and a line break stays one line")
                .isEqualTo("found only 98 of 100 keys");
        MemoryReport memory = new MemoryReport(1, -1, 3);
        assertThat(ChildProtocol.parseMemory(ChildProtocol.memory(memory))).isEqualTo(memory);
        assertThat(ChildProtocol.progress("a\nb")).as("progress stays one line").isEqualTo("#PROGRESS a b");
    }

    @Test
    void a_failed_child_is_explained() {
        assertThat(DbBench.failureOf(0, null, List.of("all fine"))).as("exit 0 and no report: no failure").isNull();
        assertThat(DbBench.failureOf(3, null,
                List.of("Terminating due to java.lang.OutOfMemoryError: Java heap space")))
                .as("-XX:+ExitOnOutOfMemoryError's message means the heap was too small")
                .startsWith("ran out of memory");
        assertThat(DbBench.failureOf(1, "IOException: disk full", List.of("stack trace...")))
                .as("the child's own report wins over its last lines").isEqualTo("IOException: disk full");
        assertThat(DbBench.failureOf(134, null, List.of("first", "# A fatal error has been detected", "")))
                .as("a crash: the exit code and the last line")
                .contains("exit code 134").contains("A fatal error");
    }

    @Test
    void the_result_arithmetic_is_right() {
        WorkloadResult r = new WorkloadResult(Workload.FILLSEQ, 2_000, 1_000_000_000L, 2_000, null);
        assertThat(r.opsPerSecond()).as("2,000 ops in 1 s").isEqualTo(2000.0);
        assertThat(r.microsPerOp()).as("2,000 ops in 1 s").isEqualTo(500.0);
        assertThat(new WorkloadResult(Workload.FILLSEQ, 0, 0, 0, "").isCorrect())
                .as("a blank problem is no problem").isTrue();
    }
}
