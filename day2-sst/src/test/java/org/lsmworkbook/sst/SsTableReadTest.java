package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.sst.TestTables.build;
import static org.lsmworkbook.sst.TestTables.concat;
import static org.lsmworkbook.sst.TestTables.crc32c;
import static org.lsmworkbook.sst.TestTables.entriesOf;
import static org.lsmworkbook.sst.TestTables.expectedBlocks;
import static org.lsmworkbook.sst.TestTables.numbered;
import static org.lsmworkbook.sst.TestTables.putU32;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.TestTables.Entry;

/**
 * Opening an SST written by the builder, reading its blocks, and finding the block of a key. Blocks
 * are read with {@code readBlock} and walked with day 1's {@code BlockIterator}, so these tests need
 * neither the SST iterator (task 4) nor the cache (task 5).
 */
@Timeout(10)
@DisplayName("Day 2 · Task 3 — opening and reading an SST")
class SsTableReadTest {

    private static final int BLOCK_SIZE = 256;

    @TempDir
    Path dir;

    /** Builds {@code entries} into {@code name}, closes it, and returns the path. */
    private Path written(String name, List<Entry> entries) throws IOException {
        Path path = dir.resolve(name);
        build(path, BLOCK_SIZE, entries).close();
        return path;
    }

    private static SsTable open(Path path) throws IOException {
        FileObject file = FileObject.open(path);
        try {
            return SsTable.open(7, null, file);
        } catch (IOException | RuntimeException e) {
            file.close();
            throw e;
        }
    }

    /** {@code SsTable.open} of {@code content} written to a fresh file; the exception it must throw. */
    private CorruptionException openMustFail(String name, byte[] content, String what) throws IOException {
        Path path = dir.resolve(name);
        Files.write(path, content);
        try (FileObject file = FileObject.open(path)) {
            Throwable thrown = catchThrowable(() -> SsTable.open(1, null, file));
            assertThat(thrown)
                    .as("SsTable.open of %s must throw CorruptionException; see the checks SsTable.open makes, "
                            + "in the order of SsTable's class comment", what)
                    .isInstanceOf(CorruptionException.class);
            CorruptionException e = (CorruptionException) thrown;
            assertThat(e.getMessage())
                    .as("the CorruptionException for %s must name the file (pass file.path().toString() as its source)", what)
                    .contains(path.getFileName().toString());
            return e;
        }
    }

    @Test
    void a_reopened_table_has_the_meta_and_the_blocks_the_builder_wrote() throws Exception {
        List<Entry> entries = new ArrayList<>(numbered(300));
        entries.set(5, new Entry(entries.get(5).key(), Bytes.EMPTY));
        List<List<Entry>> expected = expectedBlocks(BLOCK_SIZE, entries);
        Path path = dir.resolve("t.sst");
        List<BlockMeta> built = new ArrayList<>();
        long builtSize;
        try (SsTable table = build(path, BLOCK_SIZE, entries)) {
            for (int i = 0; i < table.numBlocks(); i++) {
                built.add(table.blockMeta(i));
            }
            builtSize = table.tableSize();
        }
        try (SsTable table = open(path)) {
            assertThat(table.id()).as("id() of SsTable.open(7, ...)").isEqualTo(7);
            assertThat(table.numBlocks()).as("numBlocks() after SsTable.open: as many as the builder wrote")
                    .isEqualTo(built.size()).isGreaterThan(5);
            assertThat(table.tableSize()).as("tableSize() after SsTable.open").isEqualTo(builtSize);
            assertThat(table.firstKey()).as("firstKey() after SsTable.open").isEqualTo(entries.get(0).key());
            assertThat(table.lastKey()).as("lastKey() after SsTable.open").isEqualTo(entries.get(299).key());
            for (int i = 0; i < built.size(); i++) {
                assertThat(table.blockMeta(i))
                        .as("blockMeta(%d) after SsTable.open: the offset and keys the builder wrote, "
                                + "decoded with BlockMeta.decodeList", i)
                        .isEqualTo(built.get(i));
                assertThat(entriesOf(table.readBlock(i)))
                        .as("the entries of readBlock(%d) of the reopened table", i)
                        .containsExactlyElementsOf(expected.get(i));
            }
        }
    }

