package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
@DisplayName("The result table: numbers, ratios, FAILED engines and wrong answers, as text and Markdown")
class ResultTableTest {

    private static final RunInfo INFO = new RunInfo(1000, 42, List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError"),
            "17.0.15 (OpenJDK 64-Bit Server VM)", "Linux 6.1 amd64", 2, "Test CPU", "2025-01-01 00:00 UTC", 0.5, 0.7);

    /** {@code ops} operations in {@code millis} ms. */
    private static WorkloadResult result(Workload w, long ops, long millis) {
        return new WorkloadResult(w, ops, millis * 1_000_000L, ops, null);
    }

    private static ResultTable table() {
        EngineRun ours = new EngineRun(EngineKind.MINILSM, Map.of(
                Workload.FILLSEQ, result(Workload.FILLSEQ, 1000, 1), // 1,000,000 ops/s, 1 us/op
                Workload.READRANDOM, new WorkloadResult(Workload.READRANDOM, 1000, 2_000_000, 990,
                        "found only 990 of 1,000 keys that were written")), null,
                new MemoryReport(300L << 20, 100L << 20, 400L << 20));
        EngineRun rocks = new EngineRun(EngineKind.ROCKSDB, Map.of(
                Workload.FILLSEQ, result(Workload.FILLSEQ, 1000, 2), // 500,000 ops/s
                Workload.READRANDOM, result(Workload.READRANDOM, 1000, 4)), null,
                new MemoryReport(20L << 20, -1, 200L << 20));
        EngineRun level = new EngineRun(EngineKind.LEVELDB, Map.of(
                Workload.FILLSEQ, result(Workload.FILLSEQ, 1000, 4)), // 250,000 ops/s
                "ran out of memory (Terminating due to java.lang.OutOfMemoryError: Java heap space)",
                MemoryReport.unknown());
        return new ResultTable(INFO, List.of(Workload.FILLSEQ, Workload.READRANDOM), List.of(ours, rocks, level));
    }

