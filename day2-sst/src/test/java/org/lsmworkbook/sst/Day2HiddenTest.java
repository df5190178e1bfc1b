package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.sst.TestTables.build;
import static org.lsmworkbook.sst.TestTables.concat;
import static org.lsmworkbook.sst.TestTables.drain;
import static org.lsmworkbook.sst.TestTables.entriesOf;
import static org.lsmworkbook.sst.TestTables.numbered;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.TestTables.Entry;

/**
 * Day 2 checks beyond the public suite. What each test covers that the public tests do not:
 *
 * <ul>
 *   <li>{@code the_smallest_possible_blocks_are_reopened_and_read}: a table of 256 blocks of one
 *       one-byte key and a tombstone each (every stored block exactly 13 bytes, the least there can
 *       be), and a table of one such entry (meta offset 13): {@code SsTable.open}'s sanity checks
 *       must accept these exact boundaries, which the public tables (larger blocks) never reach.
 *   <li>{@code a_rejected_add_changes_nothing_in_the_table_builder}: adds refused for an empty key,
 *       a key or value over 65,535 bytes, also as the very first add and at a block boundary; the
 *       same key must then be accepted with a legal value, and the table must hold exactly what
 *       was accepted.
 *   <li>{@code cache_keys_of_different_blocks_never_collide}: {@code BlockCache} entries whose
 *       (SST id, block index) pairs collide under a naive combined key (ids that differ only above
 *       bit 31, id and index swapped, {@code id * 31 + idx}); and two tables sharing a cache whose
 *       ids differ only in their high bits.
 *   <li>{@code a_seek_reads_only_the_blocks_it_needs}: through a fresh cache, which blocks a
 *       seek and a {@code next()} across a block boundary actually read: a seek must not walk the
 *       blocks before its target nor read ahead.
 *   <li>{@code entries_of_the_largest_sizes_survive_a_reopened_table}: 65,535-byte keys (also
 *       in the meta section), 65,535-byte values, blocks far above 64 KiB, reopened and sought.
 * </ul>
 */
@Tag("hidden")
@Timeout(30)
@DisplayName("Day 2 · hidden — boundary tables, rejected adds, cache keys, lazy seeks, huge entries")
class Day2HiddenTest {

    @TempDir
    Path dir;

    private static SsTable reopen(Path path, long id, BlockCache cache) throws IOException {
        FileObject file = FileObject.open(path);
        try {
            return SsTable.open(id, cache, file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    private static Bytes filled(int length, int b) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) b);
        return Bytes.wrap(bytes);
    }

