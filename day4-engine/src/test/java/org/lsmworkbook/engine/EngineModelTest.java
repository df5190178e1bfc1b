package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.engine.TestSupport.drain;
import static org.lsmworkbook.engine.TestSupport.entries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.engine.TestSupport.Entry;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;

/**
 * Random puts, deletes, gets, scans and freezes against a {@link TreeMap}, with {@link
 * LsmStorageOptions#forTests()} so that memtables are frozen every kilobyte or so. Each seed is one
 * reproducible case: the seed is in the test's name and in every failure message.
 */
@Timeout(60)
@DisplayName("Day 4 · all tasks — random operations against a TreeMap")
class EngineModelTest {

    private static final int OPERATIONS = 3_000;

    @TempDir
    Path dir;

    /** Keys of 1 to 6 bytes from a small alphabet that includes bytes above 0x7F, so order is tested unsigned. */
    static List<Bytes> keyPool(Random random, int size) {
        byte[] alphabet = {'a', 'b', 'c', 'k', 'z', 0x01, 0x7F, (byte) 0x80, (byte) 0xFF};
        List<Bytes> pool = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            byte[] key = new byte[1 + random.nextInt(6)];
            for (int j = 0; j < key.length; j++) {
                key[j] = alphabet[random.nextInt(alphabet.length)];
            }
            pool.add(Bytes.wrap(key));
        }
        return pool;
    }

    private static Bound randomBound(Random random, List<Bytes> pool) {
        Bytes key = pool.get(random.nextInt(pool.size()));
        switch (random.nextInt(3)) {
            case 0:
                return Bound.unbounded();
            case 1:
                return Bound.included(key);
            default:
                return Bound.excluded(key);
        }
    }

    private static boolean aboveLower(Bytes key, Bound lower) {
        switch (lower.kind()) {
            case INCLUDED:
                return key.compareTo(lower.key()) >= 0;
            case EXCLUDED:
                return key.compareTo(lower.key()) > 0;
            default:
                return true;
        }
    }

    private static boolean belowUpper(Bytes key, Bound upper) {
        switch (upper.kind()) {
            case INCLUDED:
                return key.compareTo(upper.key()) <= 0;
            case EXCLUDED:
                return key.compareTo(upper.key()) < 0;
            default:
                return true;
        }
    }

    /** The model's entries within the bounds; empty for an upside-down range. */
    private static List<Entry> expectedScan(NavigableMap<Bytes, Bytes> model, Bound lower, Bound upper) {
        NavigableMap<Bytes, Bytes> in = new TreeMap<>();
        for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
            if (aboveLower(e.getKey(), lower) && belowUpper(e.getKey(), upper)) {
                in.put(e.getKey(), e.getValue());
            }
        }
        return entries(in);
    }

    private static void checkState(LsmStorageState state, long seed, int op) {
        long previous = state.memtable().id();
        for (MemTable imm : state.immMemtables()) {
            assertThat(imm.id()).as("seed %d, op %d: memtable ids must decrease from the current memtable through "
                    + "immMemtables() (newest first), state %s", seed, op, state).isLessThan(previous);
            assertThat(imm.isEmpty()).as("seed %d, op %d: frozen memtable %d is empty; an empty memtable is never frozen",
                    seed, op, imm.id()).isFalse();
            previous = imm.id();
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2_024, 65_537, 982_451_653})
    void the_engine_behaves_like_a_sorted_map(long seed) throws IOException {
        Random random = new Random(seed);
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        List<Bytes> pool = keyPool(random, 30 + random.nextInt(300));
        int scans = 0;
        for (int op = 0; op < OPERATIONS; op++) {
            int dice = random.nextInt(100);
            Bytes key = pool.get(random.nextInt(pool.size()));
            if (dice < 45) {
                byte[] value = new byte[1 + random.nextInt(60)];
                random.nextBytes(value);
                Bytes v = Bytes.wrap(value);
                engine.put(key, v);
                model.put(key, v);
            } else if (dice < 60) {
                engine.delete(key);
                model.remove(key);
            } else if (dice < 80) {
                assertThat(engine.get(key))
                        .as("seed %d, op %d: get(%s); the model says %s", seed, op, key, model.get(key))
                        .isEqualTo(model.get(key));
            } else if (dice < 97) {
                Bound lower = randomBound(random, pool);
                Bound upper = randomBound(random, pool);
                if (random.nextInt(8) == 0 && !lower.isUnbounded()) {
                    upper = Bound.included(lower.key()); // a range of one key, or none if lower is excluded
                }
                List<Entry> expected = expectedScan(model, lower, upper);
                assertThat(drain(engine.scan(lower, upper), model.size() + 1))
                        .as("seed %d, op %d: scan(%s, %s) over %d memtables (an upside-down range is empty, not an error)",
                                seed, op, lower, upper, engine.state().numMemtables())
                        .containsExactlyElementsOf(expected);
                scans++;
            } else {
                engine.forceFreezeMemtable();
                checkState(engine.state(), seed, op);
            }
        }
        checkState(engine.state(), seed, OPERATIONS);
        assertThat(engine.state().numMemtables())
                .as("seed %d: with 1 KiB memtables, %d operations must have frozen several memtables", seed, OPERATIONS)
                .isGreaterThan(3);
        assertThat(scans).as("seed %d: scans run", seed).isPositive();
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), model.size() + 1))
                .as("seed %d: a full scan at the end", seed)
                .containsExactlyElementsOf(entries(model));
        for (Bytes key : pool) {
            assertThat(engine.get(key)).as("seed %d: get(%s) at the end", seed, key).isEqualTo(model.get(key));
        }
    }
}
