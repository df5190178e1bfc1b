package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.memtable.TestIterators.drain;
import static org.lsmworkbook.memtable.TestIterators.entries;

import java.util.ArrayList;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * Random puts, overwrites, tombstones, gets and scans with random bounds, compared with a {@link
 * TreeMap}; then a merge of several random memtables, compared with the newest-wins union of their
 * models. Each seed is one reproducible case: the seed is in the test's name and in every failure
 * message.
 */
@Timeout(30)
@DisplayName("Day 3 · Tasks 1 and 2 — random memtables against a TreeMap")
class MemTableModelTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1_000, 31_337, 271_828, 314_159, 8_675_309, 20_261_121})
    void a_memtable_behaves_like_a_sorted_map(long seed) throws Exception {
        Random random = new Random(seed);
        List<Bytes> keyPool = keyPool(random, 1 + random.nextInt(300));
        MemTable table = MemTable.create(seed);
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        long expectedSize = 0;
        int operations = 500 + random.nextInt(3_000);
        for (int op = 0; op < operations; op++) {
            int dice = random.nextInt(20);
            if (dice < 12) {
                Bytes key = keyPool.get(random.nextInt(keyPool.size()));
                Bytes value = random.nextInt(6) == 0 ? Bytes.EMPTY : randomBytes(random, 0, 40);
                table.put(key, value);
                model.put(key, value);
                expectedSize += key.length() + value.length();
            } else if (dice < 17) {
                Bytes key = random.nextInt(4) == 0 ? randomBytes(random, 1, 6) : keyPool.get(random.nextInt(keyPool.size()));
                assertThat(table.get(key))
                        .as("seed %d, operation %d: get(%s) (null: absent; \"\": tombstone)", seed, op, key)
                        .isEqualTo(model.get(key));
            } else {
                Bound lower = randomBound(random, keyPool);
                Bound upper = randomBound(random, keyPool);
                assertThat(drain(table.scan(lower, upper), model.size() + 1))
                        .as("seed %d, operation %d: scan(%s, %s)", seed, op, lower, upper)
                        .containsExactlyElementsOf(entries(range(model, lower, upper)));
            }
            if (op % 50 == 0) {
                assertThat(table.approximateSize())
                        .as("seed %d, operation %d: approximateSize() is the sum of key and value lengths of every put", seed, op)
                        .isEqualTo(expectedSize);
                assertThat(table.isEmpty()).as("seed %d, operation %d: isEmpty()", seed, op).isEqualTo(model.isEmpty());
            }
        }
        assertThat(drain(table.scan(Bound.unbounded(), Bound.unbounded()), model.size() + 1))
                .as("seed %d: the whole memtable at the end", seed)
                .containsExactlyElementsOf(entries(model));
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {5, 6, 7, 99, 2_024, 65_537, 123_456, 777_777, 4_294_967_296L, 86_400_000})
    @Tag("task=3")
    void a_merge_of_memtable_scans_is_the_newest_wins_union(long seed) throws Exception {
        Random random = new Random(seed);
        List<Bytes> keyPool = keyPool(random, 1 + random.nextInt(200));
        int tables = random.nextInt(7);
        List<MemTable> newestFirst = new ArrayList<>();
        List<NavigableMap<Bytes, Bytes>> models = new ArrayList<>();
        for (int t = 0; t < tables; t++) {
            MemTable table = MemTable.create(t);
            NavigableMap<Bytes, Bytes> model = new TreeMap<>();
            int puts = random.nextInt(300);
            for (int p = 0; p < puts; p++) {
                Bytes key = keyPool.get(random.nextInt(keyPool.size()));
                Bytes value = random.nextInt(5) == 0 ? Bytes.EMPTY : Bytes.of("t" + t + "p" + p);
                table.put(key, value);
                model.put(key, value);
            }
            newestFirst.add(table);
            models.add(model);
        }
        for (int round = 0; round < 20; round++) {
            Bound lower = randomBound(random, keyPool);
            Bound upper = randomBound(random, keyPool);
            NavigableMap<Bytes, Bytes> expected = new TreeMap<>();
            for (NavigableMap<Bytes, Bytes> model : models) {
                range(model, lower, upper).forEach(expected::putIfAbsent); // the lower index wins
            }
            List<MemTableIterator> scans = new ArrayList<>();
            for (MemTable table : newestFirst) {
                scans.add(table.scan(lower, upper));
            }
            assertThat(drain(MergeIterator.create(scans), expected.size() + 1))
                    .as("seed %d, round %d: merge of %d memtable scans (%s, %s); on equal keys the table with the lower index wins",
                            seed, round, tables, lower, upper)
                    .containsExactlyElementsOf(entries(expected));
        }
    }

    /** The part of {@code model} between the bounds; empty if lower is above upper. */
    static NavigableMap<Bytes, Bytes> range(NavigableMap<Bytes, Bytes> model, Bound lower, Bound upper) {
        NavigableMap<Bytes, Bytes> out = new TreeMap<>();
        for (var e : model.entrySet()) {
            if (above(e.getKey(), lower) && below(e.getKey(), upper)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private static boolean above(Bytes key, Bound lower) {
        if (lower.isUnbounded()) {
            return true;
        }
        int c = key.compareTo(lower.key());
        return lower.isIncluded() ? c >= 0 : c > 0;
    }

    private static boolean below(Bytes key, Bound upper) {
        if (upper.isUnbounded()) {
            return true;
        }
        int c = key.compareTo(upper.key());
        return upper.isIncluded() ? c <= 0 : c < 0;
    }

    /** Short random keys over the whole 0..255 range, so that overwrites happen and signed order would fail. */
    static List<Bytes> keyPool(Random random, int size) {
        List<Bytes> pool = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            pool.add(randomBytes(random, 1, 6));
        }
        return pool;
    }

    /** Unbounded, or included/excluded on a key of the pool (often) or a random key (sometimes). */
    static Bound randomBound(Random random, List<Bytes> keyPool) {
        int dice = random.nextInt(5);
        if (dice == 0) {
            return Bound.unbounded();
        }
        Bytes key = random.nextBoolean() ? keyPool.get(random.nextInt(keyPool.size())) : randomBytes(random, 1, 6);
        return dice <= 2 ? Bound.included(key) : Bound.excluded(key);
    }

    static Bytes randomBytes(Random random, int minLength, int maxLength) {
        byte[] bytes = new byte[minLength + random.nextInt(maxLength - minLength + 1)];
        random.nextBytes(bytes);
        return Bytes.wrap(bytes);
    }
}
