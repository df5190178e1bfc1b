package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.sst.TestTables.drain;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.TestTables.Entry;

/**
 * Random entries built into an SST, reopened from disk, iterated and sought, compared with a
 * {@link TreeMap} holding the same entries. Each seed is one reproducible case: the seed is in the
 * test's name and in every failure message.
 */
@Timeout(30)
@DisplayName("Day 2 · all tasks — random tables against their input")
class SsTableModelTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1_000, 31_337, 271_828, 314_159, 8_675_309, 20_261_121})
    void random_tables_behave_like_a_sorted_map(long seed) throws Exception {
        Random random = new Random(seed);
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        int count = 1 + random.nextInt(1_500);
        while (model.size() < count) {
            model.put(randomBytes(random, 1, 40), randomValue(random));
        }
        int blockSize = 64 + random.nextInt(4_096 - 64 + 1);
        // Always a cache (of 0 bytes up to 64 KiB): this test covers every task, the cache (Task 5)
        // included; a table without a cache is SsTableReadTest's.
        BlockCache cache = new BlockCache(random.nextInt(64 * 1024));
        String setup = String.format("seed %d (%d entries, block size %d, %s)", seed, count, blockSize,
                "a cache of " + cache.capacityBytes() + " bytes");
        List<Entry> expected = new ArrayList<>();
        model.forEach((k, v) -> expected.add(new Entry(k, v)));

        Path path = dir.resolve("model.sst");
        SsTableBuilder builder = new SsTableBuilder(blockSize, path);
        for (Entry e : expected) {
            builder.add(e.key(), e.value());
        }
        long estimate = builder.estimatedSize();
        long builtSize;
        try (SsTable built = builder.build(seed, null)) {
            builtSize = built.tableSize();
            assertThat(drain(SsTableIterator.createAndSeekToFirst(built), count))
                    .as("%s: every entry, in order, from the table build() returned (built without a cache)", setup)
                    .containsExactlyElementsOf(expected);
        }
        assertThat((long) estimate)
                .as("%s: estimatedSize() before build() is less than the file size %d (meta and footer come after)",
                        setup, builtSize)
                .isLessThan(builtSize);

        try (FileObject file = FileObject.open(path); SsTable table = SsTable.open(seed, cache, file)) {
            assertThat(table.firstKey()).as("%s: firstKey() after reopening", setup).isEqualTo(model.firstKey());
            assertThat(table.lastKey()).as("%s: lastKey() after reopening", setup).isEqualTo(model.lastKey());
            assertThat(drain(SsTableIterator.createAndSeekToFirst(table), count))
                    .as("%s: every entry, in order, after reopening the file with SsTable.open", setup)
                    .containsExactlyElementsOf(expected);

            SsTableIterator it = SsTableIterator.createAndSeekToFirst(table);
            for (int probe = 0; probe < 300; probe++) {
                Bytes target = probe(random, model);
                Bytes want = model.ceilingKey(target);

                int idx = table.findBlockIdx(target);
                assertThat(idx).as("%s: findBlockIdx(%s) is a block index", setup, target)
                        .isBetween(0, table.numBlocks() - 1);
                if (idx > 0) {
                    assertThat(table.blockMeta(idx).firstKey().compareTo(target))
                            .as("%s: findBlockIdx(%s) = %d, so block %d's first key %s must be <= the key",
                                    setup, target, idx, idx, table.blockMeta(idx).firstKey())
                            .isLessThanOrEqualTo(0);
                }
                if (idx + 1 < table.numBlocks()) {
                    assertThat(table.blockMeta(idx + 1).firstKey().compareTo(target))
                            .as("%s: findBlockIdx(%s) = %d must be the LAST block whose first key is <= the key, but "
                                    + "block %d's first key %s is <= it too", setup, target, idx, idx + 1,
                                    table.blockMeta(idx + 1).firstKey())
                            .isGreaterThan(0);
                }

                SsTableIterator fresh = SsTableIterator.createAndSeekToKey(table, target);
                it.seekToKey(target);
                for (SsTableIterator sought : List.of(fresh, it)) {
                    String how = sought == fresh ? "createAndSeekToKey" : "seekToKey on a reused iterator";
                    assertThat(sought.isValid() ? sought.key() : null)
                            .as("%s: %s(%s) must land on the first key >= it, as TreeMap.ceilingKey (null: invalid)",
                                    setup, how, target)
                            .isEqualTo(want);
                    if (want != null) {
                        assertThat(sought.value()).as("%s: %s(%s): the value at %s", setup, how, target, want)
                                .isEqualTo(model.get(want));
                    }
                }
                if (want != null) {
                    fresh.next();
                    Bytes after = model.higherKey(want);
                    assertThat(fresh.isValid() ? fresh.key() : null)
                            .as("%s: next() after landing on %s: the following key (null: invalid)", setup, want)
                            .isEqualTo(after);
                    if (probe % 50 == 0) {
                        List<Entry> rest = new ArrayList<>();
                        for (Map.Entry<Bytes, Bytes> e : model.tailMap(want, false).entrySet()) {
                            rest.add(new Entry(e.getKey(), e.getValue()));
                        }
                        assertThat(drain(fresh, count))
                                .as("%s: everything after %s, iterating on from a seek", setup, want)
                                .containsExactlyElementsOf(rest);
                    }
                }
            }
            assertThat(cache.weightedSize())
                    .as("%s: the cache's weightedSize() after all the reads", setup)
                    .isLessThanOrEqualTo(cache.capacityBytes());
        }
    }

    /** A key to seek: a key of the table, one just after or before it, anything, before all, or after all. */
    private static Bytes probe(Random random, NavigableMap<Bytes, Bytes> model) {
        switch (random.nextInt(6)) {
            case 0, 1:
                return randomKeyOf(model, random);
            case 2:
                return TestTables.concat(randomKeyOf(model, random), (byte) random.nextInt(256));
            case 3: {
                Bytes key = randomKeyOf(model, random);
                return key.length() > 1 ? key.slice(0, key.length() - 1) : key;
            }
            case 4:
                return random.nextBoolean() ? Bytes.wrap(new byte[] {0}) : randomBytes(random, 41, 41, (byte) 0xFF);
            default:
                return randomBytes(random, 1, 40);
        }
    }

    private static Bytes randomValue(Random random) {
        int kind = random.nextInt(20);
        if (kind < 3) {
            return Bytes.EMPTY; // a tombstone
        } else if (kind == 3) {
            return randomBytes(random, 1_000, 5_000); // longer than many blocks
        }
        return randomBytes(random, 1, 60);
    }

    private static Bytes randomKeyOf(NavigableMap<Bytes, Bytes> map, Random random) {
        int skip = random.nextInt(map.size());
        for (Bytes key : map.keySet()) {
            if (skip-- == 0) {
                return key;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Random bytes over the whole 0..255 range, so that signed comparison would go wrong. */
    private static Bytes randomBytes(Random random, int minLength, int maxLength) {
        byte[] bytes = new byte[minLength + random.nextInt(maxLength - minLength + 1)];
        random.nextBytes(bytes);
        return Bytes.wrap(bytes);
    }

    /** {@code length} copies of {@code fill} (with the length drawn like {@link #randomBytes}). */
    private static Bytes randomBytes(Random random, int minLength, int maxLength, byte fill) {
        byte[] bytes = new byte[minLength + random.nextInt(maxLength - minLength + 1)];
        Arrays.fill(bytes, fill);
        return Bytes.wrap(bytes);
    }
}