    @Test
    void the_table_returned_by_build_reads_its_blocks_too() throws Exception {
        List<Entry> entries = numbered(100);
        List<List<Entry>> expected = expectedBlocks(BLOCK_SIZE, entries);
        try (SsTable table = build(dir.resolve("t.sst"), BLOCK_SIZE, entries)) {
            for (int i = 0; i < table.numBlocks(); i++) {
                assertThat(entriesOf(table.readBlock(i)))
                        .as("readBlock(%d) of the table that SsTableBuilder.build returned", i)
                        .containsExactlyElementsOf(expected.get(i));
            }
        }
    }

    @Test
    void open_reads_no_block_and_readBlock_checks_each_blocks_checksum() throws Exception {
        Path path = written("t.sst", numbered(200));
        int[] offsets;
        int metaOffset;
        try (SsTable table = open(path)) {
            offsets = new int[table.numBlocks()];
            for (int i = 0; i < offsets.length; i++) {
                offsets[i] = table.blockMeta(i).offset();
            }
            metaOffset = (int) TestTables.u32(table.file().read(table.tableSize() - 16, 4), 0);
        }
        // Damage the middle of every odd block (plain file I/O; the footer and meta stay intact).
        byte[] bytes = Files.readAllBytes(path);
        for (int i = 1; i < offsets.length; i += 2) {
            int end = i + 1 < offsets.length ? offsets[i + 1] : metaOffset;
            bytes[(offsets[i] + end) / 2] ^= 0x20;
        }
        Files.write(path, bytes);

        try (SsTable table = open(path)) {
            assertThat(table.numBlocks())
                    .as("SsTable.open of a file whose blocks 1, 3, 5, ... are damaged must still succeed: "
                            + "open reads only the footer and the meta section, never a block")
                    .isEqualTo(offsets.length);
            for (int i = 0; i < offsets.length; i++) {
                if (i % 2 == 0) {
                    assertThat(table.readBlock(i).numEntries())
                            .as("readBlock(%d), an undamaged block next to damaged ones", i)
                            .isPositive();
                } else {
                    int idx = i;
                    Throwable thrown = catchThrowable(() -> table.readBlock(idx));
                    assertThat(thrown)
                            .as("readBlock(%d) of a block with a flipped byte: CorruptionException, because the "
                                    + "CRC-32C stored after the block no longer matches; compare checksums before "
                                    + "Block.decode", i)
                            .isInstanceOf(CorruptionException.class);
                    CorruptionException e = (CorruptionException) thrown;
                    assertThat(e.getMessage())
                            .as("the CorruptionException of readBlock(%d) must name the file", i)
                            .contains(path.getFileName().toString());
                    assertThat(e.getMessage())
                            .as("the CorruptionException of readBlock(%d) must say which block, as \"block %d\"", i, i)
                            .containsPattern("(?i)block\\s*#?\\s*" + i + "\\b");
                }
            }
        }
    }

