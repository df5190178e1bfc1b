package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.sst.TestTables.build;
import static org.lsmworkbook.sst.TestTables.crc32c;
import static org.lsmworkbook.sst.TestTables.entriesOf;
import static org.lsmworkbook.sst.TestTables.expectedBlocks;
import static org.lsmworkbook.sst.TestTables.numbered;
import static org.lsmworkbook.sst.TestTables.u32;
import static org.lsmworkbook.sst.TestTables.u64;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
 * The builder and the meta encoding, checked on the bytes of the file it writes (read with plain
 * {@code Files.readAllBytes}), so that these tests need nothing from tasks 3 to 5.
 */
@Timeout(10)
@DisplayName("Day 2 · Task 2 — SsTableBuilder")
class SsTableBuilderTest {

    @TempDir
    Path dir;

    /** Where each stored block starts, and where the last one ends (meta_offset), from the table's meta and footer. */
    private static int[] blockBounds(SsTable table, byte[] file) {
        int[] bounds = new int[table.numBlocks() + 1];
        for (int i = 0; i < table.numBlocks(); i++) {
            bounds[i] = table.blockMeta(i).offset();
        }
        bounds[table.numBlocks()] = (int) u32(file, file.length - SsTable.FOOTER_SIZE);
        return bounds;
    }

    @Test
    void many_entries_with_a_small_block_size_make_several_blocks_with_the_right_first_and_last_keys()
            throws IOException {
        List<Entry> entries = numbered(200);
        int blockSize = 256;
        List<List<Entry>> expected = expectedBlocks(blockSize, entries);
        try (SsTable table = build(dir.resolve("t.sst"), blockSize, entries)) {
            assertThat(table.numBlocks())
                    .as("200 entries of ~30 bytes in blocks of %d bytes: numBlocks() of the table build() returned. "
                            + "When BlockBuilder.add returns false, finish the block and start a new one", blockSize)
                    .isGreaterThan(1)
                    .isEqualTo(expected.size());
            assertThat(table.firstKey()).as("firstKey(): the first key added").isEqualTo(entries.get(0).key());
            assertThat(table.lastKey()).as("lastKey(): the last key added").isEqualTo(entries.get(199).key());
            for (int i = 0; i < expected.size(); i++) {
                List<Entry> block = expected.get(i);
                BlockMeta meta = table.blockMeta(i);
                assertThat(meta.firstKey())
                        .as("blockMeta(%d).firstKey(): the first key that went into block %d (blocks are filled by a "
                                + "BlockBuilder(%d) until add() returns false)", i, i, blockSize)
                        .isEqualTo(block.get(0).key());
                assertThat(meta.lastKey())
                        .as("blockMeta(%d).lastKey(): the last key that went into block %d", i, i)
                        .isEqualTo(block.get(block.size() - 1).key());
            }
        }
    }

    @Test
    void stored_blocks_follow_each_other_and_each_is_followed_by_the_crc32c_of_its_encoded_bytes()
            throws Exception {
        List<Entry> entries = new ArrayList<>(numbered(120));
        entries.set(17, new Entry(entries.get(17).key(), Bytes.EMPTY)); // a tombstone is stored like any value
        int blockSize = 200;
        List<List<Entry>> expected = expectedBlocks(blockSize, entries);
        Path path = dir.resolve("t.sst");
        try (SsTable table = build(path, blockSize, entries)) {
            byte[] file = Files.readAllBytes(path);
            int[] bounds = blockBounds(table, file);
            assertThat(bounds[0]).as("blockMeta(0).offset(): the first block starts the file").isZero();
            for (int i = 0; i < table.numBlocks(); i++) {
                int start = bounds[i];
                int end = bounds[i + 1];
                assertThat(end - start)
                        .as("block %d runs from offset %d to %d (the next block's offset, or meta_offset for the last)",
                                i, start, end)
                        .isGreaterThan(SsTable.CHECKSUM_SIZE);
                byte[] encoded = Arrays.copyOfRange(file, start, end - SsTable.CHECKSUM_SIZE);
                assertThat((int) u32(file, end - SsTable.CHECKSUM_SIZE))
                        .as("the 4 bytes after stored block %d (offset %d): the CRC-32C of the block's encoded bytes, "
                                + "big-endian (Checksums.crc32c(encoded, 0, encoded.length)); see SsTable's class comment",
                                i, end - SsTable.CHECKSUM_SIZE)
                        .isEqualTo(crc32c(encoded, 0, encoded.length));
                assertThat(entriesOf(Block.decode(encoded)))
                        .as("Block.decode of the bytes of stored block %d: the entries that went into it", i)
                        .containsExactlyElementsOf(expected.get(i));
            }
        }
    }

