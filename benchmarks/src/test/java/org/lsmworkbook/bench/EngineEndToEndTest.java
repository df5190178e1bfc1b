package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every workload on every engine adapter, in this JVM, with few keys and small memtables (so that
 * each engine flushes to files, not only its memtable, answers).
 */
@Timeout(120)
@DisplayName("Each engine adapter runs every workload with N = 1000 and answers correctly")
class EngineEndToEndTest {

    private static final int NUM = 1000;
    /** 16 KiB memtables: 1000 entries of 116 bytes fill several, so SST files are read too. */
    private static final EngineSettings SMALL = new EngineSettings(16 << 10, 4096, 1 << 20);

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineKind.class)
    void every_workload_finds_what_it_must(EngineKind kind, @TempDir Path dir) throws Exception {
        List<WorkloadResult> results = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        WorkloadRunner.Listener listener = new WorkloadRunner.Listener() {
            @Override
            public void progress(String line) {
                progress.add(line);
            }

            @Override
            public void result(WorkloadResult result) {
                results.add(result);
            }
        };
        try (WorkloadRunner runner = new WorkloadRunner(kind, SMALL, NUM, 42, dir, listener)) {
            runner.run(List.of(Workload.values()));
        }
        assertThat(results).extracting(WorkloadResult::workload)
                .as("%s: one result per workload, in order", kind)
                .containsExactly(Workload.values());
        for (WorkloadResult r : results) {
            assertThat(r.problem()).as("%s %s: the engine must answer correctly", kind, r.workload().id()).isNull();
            assertThat(r.nanos()).as("%s %s: the time was measured", kind, r.workload().id()).isPositive();
        }
        assertThat(results.get(Workload.READRANDOM.ordinal()).found())
                .as("%s readrandom: every one of the N gets of written keys finds a value", kind).isEqualTo(NUM);
        assertThat(results.get(Workload.READMISSING.ordinal()).found())
                .as("%s readmissing: no get of a key that was never written finds one", kind).isZero();
        assertThat(results.get(Workload.READSEQ.ordinal()).ops())
                .as("%s readseq: the full scan reads each of the N keys once", kind).isEqualTo(NUM);
        assertThat(results.get(Workload.SEEKRANDOM.ordinal()).ops())
                .as("%s seekrandom: N/10 seeks", kind).isEqualTo(NUM / 10);
        assertThat(progress).as("%s: the runner reports warm-ups and measurements", kind)
                .anyMatch(l -> l.contains("warm-up done"))
                .anyMatch(l -> l.contains("measuring"));
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = EngineKind.class, names = {"MINILSM", "MINILSM_CORE", "ROCKSDB", "ROCKSDB_BLOOM"})
    void the_bloom_columns_have_filters_and_the_others_none(EngineKind kind, @TempDir Path dir) throws Exception {
        boolean bloom = kind == EngineKind.MINILSM || kind == EngineKind.ROCKSDB_BLOOM;
        if (kind == EngineKind.MINILSM || kind == EngineKind.MINILSM_CORE) {
            assertThat(MiniLsmEngine.options(SMALL, bloom).bloomBitsPerKey())
                    .as("%s: the engine's bloomBitsPerKey (10 with the bonuses on, 0 for the core engine)", kind)
                    .isEqualTo(bloom ? MiniLsmEngine.BLOOM_BITS_PER_KEY : 0);
        }
        try (BenchEngine engine = kind.open(dir, SMALL)) {
            Values values = new Values(1);
            for (int i = 0; i < NUM; i++) {
                engine.put(Keys.present(i), values.next());
            }
            engine.waitForBackgroundWork();
            String shape = engine.describe();
            assertThat(shape).as("%s: the flushes made SST files: %s", kind, shape).containsPattern("[1-9][0-9]* L0 SST|L\\d=");
            if (bloom) {
                assertThat(shape).as("%s: its SST files have bloom filters (MiniLsmEngine.withBonuses, "
                        + "RocksDbEngine.Variant.BLOOM)", kind).contains("with a bloom filter");
            } else {
                assertThat(shape).as("%s: its SST files have no bloom filter", kind).doesNotContain("bloom");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineKind.class)
    void the_adapter_stores_values_and_scans_in_key_order(EngineKind kind, @TempDir Path dir) throws Exception {
        Values values = new Values(1);
        byte[][] written = new byte[NUM][];
        try (BenchEngine engine = kind.open(dir, SMALL)) {
            int[] order = WorkloadRunner.permutation(NUM, new java.util.SplittableRandom(3));
            for (int i : order) {
                written[i] = values.next();
                engine.put(Keys.present(i), written[i].clone());
            }
            engine.waitForBackgroundWork();
            for (int i = 0; i < NUM; i += 37) {
                assertThat(engine.getCopy(Keys.present(i)))
                        .as("%s: the value of key %d is the one written", kind, i).isEqualTo(written[i]);
                assertThat(engine.get(Keys.present(i))).as("%s: get(%d) gives the value's length", kind, i)
                        .isEqualTo(Values.VALUE_SIZE);
                assertThat(engine.get(Keys.missing(i))).as("%s: missing key %d has no value", kind, i).isEqualTo(-1);
            }
            assertThat(engine.seek(Keys.missing(NUM - 5), 10))
                    .as("%s: a seek just after key %d reads the 4 keys left, then stops at the end", kind, NUM - 5)
                    .isEqualTo(4);
            assertThat(engine.seek(Keys.present(0), 10)).as("%s: a seek to the first key reads 10", kind)
                    .isEqualTo(10);
            engine.put(Keys.present(NUM), values.next());
            assertThat(engine.seek(Keys.present(NUM - 1), 10))
                    .as("%s: a seek after a put sees the new key (no stale iterator)", kind).isEqualTo(2);
            List<Long> reports = new ArrayList<>();
            assertThat(engine.scanAll(100, reports::add)).as("%s: the full scan reads every key", kind)
                    .isEqualTo(NUM + 1);
            assertThat(reports).as("%s: the scan reports every 100 entries", kind).hasSize(10).startsWith(100L);
        }
    }
}