    @Test
    void findBlockIdx_returns_the_last_block_whose_first_key_is_at_most_the_key() throws IOException {
        try (SsTable table = open(written("t.sst", numbered(200)))) {
            int n = table.numBlocks();
            assertThat(n).as("numBlocks() of 200 entries in blocks of %d bytes", BLOCK_SIZE).isGreaterThan(3);
            assertThat(table.findBlockIdx(Bytes.of("a")))
                    .as("findBlockIdx(\"a\"), a key before every key of the table: block 0").isZero();
            assertThat(table.findBlockIdx(Bytes.wrap(new byte[] {0})))
                    .as("findBlockIdx(\"\\x00\"), the smallest possible key: block 0").isZero();
            for (int i = 0; i < n; i++) {
                BlockMeta meta = table.blockMeta(i);
                assertThat(table.findBlockIdx(meta.firstKey()))
                        .as("findBlockIdx(%s), the first key of block %d", meta.firstKey(), i).isEqualTo(i);
                assertThat(table.findBlockIdx(meta.lastKey()))
                        .as("findBlockIdx(%s), the last key of block %d", meta.lastKey(), i).isEqualTo(i);
                Bytes between = concat(meta.lastKey(), (byte) '~');
                assertThat(table.findBlockIdx(between))
                        .as("findBlockIdx(%s), a key after block %d's last key %s%s: block %d, the last block whose "
                                + "first key is <= the key", between, i, meta.lastKey(),
                                i + 1 < n ? " and before block " + (i + 1) + "'s first key " + table.blockMeta(i + 1).firstKey() : "",
                                i)
                        .isEqualTo(i);
            }
            assertThat(table.findBlockIdx(Bytes.of("zzz")))
                    .as("findBlockIdx(\"zzz\"), a key after every key of the table: the last block, %d", n - 1)
                    .isEqualTo(n - 1);
            assertThat(table.findBlockIdx(Bytes.wrap(new byte[] {(byte) 0xFF})))
                    .as("findBlockIdx(\"\\xff\"): after every key in unsigned order, so the last block (%d); "
                            + "compare keys with Bytes.compareTo, never as signed bytes", n - 1)
                    .isEqualTo(n - 1);
        }
    }