    @Test
    void the_file_ends_with_the_meta_section_and_a_footer_of_meta_offset_version_and_magic() throws IOException {
        Path path = dir.resolve("t.sst");
        try (SsTable table = build(path, 256, numbered(100))) {
            byte[] file = Files.readAllBytes(path);
            int footer = file.length - SsTable.FOOTER_SIZE;
            assertThat(u64(file, footer + 8))
                    .as("the last 8 bytes of the file: the magic number SsTable.MAGIC (0x%016x), big-endian", SsTable.MAGIC)
                    .isEqualTo(SsTable.MAGIC);
            assertThat(new String(file, footer + 8, 8, StandardCharsets.US_ASCII))
                    .as("the magic number spells LSMWBSST in ASCII").isEqualTo("LSMWBSST");
            assertThat(u32(file, footer + 4))
                    .as("bytes size-12 to size-8: the format version SsTable.FORMAT_VERSION, a big-endian u32")
                    .isEqualTo(SsTable.FORMAT_VERSION);
            long metaOffset = u32(file, footer);
            List<BlockMeta> metas = new ArrayList<>();
            for (int i = 0; i < table.numBlocks(); i++) {
                metas.add(table.blockMeta(i));
            }
            assertThat(Arrays.copyOfRange(file, (int) metaOffset, footer)).inHexadecimal()
                    .as("the bytes from meta_offset (%d, the footer's first u32) to the footer: "
                            + "BlockMeta.encodeList of the table's block metas", metaOffset)
                    .isEqualTo(BlockMeta.encodeList(metas));
            assertThat(table.tableSize()).as("tableSize() of the table build() returned: the file's size").isEqualTo(file.length);
        }
    }

