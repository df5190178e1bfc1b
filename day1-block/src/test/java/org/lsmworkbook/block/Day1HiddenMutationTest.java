package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.block.TestBlocks.Entry;
import org.lsmworkbook.kv.Bytes;

/**
 * Day 1 checks that mutation testing showed missing: each test here fails on a small wrong change
 * to the solution that every other day-1 test lets pass.
 *
 * <ul>
 *   <li>{@code the_smallest_block_size_is_one_byte}: {@code new BlockBuilder(1)} is allowed (the
 *       Javadoc's range is 1 to {@code MAX_BLOCK_SIZE}, both included); a bound written as
 *       {@code blockSize <= 1} refuses it.
 * </ul>
 */
@Tag("hidden")
@Timeout(10)
@DisplayName("Day 1 · hidden — the edges of the builder's limits")
class Day1HiddenMutationTest {

    @Test
    void the_smallest_block_size_is_one_byte() throws Exception {
        BlockBuilder builder = new BlockBuilder(1);
        assertThat(builder.add(Bytes.of("a"), Bytes.of("1")))
                .as("BlockBuilder(1): the first entry is always accepted, however large (chapter: Task 1)")
                .isTrue();
        assertThat(builder.add(Bytes.of("b"), Bytes.EMPTY))
                .as("BlockBuilder(1) after one entry: the block is full, add() must return false")
                .isFalse();
        assertThat(TestBlocks.drain(BlockIterator.createAndSeekToFirst(Block.decode(builder.build().encode())), 3))
                .as("the one-entry block of a BlockBuilder(1), encoded and decoded")
                .containsExactly(Entry.of("a", "1"));
        assertThatThrownBy(() -> new BlockBuilder(0),
                "BlockBuilder(0): block sizes start at 1 byte")
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(1, BlockBuilder.MAX_BLOCK_SIZE)).allSatisfy(size ->
                assertThat(new BlockBuilder(size).isEmpty()).as("new BlockBuilder(%d) is allowed and empty", size)
                        .isTrue());
    }
}