    private static Bytes pattern(int length, int salt) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + salt);
        }
        return Bytes.wrap(bytes);
    }

    @Test
    @Tag("points=2")
    void the_smallest_possible_blocks_are_reopened_and_read() throws Exception {
        List<Entry> entries = new ArrayList<>();
        for (int b = 0; b < 256; b++) {
            entries.add(new Entry(Bytes.wrap(new byte[] {(byte) b}), Bytes.EMPTY));
        }
        Path path = dir.resolve("tiny-blocks.sst");
        build(path, 1, entries).close();
        try (SsTable table = reopen(path, 3, null)) {
            assertThat(table.numBlocks())
                    .as("256 entries built with block size 1: one entry per block, so 256 blocks after SsTable.open")
                    .isEqualTo(256);
            for (int i = 0; i < 256; i++) {
                int end = i + 1 < 256 ? table.blockMeta(i + 1).offset() : (int) metaOffset(table);
                assertThat(end - table.blockMeta(i).offset())
                        .as("stored block %d: a 9-byte block (one 1-byte key, empty value) plus its 4-byte checksum", i)
                        .isEqualTo(13);
                assertThat(entriesOf(table.readBlock(i)))
                        .as("readBlock(%d) of a table of 13-byte stored blocks, the smallest a block can be. SsTable.open "
                                + "and readBlock must accept that exact minimum (a check such as 'gap <= minimum' or "
                                + "'block size > checksum + count' that is one off refuses a valid file)", i)
                        .containsExactly(entries.get(i));
                assertThat(table.findBlockIdx(entries.get(i).key()))
                        .as("findBlockIdx(%s) in a table of one key per block", entries.get(i).key())
                        .isEqualTo(i);
            }
            assertThat(drain(SsTableIterator.createAndSeekToFirst(table), 300))
                    .as("iterating the 256 one-entry blocks: keys 0x00 to 0xFF in unsigned order, all tombstones")
                    .containsExactlyElementsOf(entries);
            SsTableIterator it = SsTableIterator.createAndSeekToKey(table, Bytes.wrap(new byte[] {0x7F, 0}));
            assertThat(it.isValid() ? it.key() : null)
                    .as("createAndSeekToKey(0x7F 0x00) lands on 0x80, the first key of the next block")
                    .isEqualTo(Bytes.wrap(new byte[] {(byte) 0x80}));
        }

        Path single = dir.resolve("one-tiny-entry.sst");
        build(single, 4096, List.of(new Entry(Bytes.of("x"), Bytes.EMPTY))).close();
        BlockCache cache = new BlockCache(1 << 20);
        try (SsTable table = reopen(single, 4, cache)) {
            assertThat(metaOffset(table))
                    .as("the meta offset of a table of the one entry \"x\" -> tombstone: one 13-byte stored block")
                    .isEqualTo(13);
            assertThat(drain(SsTableIterator.createAndSeekToFirst(table), 2))
                    .as("reopening and iterating a table whose only block is the smallest possible (its meta starts at "
                            + "byte 13, exactly the minimum SsTable.open may accept)")
                    .containsExactly(new Entry(Bytes.of("x"), Bytes.EMPTY));
        }
    }

    /** The meta offset, the first field of the footer. */
    private static long metaOffset(SsTable table) throws IOException {
        return TestTables.u32(table.file().read(table.tableSize() - SsTable.FOOTER_SIZE, 4), 0);
    }

    private static List<BlockMeta> metas(SsTable table) {
        List<BlockMeta> out = new ArrayList<>();
        for (int i = 0; i < table.numBlocks(); i++) {
            out.add(table.blockMeta(i));
        }
        return out;
    }

    @Test
    void a_rejected_add_changes_nothing_in_the_table_builder() throws Exception {
        Path path = dir.resolve("after-refusals.sst");
        SsTableBuilder builder = new SsTableBuilder(64, path);
        long emptyEstimate = builder.estimatedSize();
        Bytes tooLong = Bytes.wrap(new byte[Block.MAX_VALUE_LENGTH + 1]);
        assertThatThrownBy(() -> builder.add(Bytes.of("k"), tooLong),
                "the first add() with a 65,536-byte value: IllegalArgumentException")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(Bytes.EMPTY, Bytes.of("v")),
                "the first add() with an empty key: IllegalArgumentException")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> builder.add(tooLong, Bytes.of("v")),
                "the first add() with a 65,536-byte key: IllegalArgumentException")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(builder.isEmpty())
                .as("isEmpty() after three refused adds: a refused add() stores nothing and must not count as the "
                        + "first entry (check the entry before you remember its key)")
                .isTrue();
        assertThat(builder.estimatedSize()).as("estimatedSize() after three refused adds").isEqualTo(emptyEstimate);

        List<Entry> accepted = new ArrayList<>();
        builder.add(Bytes.of("k"), Bytes.of("1"));
        accepted.add(Entry.of("k", "1"));
        for (int i = 0; i < 20; i++) {
            Bytes key = Bytes.of("m" + (char) ('a' + i));
            long before = builder.estimatedSize();
            assertThatThrownBy(() -> builder.add(key, tooLong),
                    "add(%s, 65,536-byte value): IllegalArgumentException", key)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(builder.estimatedSize())
                    .as("estimatedSize() after the refused add(%s, 65,536 bytes): unchanged", key)
                    .isEqualTo(before);
            Bytes value = pattern(30, i);
            builder.add(key, value); // must not say "keys must increase": the refused add stored no key
            accepted.add(new Entry(key, value));
        }
        try (SsTable built = builder.build(1, null)) {
            assertThat(built.numBlocks()).as("entries of ~40 bytes in blocks of 64: several blocks").isGreaterThan(5);
        }
        try (SsTable table = reopen(path, 1, null)) {
            assertThat(drain(SsTableIterator.createAndSeekToFirst(table), 100))
                    .as("the table built after refused adds (each followed by an accepted add of the same key): exactly "
                            + "the accepted entries, in order; a refused add must leave no trace, also when it "
                            + "came when the current block was full")
                    .containsExactlyElementsOf(accepted);
        }
    }

    private static Block marker(long id, int idx) {
        BlockBuilder builder = new BlockBuilder(4096);
        builder.add(Bytes.of("sst " + id + " block " + idx), Bytes.of("x"));
        return builder.build();
    }

    @Test
    void cache_keys_of_different_blocks_never_collide() throws Exception {
        long[] ids = {0, 1, 31, 1L << 32, (1L << 32) + 1, 1L << 40, Long.MAX_VALUE};
        int[] indexes = {0, 1, 31, 65_536};
        BlockCache cache = new BlockCache(1 << 20);
        AtomicInteger loads = new AtomicInteger();
        List<Block> loaded = new ArrayList<>();
        for (long id : ids) {
            for (int idx : indexes) {
                Block mine = marker(id, idx);
                Block got = cache.getOrLoad(id, idx, 10, () -> {
                    loads.incrementAndGet();
                    return mine;
                });
                assertThat(got)
                        .as("getOrLoad(%d, %d, ...) on a cache that has never seen block %d of SST %d: it must load it and "
                                + "return the new block, not another block's. The cache key must hold the full long id "
                                + "and the index separately (a record of both), never a combination such as "
                                + "id * 31 + index, id + index, (int) id or id << 32 | index", id, idx, idx, id)
                        .isSameAs(mine);
                loaded.add(mine);
            }
        }
        assertThat(loads.get()).as("loader calls for %d different blocks", loaded.size()).isEqualTo(loaded.size());
        int n = 0;
        for (long id : ids) {
            for (int idx : indexes) {
                assertThat(cache.getIfPresent(id, idx))
                        .as("getIfPresent(%d, %d) after all %d blocks were loaded into a 1 MiB cache", id, idx, loaded.size())
                        .isSameAs(loaded.get(n++));
            }
        }

        // The same through tables: ids that differ only above bit 31.
        List<Entry> one = numbered(60);
        List<Entry> two = new ArrayList<>();
        for (Entry e : one) {
            two.add(new Entry(e.key(), Bytes.of("second " + e.value().toUtf8String())));
        }
        BlockCache shared = new BlockCache(1 << 20);
        long low = 7;
        long high = 7 + (1L << 32);
        try (SsTable t1 = build(dir.resolve("low.sst"), 128, one, low, shared);
                SsTable t2 = build(dir.resolve("high.sst"), 128, two, high, shared)) {
            for (int pass = 0; pass < 2; pass++) {
                assertThat(drain(SsTableIterator.createAndSeekToFirst(t1), 100))
                        .as("pass %d over table %d, sharing its cache with table %d (same keys, other values)", pass, low, high)
                        .containsExactlyElementsOf(one);
                assertThat(drain(SsTableIterator.createAndSeekToFirst(t2), 100))
                        .as("pass %d over table %d (= 7 + 2^32), sharing its cache with table 7: SST ids are longs", pass, high)
                        .containsExactlyElementsOf(two);
            }
        }
    }

    /** The block indexes of table {@code id} that are in the cache. */
    private static Set<Integer> cached(BlockCache cache, long id, int numBlocks) {
        Set<Integer> out = new TreeSet<>();
        for (int i = 0; i < numBlocks; i++) {
            if (cache.getIfPresent(id, i) != null) {
                out.add(i);
            }
        }
        return out;
    }

    @Test
    void a_seek_reads_only_the_blocks_it_needs() throws Exception {
        Path path = dir.resolve("lazy.sst");
        List<Entry> entries = numbered(300);
        int n;
        List<BlockMeta> metas;
        try (SsTable table = build(path, 128, entries)) {
            n = table.numBlocks();
            metas = metas(table);
        }
        assertThat(n).as("the table under test spans many blocks").isGreaterThan(20);
        long id = 100;
        for (int k : new int[] {1, n / 2, n - 2}) {
            // {target, the key it lands on, the block that holds it, the blocks a seek may read, what it is}
            Object[][] seeks = {
                {metas.get(k).firstKey(), metas.get(k).firstKey(), k, List.of(0, k), "block " + k + "'s first key"},
                {metas.get(k).lastKey(), metas.get(k).lastKey(), k, List.of(0, k), "block " + k + "'s last key"},
                {concat(metas.get(k).lastKey(), (byte) 0), metas.get(k + 1).firstKey(), k + 1, List.of(0, k, k + 1),
                    "a key just after block " + k + "'s last key"},
            };
            for (Object[] s : seeks) {
                BlockCache cache = new BlockCache(1 << 20);
                id++;
                try (SsTable table = reopen(path, id, cache)) {
                    Bytes target = (Bytes) s[0];
                    int holder = (Integer) s[2];
                    @SuppressWarnings("unchecked")
                    List<Integer> allowed = (List<Integer>) s[3];
                    SsTableIterator it = SsTableIterator.createAndSeekToKey(table, target);
                    assertThat(it.isValid() ? it.key() : null)
                            .as("createAndSeekToKey(%s), %s", target, s[4])
                            .isEqualTo(s[1]);
                    assertThat(cached(cache, id, n))
                            .as("blocks read (found in a fresh cache) by createAndSeekToKey(%s), %s, in a table of %d blocks: "
                                    + "block %d, and at most one other of %s. Use findBlockIdx (a binary search over the "
                                    + "meta, which reads no block) and load only the block it names (and the next one if "
                                    + "the key is past that block's last key); never walk the table from its first "
                                    + "block, never read blocks ahead", target, s[4], n, holder, allowed)
                            .contains(holder)
                            .hasSizeLessThanOrEqualTo(2)
                            .isSubsetOf(allowed);
                }
            }
        }

        // next() across a block boundary reads the next block, and only it.
        BlockCache cache = new BlockCache(1 << 20);
        id++;
        try (SsTable table = reopen(path, id, cache)) {
            int k = n / 2;
            SsTableIterator it = SsTableIterator.createAndSeekToKey(table, metas.get(k).lastKey());
            Set<Integer> before = cached(cache, id, n);
            it.next();
            assertThat(it.isValid() ? it.key() : null)
                    .as("next() from block %d's last key: block %d's first key", k, k + 1)
                    .isEqualTo(metas.get(k + 1).firstKey());
            Set<Integer> after = cached(cache, id, n);
            after.removeAll(before);
            assertThat(after)
                    .as("blocks newly read by next() from the last entry of block %d: block %d only", k, k + 1)
                    .containsExactly(k + 1);

            SsTableIterator past = SsTableIterator.createAndSeekToKey(table, Bytes.of("zzz"));
            assertThat(past.isValid()).as("createAndSeekToKey(\"zzz\"), after every key").isFalse();
            Set<Integer> all = cached(cache, id, n);
            assertThat(all)
                    .as("blocks in the cache after also seeking past the last key: that seek may read the last "
                            + "block (%d) at most, never the whole table", n - 1)
                    .isSubsetOf(0, k, k + 1, n - 1);
        }
    }

    @Test
    void entries_of_the_largest_sizes_survive_a_reopened_table() throws Exception {
        Bytes k1 = filled(Block.MAX_KEY_LENGTH, 0x80);
        Bytes k2 = filled(32_768, 0xFF);
        Bytes k3 = filled(Block.MAX_KEY_LENGTH, 0xFF);
        List<Entry> entries = List.of(
                Entry.of("a", "1"),
                new Entry(k1, pattern(Block.MAX_VALUE_LENGTH, 1)),
                new Entry(k2, pattern(40_000, 2)),
                new Entry(k3, Bytes.EMPTY));
        Path path = dir.resolve("huge.sst");
        build(path, BlockBuilder.MAX_BLOCK_SIZE, entries).close();
        BlockCache cache = new BlockCache(1 << 20);
        try (SsTable table = reopen(path, 9, cache)) {
            assertThat(table.numBlocks())
                    .as("\"a\" and three entries each larger than a 65,536-byte block: 4 blocks")
                    .isEqualTo(4);
            assertThat(table.firstKey()).as("firstKey()").isEqualTo(Bytes.of("a"));
            assertThat(table.lastKey())
                    .as("lastKey(): a 65,535-byte key of 0xFF, read back from the meta section (its length is a u16 of "
                            + "0xFFFF)")
                    .isEqualTo(k3);
            for (int i = 0; i < 4; i++) {
                assertThat(table.blockMeta(i).firstKey()).as("blockMeta(%d).firstKey()", i).isEqualTo(entries.get(i).key());
                assertThat(table.blockMeta(i).lastKey()).as("blockMeta(%d).lastKey()", i).isEqualTo(entries.get(i).key());
            }
            for (int pass = 0; pass < 2; pass++) {
                assertThat(drain(SsTableIterator.createAndSeekToFirst(table), 10))
                        .as("pass %d: every entry of a table holding 65,535-byte keys and values (blocks of up to "
                                + "131,080 bytes), read through a cache", pass)
                        .containsExactlyElementsOf(entries);
            }
            Object[][] seeks = {
                {filled(40_000, 0x80), k1, "40,000 x 0x80, a prefix of the 0x80 key"},
                {filled(Block.MAX_KEY_LENGTH, 0x80), k1, "the 0x80 key itself"},
                {filled(200, 0xFF), k2, "200 x 0xFF, a proper prefix of the 32,768-byte 0xFF key"},
                {filled(40_000, 0xFF), k3, "40,000 x 0xFF, between the 32,768- and 65,535-byte 0xFF keys"},
                {concat(k3, (byte) 0), null, "the longest 0xFF key followed by 0x00: after every key"},
            };
            for (Object[] s : seeks) {
                Bytes target = (Bytes) s[0];
                SsTableIterator it = SsTableIterator.createAndSeekToKey(table, target);
                assertThat(it.isValid() ? it.key() : null)
                        .as("createAndSeekToKey(%s) (null: invalid)", s[2])
                        .isEqualTo(s[1]);
            }
            assertThat(table.findBlockIdx(filled(40_000, 0xFF)))
                    .as("findBlockIdx(40,000 x 0xFF): block 2, whose first key (32,768 x 0xFF) is the last one <= it")
                    .isEqualTo(2);
        }
    }
}
