package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.sst.TestTables.build;
import static org.lsmworkbook.sst.TestTables.drain;
import static org.lsmworkbook.sst.TestTables.flipped;
import static org.lsmworkbook.sst.TestTables.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.TestTables.Entry;

/**
 * Day 2 checks that mutation testing showed missing: each test here fails on a small wrong change
 * to the solution that every other day-2 test lets pass.
 *
 * <ul>
 *   <li>{@code a_file_larger_than_one_write_call_is_written_whole}: {@code FileObject.create} of
 *       1.5 MiB, more than one slice of the writing loop; a wrong length for the second slice
 *       fails.
 *   <li>{@code the_smallest_possible_table_opens}: one entry with a one-byte key and an empty value
 *       makes the smallest stored block there is (13 bytes); a bound on the meta offset that is one
 *       byte too strict refuses it.
 *   <li>{@code damage_to_the_footer_is_reported_at_an_offset_inside_the_file}: every flipped bit of
 *       the footer gives a {@code CorruptionException} whose {@code offset()} lies in the file.
 *   <li>{@code readBlockCached_refuses_a_block_index_out_of_range}: the same
 *       {@code IllegalArgumentException} as {@code readBlock}, also with a block cache.
 *   <li>{@code a_builder_builds_one_table_only}: a second {@code build} is refused, and writes
 *       nothing.
 *   <li>{@code a_block_of_zero_weight_can_be_cached}: the cache takes weights from 0 up.
 * </ul>
 */
@Tag("hidden")
@Timeout(30)
@DisplayName("Day 2 · hidden — big writes, the smallest table, footer offsets, builder and cache limits")
class Day2HiddenMutationTest {

    @TempDir
    Path dir;

    @Test
    void a_file_larger_than_one_write_call_is_written_whole() throws IOException {
        byte[] data = new byte[(1 << 20) + (1 << 19)];
        new Random(42).nextBytes(data);
        Path path = dir.resolve("big.bin");
        try (FileObject file = FileObject.create(path, data)) {
            assertThat(file.size()).as("FileObject.create(1.5 MiB).size()").isEqualTo(data.length);
            assertThat(file.read(0, data.length))
                    .as("FileObject.create of 1.5 MiB, read back whole: a loop that writes in slices must give "
                            + "each slice the bytes that remain, never more (chapter: Task 1)")
                    .isEqualTo(data);
        }
        assertThat(Files.readAllBytes(path)).as("the bytes on disk after FileObject.create(1.5 MiB)").isEqualTo(data);
    }

    @Test
    void the_smallest_possible_table_opens() throws Exception {
        Path path = dir.resolve("tiny.sst");
        build(path, 4096, List.of(new Entry(Bytes.of("a"), Bytes.EMPTY))).close();
        try (SsTable table = SsTable.open(7, null, FileObject.open(path))) {
            assertThat(table.numBlocks()).isEqualTo(1);
            assertThat(drain(SsTableIterator.createAndSeekToFirst(table), 3))
                    .as("an SST of one entry (key \"a\", a tombstone) is the smallest there is: its one block with "
                            + "its checksum takes 13 bytes, and SsTable.open must accept a meta section at offset 13")
                    .containsExactly(new Entry(Bytes.of("a"), Bytes.EMPTY));
        }
    }

    @Test
    void damage_to_the_footer_is_reported_at_an_offset_inside_the_file() throws IOException {
        Path good = dir.resolve("good.sst");
        build(good, 256, numbered(40)).close();
        byte[] original = Files.readAllBytes(good);
        for (int position = original.length - SsTable.FOOTER_SIZE; position < original.length; position++) {
            Path bad = dir.resolve("bad-" + position + ".sst");
            Files.write(bad, flipped(original, position, 0x01));
            Throwable thrown;
            try (FileObject file = FileObject.open(bad)) {
                thrown = catchThrowable(() -> SsTable.open(1, null, file));
            }
            assertThat(thrown).as("SsTable.open of a copy with byte %d (in the footer) flipped", position)
                    .isInstanceOf(CorruptionException.class);
            long offset = ((CorruptionException) thrown).offset();
            assertThat(offset)
                    .as("offset() of the CorruptionException for a flipped byte %d of a %d-byte file: where the "
                            + "damage is, so inside the file (%s)", position, original.length, thrown.getMessage())
                    .isBetween(0L, (long) original.length - 1);
        }
    }

    @Test
    void readBlockCached_refuses_a_block_index_out_of_range() throws IOException {
        try (SsTable table = build(dir.resolve("t.sst"), 256, numbered(40), 3, new BlockCache(1 << 20))) {
            for (int bad : new int[] {-1, table.numBlocks()}) {
                assertThatThrownBy(() -> table.readBlockCached(bad),
                        "readBlockCached(%d) of a table of %d blocks, with a block cache: the index is checked "
                                + "before the cache is asked, as readBlock checks it", bad, table.numBlocks())
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }

    @Test
    void a_builder_builds_one_table_only() throws IOException {
        Path first = dir.resolve("first.sst");
        SsTableBuilder builder = new SsTableBuilder(256, first);
        builder.add(Bytes.of("a"), Bytes.of("1"));
        builder.build(1, null).close();
        assertThatThrownBy(() -> builder.build(2, null),
                "a second SsTableBuilder.build(): the builder cannot be used after it built its table")
                .isInstanceOf(IllegalStateException.class);
        assertThat(first).as("the refused second build() must leave the table it built in place").exists();
    }

    @Test
    void a_block_of_zero_weight_can_be_cached() throws IOException {
        BlockCache cache = new BlockCache(1024);
        BlockBuilder blocks = new BlockBuilder(64);
        blocks.add(Bytes.of("k"), Bytes.of("v"));
        Block block = blocks.build();
        assertThat(cache.getOrLoad(1, 0, 0, () -> block))
                .as("BlockCache.getOrLoad with weight 0: a weight is 0 or more bytes").isSameAs(block);
        assertThat(cache.getIfPresent(1, 0)).as("the block of weight 0, cached").isSameAs(block);
    }
}
