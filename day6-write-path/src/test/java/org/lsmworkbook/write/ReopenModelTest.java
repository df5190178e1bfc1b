package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.drain;
import static org.lsmworkbook.write.WriteFixtures.entries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * Random puts, overwrites, deletes, gets, scans, forced flushes and close-and-reopen, compared with
 * a {@link TreeMap}. The options are {@link LsmStorageOptions#forTests()}: memtables freeze at about
 * 1 KiB, so the background thread flushes all the time and a run ends with many SSTs. After every
 * reopen every key of the model must read back exactly, every deleted key must read null, and a full
 * scan must equal the model. Each seed is one reproducible case: it is in every failure message.
 */
@Timeout(60)
@DisplayName("Day 6 · Tasks 1 to 4 — random writes, flushes and reopens against a TreeMap")
class ReopenModelTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2_024, 65_537, 8_675_309})
    void the_engine_behaves_like_a_sorted_map_across_reopens(long seed) throws IOException {
        Random random = new Random(seed);
        List<Bytes> keyPool = new ArrayList<>();
        int poolSize = 50 + random.nextInt(250);
        for (int i = 0; i < poolSize; i++) {
            keyPool.add(b(String.format("key-%05d", random.nextInt(100_000))));
        }
        TreeMap<Bytes, Bytes> model = new TreeMap<>(); // live keys only
        List<Bytes> deleted = new ArrayList<>();
        int reopens = 0;
        MiniLsm lsm = MiniLsm.open(dir, LsmStorageOptions.forTests());
        try {
            int operations = 1_500 + random.nextInt(1_000);
            for (int op = 0; op < operations; op++) {
                int dice = random.nextInt(100);
                Bytes key = keyPool.get(random.nextInt(keyPool.size()));
                if (dice < 55) {
                    Bytes value = randomValue(random, seed, op);
                    lsm.put(key, value);
                    model.put(key, value);
                } else if (dice < 70) {
                    lsm.delete(key);
                    model.remove(key);
                    deleted.add(key);
                } else if (dice < 85) {
                    assertThat(lsm.get(key))
                            .as("seed %d, operation %d: get(%s) (null: never written or deleted)", seed, op, key)
                            .isEqualTo(model.get(key));
                } else if (dice < 95) {
                    Bound lower = randomBound(random, keyPool);
                    Bound upper = randomBound(random, keyPool);
                    assertThat(drain(lsm.scan(lower, upper), model.size() + 1))
                            .as("seed %d, operation %d: scan(%s, %s)", seed, op, lower, upper)
                            .containsExactlyElementsOf(entries(range(model, lower, upper)));
                } else if (dice < 98) {
                    lsm.forceFlush();
                    assertThat(lsm.state().immMemtables())
                            .as("seed %d, operation %d: after forceFlush() no frozen memtable is left", seed, op)
                            .isEmpty();
                } else {
                    lsm.close();
                    lsm = MiniLsm.open(dir, LsmStorageOptions.forTests());
                    reopens++;
                    checkEverything(lsm, model, deleted, "seed " + seed + ", operation " + op + ", reopen " + reopens);
                }
            }
            lsm.close();
            lsm = MiniLsm.open(dir, LsmStorageOptions.forTests());
            checkEverything(lsm, model, deleted, "seed " + seed + ", the final reopen");
            assertThat(lsm.state().l0SstIds().size())
                    .as("seed %d: with ~1 KiB memtables the run has left many SSTs", seed)
                    .isGreaterThan(3);
        } finally {
            lsm.close();
        }
    }

    /** Every model key reads back exactly, every deleted key that is not live again reads null, and a full scan is the model. */
    private static void checkEverything(MiniLsm lsm, TreeMap<Bytes, Bytes> model, List<Bytes> deleted, String when)
            throws IOException {
        for (var e : model.entrySet()) {
            assertThat(lsm.get(e.getKey()))
                    .as("%s: get(%s) must return the last value put (state %s)", when, e.getKey(), lsm.state())
                    .isEqualTo(e.getValue());
        }
        for (Bytes key : deleted) {
            if (!model.containsKey(key)) {
                assertThat(lsm.get(key))
                        .as("%s: %s was deleted (and not put again); its tombstone must hide older values in older "
                                + "SSTs, so get must return null", when, key)
                        .isNull();
            }
        }
        assertThat(drain(lsm.scan(Bound.unbounded(), Bound.unbounded()), model.size() + 1))
                .as("%s: a full scan equals the model", when)
                .containsExactlyElementsOf(entries(model));
    }

    private static Bytes randomValue(Random random, long seed, int op) {
        int length = 1 + random.nextInt(60);
        StringBuilder value = new StringBuilder(length).append(seed).append('/').append(op).append(':');
        while (value.length() < length) {
            value.append((char) ('a' + random.nextInt(26)));
        }
        return b(value.toString());
    }

    private static Bound randomBound(Random random, List<Bytes> keyPool) {
        Bytes key = keyPool.get(random.nextInt(keyPool.size()));
        switch (random.nextInt(3)) {
            case 0:
                return Bound.unbounded();
            case 1:
                return Bound.included(key);
            default:
                return Bound.excluded(key);
        }
    }

    /** The part of {@code model} within the bounds (empty when they are upside down). */
    private static NavigableMap<Bytes, Bytes> range(TreeMap<Bytes, Bytes> model, Bound lower, Bound upper) {
        NavigableMap<Bytes, Bytes> out = new TreeMap<>();
        model.forEach((key, value) -> {
            if (aboveLower(key, lower) && belowUpper(key, upper)) {
                out.put(key, value);
            }
        });
        return out;
    }

    private static boolean aboveLower(Bytes key, Bound lower) {
        if (lower.isUnbounded()) {
            return true;
        }
        int c = key.compareTo(lower.key());
        return lower.isIncluded() ? c >= 0 : c > 0;
    }

    private static boolean belowUpper(Bytes key, Bound upper) {
        if (upper.isUnbounded()) {
            return true;
        }
        int c = key.compareTo(upper.key());
        return upper.isIncluded() ? c <= 0 : c < 0;
    }
}