    @Test
    void encodeList_writes_the_count_each_offset_and_key_with_its_length_and_a_crc32c() {
        byte[] high = {(byte) 0xFF, 0x00, (byte) 0x80};
        List<BlockMeta> metas = List.of(
                new BlockMeta(0, Bytes.of("a"), Bytes.of("cat")),
                new BlockMeta(0x01020304, Bytes.of("dog"), Bytes.wrap(high)));
        ByteArrayOutputStream want = new ByteArrayOutputStream();
        want.writeBytes(new byte[] {0, 0, 0, 2});                 // num_blocks
        want.writeBytes(new byte[] {0, 0, 0, 0});                 // block 0: offset 0
        want.writeBytes(new byte[] {0, 1, 'a'});                  //   first key "a"
        want.writeBytes(new byte[] {0, 3, 'c', 'a', 't'});        //   last key "cat"
        want.writeBytes(new byte[] {1, 2, 3, 4});                 // block 1: offset 0x01020304
        want.writeBytes(new byte[] {0, 3, 'd', 'o', 'g'});        //   first key "dog"
        want.writeBytes(new byte[] {0, 3});                       //   last key \xff\x00\x80
        want.writeBytes(high);
        byte[] body = want.toByteArray();
        int crc = crc32c(body, 0, body.length);
        want.writeBytes(new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc});
        assertThat(BlockMeta.encodeList(metas)).inHexadecimal()
                .as("BlockMeta.encodeList of [(0, \"a\", \"cat\"), (0x01020304, \"dog\", \"\\xff\\x00\\x80\")]: "
                        + "num_blocks u32 | per block: offset u32, first_key_len u16, first_key, last_key_len u16, "
                        + "last_key | CRC-32C u32 of everything before it; all big-endian (see BlockMeta's class comment)")
                .isEqualTo(want.toByteArray());
    }

    @Test
    void keys_must_strictly_increase_within_a_block_and_across_blocks() throws IOException {
        try (SsTableBuilder sameBlock = new SsTableBuilder(4096, dir.resolve("same-block.sst"))) {
            sameBlock.add(Bytes.of("b"), Bytes.of("1"));
            assertThatThrownBy(() -> sameBlock.add(Bytes.of("a"), Bytes.of("2")),
                    "add(\"a\") after add(\"b\"): an SST is sorted, IllegalArgumentException")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> sameBlock.add(Bytes.of("b"), Bytes.of("3")),
                    "add(\"b\") twice: keys are unique, IllegalArgumentException")
                    .isInstanceOf(IllegalArgumentException.class);
        }

        // With a block size of 1 byte every entry fills a block on its own. A builder that starts a
        // fresh block as soon as one is full hands "a" to an empty BlockBuilder, which cannot know
        // that "b" came before: only the SsTableBuilder can notice the order is wrong.
        SsTableBuilder oneEntryPerBlock = new SsTableBuilder(1, dir.resolve("t.sst"));
        oneEntryPerBlock.add(Bytes.of("b"), Bytes.of("1"));
        assertThatThrownBy(() -> oneEntryPerBlock.add(Bytes.of("a"), Bytes.of("2")),
                "add(\"a\") after add(\"b\") with block size 1 (one entry per block): a BlockBuilder only "
                        + "sees its own block, so the SsTableBuilder must check the order across blocks itself")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> oneEntryPerBlock.add(Bytes.of("b"), Bytes.of("2")),
                "add(\"b\") again where it would open a new block: IllegalArgumentException")
                .isInstanceOf(IllegalArgumentException.class);
        oneEntryPerBlock.add(Bytes.wrap(new byte[] {(byte) 0x80}), Bytes.of("3"));
        try (SsTable table = oneEntryPerBlock.build(1, null)) {
            assertThat(table.numBlocks())
                    .as("after \"b\", two rejected adds and \\x80 (which sorts after \"b\" unsigned), with one entry "
                            + "per block: a rejected add() must change nothing, so 2 blocks")
                    .isEqualTo(2);
            assertThat(table.lastKey()).as("lastKey()").isEqualTo(Bytes.wrap(new byte[] {(byte) 0x80}));
        }
    }

    @Test
    void an_empty_builder_cannot_build_and_closing_it_deletes_its_file() throws IOException {
        Path path = dir.resolve("empty.sst");
        SsTableBuilder builder = new SsTableBuilder(4096, path);
        assertThat(builder.isEmpty()).as("isEmpty() of a new SsTableBuilder").isTrue();
        assertThat(path).as("the constructor creates the file (FileObject.createWriter)").exists();
        assertThatThrownBy(() -> builder.build(1, null),
                "build() with no entries: an SST holds at least one block, IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        builder.close();
        assertThat(path).as("close() of a builder that did not build its table: the file is deleted (no SST without "
                + "its footer may be left behind)").doesNotExist();
    }

    @Test
    void a_builder_builds_one_table_only() throws IOException {
        Path path = dir.resolve("first.sst");
        SsTableBuilder builder = new SsTableBuilder(4096, path);
        builder.add(Bytes.of("a"), Bytes.of("1"));
        assertThat(builder.isEmpty()).as("isEmpty() after one add").isFalse();
        try (SsTable table = builder.build(1, null)) {
            assertThat(table.numBlocks()).as("numBlocks() of a table of one entry").isEqualTo(1);
            assertThatThrownBy(() -> builder.build(2, null),
                    "build() a second time: IllegalStateException (a builder builds one table)")
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> builder.add(Bytes.of("b"), Bytes.of("2")),
                    "add() after build(): IllegalStateException")
                    .isInstanceOf(IllegalStateException.class);
            builder.close();
            assertThat(path).as("close() after build(): the table owns the file now; nothing is deleted").exists();
            assertThat(table.firstKey()).as("firstKey() of the table after the builder's close()").isEqualTo(Bytes.of("a"));
        }
    }

    @Test
    void the_constructor_creates_the_file_and_never_overwrites() throws IOException {
        Path path = dir.resolve("taken.sst");
        Files.write(path, new byte[] {42});
        assertThatThrownBy(() -> new SsTableBuilder(4096, path),
                "new SsTableBuilder(4096, a path that exists): FileAlreadyExistsException from FileObject.createWriter")
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(Files.readAllBytes(path)).inHexadecimal().as("the existing file must be left as it was").isEqualTo(new byte[] {42});
    }

    @Test
    void the_block_size_must_be_between_1_and_65536() {
        Path path = dir.resolve("never.sst");
        assertThatThrownBy(() -> new SsTableBuilder(0, path),
                "new SsTableBuilder(0, path): IllegalArgumentException, as for new BlockBuilder(0)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SsTableBuilder(65_537, path),
                "new SsTableBuilder(65537, path): IllegalArgumentException, as for new BlockBuilder(65537)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(path).as("a refused block size: check it before creating the file, so that none is left").doesNotExist();
    }

    @Test
    void each_block_is_written_to_the_file_as_soon_as_it_is_cut() throws Exception {
        List<Entry> entries = numbered(200);
        int blockSize = 256;
        List<List<Entry>> expected = expectedBlocks(blockSize, entries);
        Path path = dir.resolve("t.sst");
        try (SsTableBuilder builder = new SsTableBuilder(blockSize, path)) {
            ByteArrayOutputStream cut = new ByteArrayOutputStream();
            int entry = 0;
            for (int b = 0; b < expected.size(); b++) {
                for (Entry e : expected.get(b)) {
                    builder.add(e.key(), e.value());
                    entry++;
                }
                assertThat(Files.readAllBytes(path)).inHexadecimal()
                        .as("the file after %d adds, which filled blocks 0 to %d (block %d is still being filled, "
                                + "and is cut by the next add): every block cut so far, each followed by its "
                                + "checksum; a builder streams its blocks to the file and keeps none of them in memory",
                                entry, b - 1, b)
                        .isEqualTo(cut.toByteArray());
                BlockBuilder blockBuilder = new BlockBuilder(blockSize);
                for (Entry e : expected.get(b)) {
                    blockBuilder.add(e.key(), e.value());
                }
                byte[] encoded = blockBuilder.build().encode();
                cut.writeBytes(encoded);
                int crc = crc32c(encoded, 0, encoded.length);
                cut.writeBytes(new byte[] {(byte) (crc >>> 24), (byte) (crc >>> 16), (byte) (crc >>> 8), (byte) crc});
            }
            builder.build(1, null).close();
        }
    }

    @Test
    void a_builder_whose_write_fails_deletes_its_file_and_can_no_longer_be_used() throws IOException {
        RecordingFileSystem recording = new RecordingFileSystem().failingWritesAfter(2_000);
        Path real = dir.resolve("full.sst");
        SsTableBuilder builder = new SsTableBuilder(256, recording.wrap(real));
        Throwable thrown = null;
        for (Entry e : numbered(200)) {
            thrown = catchThrowable(() -> builder.add(e.key(), e.value()));
            if (thrown != null) {
                break;
            }
        }
        assertThat(thrown)
                .as("adding 200 entries (about 6 KB of blocks) on a disk that is full after 2000 bytes: an add() "
                        + "that writes a block must fail with the file system's IOException, unchanged")
                .isSameAs(recording.injected());
        assertThat(real)
                .as("docs/day2-sst.md, Task 2: a builder that fails half-way leaves no file behind (the writer deletes "
                        + "it); what happened to the file: %s", recording.eventsOn(real))
                .doesNotExist();
        assertThat(recording.channelsLeftOpen(real)).as("channels left open after the failed add").isEmpty();
        assertThatThrownBy(() -> builder.build(1, null),
                "build() after a failed add(): the file is gone, IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_builder_whose_force_fails_deletes_its_file() throws IOException {
        RecordingFileSystem recording = new RecordingFileSystem().failingForce();
        Path real = dir.resolve("unforced.sst");
        SsTableBuilder builder = new SsTableBuilder(256, recording.wrap(real));
        for (Entry e : numbered(50)) {
            builder.add(e.key(), e.value());
        }
        Throwable thrown = catchThrowable(() -> builder.build(1, null));
        assertThat(thrown).as("build() whose force fails: the file system's IOException, unchanged")
                .isSameAs(recording.injected());
        assertThat(real)
                .as("docs/day2-sst.md, Task 2: a build() whose force fails must not leave a file that looks complete; "
                        + "what happened to the file: %s", recording.eventsOn(real))
                .doesNotExist();
        assertThat(recording.channelsLeftOpen(real)).as("channels left open after the failed build()").isEmpty();
    }

    @Test
    void an_entry_larger_than_the_block_size_gets_a_block_of_its_own() throws Exception {
        List<Entry> entries = List.of(
                Entry.of("a", "1"),
                new Entry(Bytes.of("big"), Bytes.wrap(new byte[3_000])),
                Entry.of("c", "3"));
        Path path = dir.resolve("t.sst");
        try (SsTable table = build(path, 64, entries)) {
            assertThat(table.numBlocks())
                    .as("\"a\", a 3000-byte value under \"big\", \"c\" in blocks of 64 bytes: the big entry is too large "
                            + "for any block, so it is the first (and only) entry of its own block; 3 blocks")
                    .isEqualTo(3);
            assertThat(table.blockMeta(1).firstKey()).as("blockMeta(1).firstKey()").isEqualTo(Bytes.of("big"));
            assertThat(table.blockMeta(1).lastKey()).as("blockMeta(1).lastKey()").isEqualTo(Bytes.of("big"));
        }
    }

    @Test
    void estimatedSize_grows_with_every_entry_and_ends_equal_to_the_stored_blocks() throws IOException {
        List<Entry> entries = numbered(150);
        Path path = dir.resolve("t.sst");
        SsTableBuilder builder = new SsTableBuilder(256, path);
        long previous = -1;
        for (Entry e : entries) {
            builder.add(e.key(), e.value());
            long now = builder.estimatedSize();
            assertThat(now)
                    .as("estimatedSize() after adding %s must be larger than before (%d): each entry adds bytes", e, previous)
                    .isGreaterThan(previous);
            previous = now;
        }
        // Just before build(), the estimate covers every stored block (encoded block + its 4-byte
        // checksum); build() adds only the meta section and the footer after them.
        long estimate = builder.estimatedSize();
        try (SsTable table = builder.build(1, null)) {
            byte[] file = Files.readAllBytes(path);
            long metaOffset = u32(file, file.length - SsTable.FOOTER_SIZE);
            assertThat(estimate)
                    .as("estimatedSize() just before build() must equal meta_offset (%d), the size of all stored blocks: "
                            + "the stored blocks so far plus the block being filled (BlockBuilder.estimatedSize()) and its "
                            + "4-byte checksum. The file is %d bytes: that plus the meta section and the %d-byte footer",
                            metaOffset, file.length, SsTable.FOOTER_SIZE)
                    .isEqualTo(metaOffset);
            assertThat(table.numBlocks()).as("numBlocks(): the estimate should have crossed several blocks").isGreaterThan(3);
        }
    }

    @Test
    void the_meta_keeps_copies_of_the_keys_not_views_into_the_callers_arrays() throws IOException {
        byte[] first = "apple".getBytes(StandardCharsets.US_ASCII);
        byte[] last = "melon".getBytes(StandardCharsets.US_ASCII);
        SsTableBuilder builder = new SsTableBuilder(4096, dir.resolve("t.sst"));
        builder.add(Bytes.wrap(first), Bytes.of("1"));
        builder.add(Bytes.wrap(last), Bytes.of("2"));
        try (SsTable table = builder.build(1, null)) {
            Arrays.fill(first, (byte) 'x');
            Arrays.fill(last, (byte) 'x');
            assertThat(table.firstKey())
                    .as("firstKey() after the caller reused the key's array: the meta must hold a copy "
                            + "(Bytes.copyOf), not a view of the caller's array")
                    .isEqualTo(Bytes.of("apple"));
            assertThat(table.lastKey()).as("lastKey() after the caller reused the key's array").isEqualTo(Bytes.of("melon"));
        }
    }

    @Test
    @Tag("given")
    void a_BlockMeta_rejects_a_negative_offset_and_empty_keys() {
        assertThatThrownBy(() -> new BlockMeta(-1, Bytes.of("a"), Bytes.of("b")),
                "new BlockMeta(-1, ...): offsets are never negative")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockMeta(0, Bytes.EMPTY, Bytes.of("b")),
                "new BlockMeta(0, empty, ...): keys are never empty")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BlockMeta(0, Bytes.of("a"), Bytes.EMPTY),
                "new BlockMeta(0, ..., empty): keys are never empty")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bloom_bits_per_key_0_writes_exactly_what_the_two_argument_constructor_writes() throws IOException {
        // The constructor with bits per key is given (for day 2's bonus task 6); with 0 it must add
        // nothing to the core format, whatever your add and build do.
        List<Entry> entries = numbered(200);
        Path plain = dir.resolve("plain.sst");
        Path zero = dir.resolve("zero.sst");
        build(plain, 256, entries).close();
        try (SsTableBuilder builder = new SsTableBuilder(256, 0, zero)) {
            for (Entry e : entries) {
                builder.add(e.key(), e.value());
            }
            try (SsTable table = builder.build(1, null)) {
                assertThat(table.bloomFilter()).as("bits per key 0: no bloom filter").isEmpty();
                assertThat(table.mayContain(Bytes.of("anything"))).as("a table without a filter may hold any key")
                        .isTrue();
            }
        }
        assertThat(Files.readAllBytes(zero))
                .as("new SsTableBuilder(256, 0, path) must write exactly what new SsTableBuilder(256, path) writes: "
                        + "format version 1")
                .isEqualTo(Files.readAllBytes(plain));
        for (int bad : new int[] {-1, BloomFilter.MAX_BITS_PER_KEY + 1}) {
            Path none = dir.resolve("bad" + bad + ".sst");
            assertThatThrownBy(() -> new SsTableBuilder(256, bad, none), "bloomBitsPerKey %d is out of range", bad)
                    .isInstanceOf(IllegalArgumentException.class);
            assertThat(none).as("a refused builder creates no file").doesNotExist();
        }
    }
}
