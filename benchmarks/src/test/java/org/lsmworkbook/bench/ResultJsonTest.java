package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
@DisplayName("DbBench --json: every engine's results, memory, failure and wrong answers, as JSON")
class ResultJsonTest {

    @Test
    void the_document_holds_the_options_each_result_and_each_problem() {
        BenchOptions options = BenchOptions.parse("--num", "1000", "--engines", "minilsm,leveldb",
                "--workloads", "fillrandom,readrandom", "--write-buffer", "64k", "--xmx", "128m");
        Map<Workload, WorkloadResult> ours = new LinkedHashMap<>();
        ours.put(Workload.FILLRANDOM, new WorkloadResult(Workload.FILLRANDOM, 1000, 2_000_000, 1000, null));
        ours.put(Workload.READRANDOM, new WorkloadResult(Workload.READRANDOM, 1000, 1_000_000, 990,
                "found only 990 of 1,000 \"keys\""));
        EngineRun minilsm = new EngineRun(EngineKind.MINILSM, ours, null, new MemoryReport(30L << 20, 10L << 20, -1));
        EngineRun leveldb = new EngineRun(EngineKind.LEVELDB, Map.of(), "ran out of memory", MemoryReport.unknown());

        String json = ResultJson.of(options, List.of(minilsm, leveldb));

        assertThat(json).as("the run's options, so that a reader knows what was measured")
                .contains("\"num\": 1000", "\"seed\": 42", "\"write_buffer_bytes\": 65536", "\"xmx\": \"128m\"",
                        "\"workloads\": [\"fillrandom\", \"readrandom\"]");
        assertThat(json).as("an engine that ran: no failure, its memory, each workload with ops/s")
                .contains("{\"engine\": \"minilsm\", \"name\": \"MiniLsm\",",
                        "\"configuration\": \"the reference engine with its bonuses on (bloom filters of 10 bits per key, a write-ahead log (no fsync per write))\","
                                + " \"runs\": 1, \"failure\": null",
                        "\"peak_heap_bytes\": 31457280, \"max_heap_after_gc_bytes\": 10485760, \"peak_rss_bytes\": -1",
                        "{\"workload\": \"fillrandom\", \"ops\": 1000, \"nanos\": 2000000, \"found\": 1000,"
                                + " \"ops_per_second\": 500000.000, \"micros_per_op\": 2.000, \"problem\": null}");
        assertThat(json).as("a wrong answer is kept, quoted as JSON")
                .contains("\"problem\": \"found only 990 of 1,000 \\\"keys\\\"\"");
        assertThat(json).as("a failed engine: its failure and an empty result list")
                .contains("\"failure\": \"ran out of memory\"", "\"results\": []}");
        assertThat(json.chars().filter(c -> c == '{').count()).as("braces balance in:%n%s", json)
                .isEqualTo(json.chars().filter(c -> c == '}').count());
    }

    @Test
    void strings_are_escaped_and_numbers_are_finite() {
        assertThat(ResultJson.quote("a\"b\\c\nd\u0001")).isEqualTo("\"a\\\"b\\\\c\\nd\\u0001\"");
        assertThat(ResultJson.number(Double.NaN)).as("JSON has no NaN").isEqualTo("0");
        assertThat(ResultJson.number(1.5)).isEqualTo("1.500");
    }
}