    @Test
    void readBlock_rejects_an_index_outside_the_table() throws IOException {
        try (SsTable table = open(written("t.sst", numbered(50)))) {
            int n = table.numBlocks();
            assertThatThrownBy(() -> table.readBlock(-1),
                    "readBlock(-1): IllegalArgumentException naming the range")
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> table.readBlock(n),
                    "readBlock(%d) of a table of %d blocks (0 to %d): IllegalArgumentException", n, n, n - 1)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void a_file_that_is_not_an_sst_is_rejected_because_of_its_magic_number() throws IOException {
        byte[] text = "This is a text file, not a sorted string table. It is long enough to have a footer.\n"
                .getBytes(StandardCharsets.US_ASCII);
        CorruptionException e = openMustFail("notes.txt", text, "a text file");
        assertThat(e.getMessage())
                .as("opening a text file as an SST: the message must say the magic number is wrong (mention \"magic\")")
                .containsIgnoringCase("magic");
    }

    @Test
    // Versions 1 and 2 (a table with a bloom filter, bonus task 6) are this code's; 3 is nobody's.
    void a_file_of_another_format_version_is_rejected() throws IOException {
        Path path = written("t.sst", numbered(50));
        byte[] bytes = Files.readAllBytes(path);
        int versionAt = bytes.length - 12;
        for (int version : new int[] {0, 3, -1}) {
            byte[] other = bytes.clone();
            putU32(other, versionAt, version);
            CorruptionException e = openMustFail("v" + (version & 0xFFFF_FFFFL) + ".sst", other,
                    "an SST whose footer says format version " + (version & 0xFFFF_FFFFL));
            assertThat(e.getMessage())
                    .as("the message for an unknown format version must mention the version")
                    .containsIgnoringCase("version");
        }
    }

    @Test
    void the_smallest_table_opens_its_meta_starts_right_after_one_13_byte_block() throws Exception {
        // One entry with a one-byte key and an empty value: a 9-byte block and its checksum, so
        // the meta section starts at offset 13, the smallest meta offset a table can have.
        Path path = written("tiny.sst", List.of(Entry.of("k", "")));
        byte[] bytes = Files.readAllBytes(path);
        assertThat(TestTables.u32(bytes, bytes.length - 16)).as("the meta offset of a one-entry table of key \"k\"").isEqualTo(13);
        try (FileObject file = FileObject.open(path); SsTable table = SsTable.open(1, null, file)) {
            assertThat(table.numBlocks()).as("SsTable.open must accept a meta offset of exactly 13").isEqualTo(1);
            assertThat(entriesOf(table.readBlock(0))).containsExactly(Entry.of("k", ""));
        }
    }

    @Test
    void a_file_shorter_than_the_footer_is_rejected() throws IOException {
        Path path = written("t.sst", numbered(50));
        byte[] bytes = Files.readAllBytes(path);
        for (int length : new int[] {0, 1, 8, 15}) {
            openMustFail("short" + length + ".sst", Arrays.copyOf(bytes, length),
                    "a " + length + "-byte file (the footer alone is 16 bytes)");
        }
        openMustFail("last16.sst", Arrays.copyOfRange(bytes, bytes.length - 16, bytes.length),
                "a file that is only the footer of an SST (its meta offset points outside it)");
    }

    @Test
    void a_meta_offset_outside_the_file_is_rejected() throws IOException {
        Path path = written("t.sst", numbered(50));
        byte[] bytes = Files.readAllBytes(path);
        int footer = bytes.length - 16;
        for (int metaOffset : new int[] {0, 1, footer, footer + 1, bytes.length, -1}) {
            byte[] other = bytes.clone();
            putU32(other, footer, metaOffset);
            openMustFail("m.sst", other, "an SST whose footer says the meta starts at "
                    + (metaOffset & 0xFFFF_FFFFL) + " (the file is " + bytes.length + " bytes, its footer starts at "
                    + footer + ")");
        }
    }

    @Test
    void decodeList_reverses_encodeList() throws IOException {
        List<BlockMeta> metas = List.of(
                new BlockMeta(0, Bytes.of("a"), Bytes.of("apple")),
                new BlockMeta(100, Bytes.of("b"), Bytes.of("b")),
                new BlockMeta(70_000, Bytes.of("c"), Bytes.wrap(new byte[] {'c', (byte) 0xFF})),
                new BlockMeta(Integer.MAX_VALUE, Bytes.wrap(new byte[] {(byte) 0x80}), Bytes.wrap(new byte[] {(byte) 0xFE, 1})));
        assertThat(BlockMeta.decodeList(BlockMeta.encodeList(metas), "test.sst", 0))
                .as("BlockMeta.decodeList(BlockMeta.encodeList(metas)) must give the metas back, in order")
                .containsExactlyElementsOf(metas);
        List<BlockMeta> one = List.of(new BlockMeta(0, Bytes.of("k"), Bytes.of("k")));
        assertThat(BlockMeta.decodeList(BlockMeta.encodeList(one), "test.sst", 0))
                .as("decodeList(encodeList(...)) of a single block whose first and last key are the same")
                .containsExactlyElementsOf(one);
    }

    /** A meta section in BlockMeta's layout, written by the test: each entry is {offset, firstKey, lastKey}. */
    private static byte[] metaSection(int count, Object[][] entries, byte[] extra) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] four = new byte[4];
        putU32(four, 0, count);
        out.writeBytes(four);
        for (Object[] e : entries) {
            putU32(four, 0, (Integer) e[0]);
            out.writeBytes(four);
            for (int k = 1; k <= 2; k++) {
                byte[] key = ((String) e[k]).getBytes(StandardCharsets.ISO_8859_1);
                out.write(key.length >>> 8);
                out.write(key.length);
                out.writeBytes(key);
            }
        }
        out.writeBytes(extra);
        return withChecksum(out.toByteArray());
    }

    /** {@code body} followed by its CRC-32C, as a meta section ends. */
    private static byte[] withChecksum(byte[] body) {
        byte[] all = Arrays.copyOf(body, body.length + 4);
        putU32(all, body.length, crc32c(body, 0, body.length));
        return all;
    }

    @Test
    void decodeList_checks_every_rule_of_the_meta_layout() throws IOException {
        Object[][] good = {{0, "a", "c"}, {100, "d", "f"}};
        record Case(String what, byte[] encoded) {}
        byte[] goodBytes = metaSection(2, good, new byte[0]);
        assertThat(BlockMeta.decodeList(goodBytes, "the-meta.sst", 5_000))
                .as("decodeList of a well-formed section of 2 blocks, (0, \"a\", \"c\") and (100, \"d\", \"f\"); "
                        + "the damaged cases below are made from it")
                .containsExactly(new BlockMeta(0, Bytes.of("a"), Bytes.of("c")), new BlockMeta(100, Bytes.of("d"), Bytes.of("f")));
        byte[] badChecksum = goodBytes.clone();
        badChecksum[goodBytes.length - 1] ^= 1;
        byte[] damagedBody = goodBytes.clone();
        damagedBody[9] ^= 1;
        List<Case> cases = List.of(
                new Case("a section whose checksum does not match (last byte changed)", badChecksum),
                new Case("a section with one key byte changed (the checksum no longer matches)", damagedBody),
                new Case("a section of 7 bytes (too short for count and checksum)", Arrays.copyOf(goodBytes, 7)),
                new Case("a block count of 0", metaSection(0, new Object[0][], new byte[0])),
                new Case("a block count of 3 with 2 entries", metaSection(3, good, new byte[0])),
                new Case("a block count of 2 billion (do not allocate a list that large!)",
                        metaSection(2_000_000_000, good, new byte[0])),
                new Case("a block count of 1 with 2 entries (stray bytes after the entries)", metaSection(1, good, new byte[0])),
                new Case("two stray bytes after the last entry", metaSection(2, good, new byte[] {0, 0})),
                new Case("an empty first key", metaSection(1, new Object[][] {{0, "", "c"}}, new byte[0])),
                new Case("an empty last key", metaSection(1, new Object[][] {{0, "a", ""}}, new byte[0])),
                new Case("a block whose first key \"c\" is greater than its last key \"a\"",
                        metaSection(1, new Object[][] {{0, "c", "a"}}, new byte[0])),
                new Case("block 1 starting at block 0's last key (\"c\" .. \"c\" then \"c\" .. \"d\")",
                        metaSection(2, new Object[][] {{0, "a", "c"}, {100, "c", "d"}}, new byte[0])),
                new Case("block 1 before block 0 (\"d\" .. \"f\" then \"a\" .. \"c\")",
                        metaSection(2, new Object[][] {{0, "d", "f"}, {100, "a", "c"}}, new byte[0])),
                new Case("a first key whose length (127) runs past the end of the section",
                        withChecksum(new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0x7F, 'a', 0, 1, 'c'})));
        for (Case c : cases) {
            Throwable thrown = catchThrowable(() -> BlockMeta.decodeList(c.encoded(), "the-meta.sst", 5_000));
            assertThat(thrown)
                    .as("BlockMeta.decodeList of %s must throw CorruptionException (never another exception, "
                            + "never a list); see the rules in BlockMeta's class comment", c.what())
                    .isInstanceOf(CorruptionException.class);
            CorruptionException e = (CorruptionException) thrown;
            assertThat(e.source())
                    .as("source() of decodeList's CorruptionException for %s: the source it was given", c.what())
                    .isEqualTo("the-meta.sst");
            assertThat(e.offset())
                    .as("offset() of decodeList's CorruptionException for %s: a file offset, so at least the "
                            + "fileOffset it was given (5000) and inside the section", c.what())
                    .isBetween(5_000L, 5_000L + c.encoded().length);
        }
    }

    @Test
    void readBlockCached_without_a_cache_reads_the_file() throws Exception {
        List<Entry> entries = numbered(50);
        Path path = dir.resolve("t.sst");
        try (SsTable table = build(path, 256, entries, 1, null)) {
            assertThat(TestTables.entriesOf(table.readBlockCached(0)))
                    .as("readBlockCached(0) of a table without a cache: block 0, read from the file")
                    .isNotEmpty()
                    .first().isEqualTo(entries.get(0));
            TestTables.overwrite(path, 0, new byte[8]);
            assertThatThrownBy(() -> table.readBlockCached(0),
                    "readBlockCached(0) of a table without a cache, after block 0 was damaged on disk: "
                            + "without a cache every call reads the file (readBlock), so CorruptionException")
                    .isInstanceOf(CorruptionException.class);
            assertThatThrownBy(() -> table.readBlockCached(table.numBlocks()),
                    "readBlockCached(numBlocks()): IllegalArgumentException, as for readBlock")
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