    private static String line(String text, String start) {
        return Arrays.stream(text.split("\n")).filter(l -> l.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starts with '" + start + "' in:\n" + text));
    }

    @Test
    void each_row_has_ops_per_second_micros_per_op_and_our_ratio_to_each_peer() {
        String text = table().text();
        String header = line(text, "workload");
        assertThat(header).as("the header names each engine's columns and the ratio columns, in order")
                .containsSubsequence("MiniLsm ops/s", "us/op", "RocksDB ops/s", "us/op", "LevelDB-iq80 ops/s", "us/op",
                        "ours/RocksDB", "ours/LevelDB-iq80");
        String fillseq = line(text, "fillseq");
        assertThat(fillseq).as("fillseq: MiniLsm 1,000,000 ops/s at 1.00 us/op, RocksDB 500,000, LevelDB 250,000; "
                        + "ratios are MiniLsm's ops/s over the peer's")
                .containsSubsequence("1,000,000", "1.00", "500,000", "2.00", "250,000", "4.00", "2.00x", "4.00x");
    }

    @Test
    void a_failed_engine_says_FAILED_with_the_reason_and_wrong_answers_are_flagged() {
        String text = table().text();
        String readrandom = line(text, "readrandom");
        assertThat(readrandom).as("LevelDB stopped before readrandom: its cell says FAILED, and no ratio is made up")
                .contains("FAILED").endsWith("-");
        assertThat(readrandom).as("MiniLsm gave wrong answers in readrandom: its ops/s ends in '!'")
                .contains("500,000!");
        assertThat(text).as("the reasons follow the table")
                .contains("FAILED: LevelDB-iq80: ran out of memory")
                .contains("WRONG ANSWERS (!): MiniLsm readrandom: found only 990 of 1,000 keys");
    }

    @Test
    void the_memory_table_and_the_environment_follow() {
        String text = table().text();
        assertThat(line(text, "peak heap used")).as("peak heap in MiB per engine; unknown is n/a")
                .containsSubsequence("300", "20", "n/a");
        assertThat(line(text, "max heap after GC")).as("an engine whose JVM never collected says so")
                .contains("no GC");
        assertThat(line(text, "peak RSS")).containsSubsequence("400", "200", "n/a");
        assertThat(text).as("the table names N, the JVM flags, the JDK, the machine and the load")
                .contains("N = 1,000 keys")
                .contains("java -Xmx512m -XX:+ExitOnOutOfMemoryError")
                .contains("17.0.15").contains("2 cores").contains("Test CPU")
                .contains("Load average (1 min): 0.50 before, 0.70 after");
    }

    @Test
    void text_columns_line_up() {
        String text = table().text();
        String header = line(text, "workload");
        String rule = line(text, "-----");
        String fillseq = line(text, "fillseq");
        assertThat(rule.length()).as("the rule under the header is as wide as the header").isEqualTo(header.length());
        assertThat(fillseq.indexOf(" | ")).as("the first column has one width").isEqualTo(header.indexOf(" | "));
        assertThat(text).as("the terminal table is plain ASCII").matches("\\p{ASCII}*");
    }

    @Test
    void markdown_is_a_valid_pipe_table() {
        String md = table().markdown();
        List<String> rows = Arrays.stream(md.split("\n")).filter(l -> l.startsWith("|")).toList();
        long columns = rows.get(0).chars().filter(c -> c == '|').count();
        for (String row : rows.subList(0, 4)) {
            assertThat(row.chars().filter(c -> c == '|').count())
                    .as("every row of the results table has as many cells as the header: " + row)
                    .isEqualTo(columns);
        }
        assertThat(rows.get(1)).as("the second row aligns the number columns right").startsWith("|---|---:|");
        assertThat(rows.get(0)).as("Markdown uses the micro sign").contains("µs/op");
        assertThat(md).as("notes become list items").contains("- FAILED: LevelDB-iq80");
    }

    /** MiniLsm with its bonuses and without, and RocksDB with bloom filters: readmissing only. */
    private static ResultTable bonusTable(boolean withBonuses) {
        List<EngineRun> runs = new java.util.ArrayList<>();
        if (withBonuses) {
            runs.add(new EngineRun(EngineKind.MINILSM, Map.of(
                    Workload.READMISSING, result(Workload.READMISSING, 1000, 1)), null, MemoryReport.unknown()));
        }
        runs.add(new EngineRun(EngineKind.MINILSM_CORE, Map.of(
                Workload.READMISSING, result(Workload.READMISSING, 1000, 4)), null, MemoryReport.unknown()));
        runs.add(new EngineRun(EngineKind.ROCKSDB_BLOOM, Map.of(
                Workload.READMISSING, result(Workload.READMISSING, 1000, 2)), null, MemoryReport.unknown()));
        return new ResultTable(INFO, List.of(Workload.READMISSING), runs);
    }

    @Test
    void with_both_minilsm_columns_the_ratios_are_those_of_minilsm_with_its_bonuses() {
        String text = bonusTable(true).text();
        assertThat(line(text, "workload")).as("the header: MiniLsm, MiniLsm (core), RocksDB (bloom 10), then the "
                        + "ratios of MiniLsm (bonuses on) to each of the others")
                .containsSubsequence("MiniLsm ops/s", "MiniLsm (core) ops/s", "RocksDB (bloom 10) ops/s",
                        "ours/MiniLsm (core)", "ours/RocksDB (bloom 10)");
        assertThat(line(text, "readmissing")).as("readmissing: MiniLsm 1,000,000 ops/s, core 250,000, RocksDB "
                        + "(bloom 10) 500,000: the bonuses gain 4.00x, and MiniLsm is 2.00x RocksDB with filters")
                .containsSubsequence("1,000,000", "250,000", "500,000", "4.00x", "2.00x");
        assertThat(text).as("the table says which engine 'ours' is, and how each engine is configured")
                .contains("ours/X = MiniLsm ops/s")
                .contains("MiniLsm: the reference engine with its bonuses on (bloom filters of 10 bits per key, a write-ahead log (no fsync per write))")
                .contains("MiniLsm (core): the reference engine with every bonus off")
                .contains("RocksDB (bloom 10): RocksDB's defaults plus bloom filters of 10 bits per key");
    }

    @Test
    void without_the_bonus_column_the_core_engine_is_ours() {
        String text = bonusTable(false).text();
        assertThat(line(text, "workload")).as("only MiniLsm (core) ran: its ratio to RocksDB (bloom 10) is shown")
                .contains("ours/RocksDB (bloom 10)").doesNotContain("ours/MiniLsm");
        assertThat(line(text, "readmissing")).as("MiniLsm (core) 250,000 ops/s against 500,000: 0.50x")
                .endsWith("0.50x");
        assertThat(text).as("the note names the core engine as ours").contains("ours/X = MiniLsm (core) ops/s");
    }

    @Test
    void numbers_are_formatted_for_reading() {
        assertThat(ResultTable.formatOps(1234567.4)).isEqualTo("1,234,567");
        assertThat(ResultTable.formatMicros(0.8123)).isEqualTo("0.81");
        assertThat(ResultTable.formatMicros(12.34)).isEqualTo("12.3");
        assertThat(ResultTable.formatMicros(1234.5)).isEqualTo("1,235");
        assertThat(ResultTable.formatRatio(1.5)).isEqualTo("1.50x");
        assertThat(ResultTable.formatMiB(-1)).isEqualTo("n/a");
        assertThat(ResultTable.formatMiB(512L << 20)).isEqualTo("512");
    }
}
