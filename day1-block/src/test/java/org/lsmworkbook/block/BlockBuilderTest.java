package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;

@Timeout(10)
@DisplayName("Day 1 · Task 1 — BlockBuilder")
class BlockBuilderTest {

    /** Encoded bytes of one entry: key length, key, value length, value, and its offset. */
    private static int cost(int keyLength, int valueLength) {
        return 2 + keyLength + 2 + valueLength + 2;
    }

    private static Bytes bytes(int length, char fill) {
        return Bytes.of(String.valueOf(fill).repeat(length));
    }

    @Test
    void a_new_builder_is_empty_and_its_estimate_is_the_count_field() {
        BlockBuilder builder = new BlockBuilder(4096);
        assertThat(builder.isEmpty()).as("a new BlockBuilder has no entries: isEmpty()").isTrue();
        assertThat(builder.estimatedSize())
                .as("an empty block would encode as just its 2-byte entry count: estimatedSize()")
                .isEqualTo(2);
    }

    @Test
    void each_entry_adds_its_lengths_its_bytes_and_an_offset_to_the_estimate() {
        BlockBuilder builder = new BlockBuilder(4096);
        assertThat(builder.add(Bytes.of("a"), Bytes.of("1"))).as("add(\"a\", \"1\") to an empty builder").isTrue();
        assertThat(builder.isEmpty()).as("isEmpty() after one add").isFalse();
        assertThat(builder.estimatedSize())
                .as("after (\"a\", \"1\"): 2 (key_len) + 1 + 2 (value_len) + 1 + 2 (offset) + 2 (count)")
                .isEqualTo(10);
        builder.add(Bytes.of("bc"), Bytes.EMPTY);
        assertThat(builder.estimatedSize())
                .as("after adding (\"bc\", empty value) too: 10 + 2 + 2 + 2 + 0 + 2")
                .isEqualTo(18);
    }

    @Test
    void the_first_entry_is_accepted_even_if_it_is_larger_than_the_block() {
        BlockBuilder builder = new BlockBuilder(16);
        assertThat(builder.add(bytes(100, 'k'), bytes(1000, 'v')))
                .as("the first entry must be accepted however large (block size 16, entry 1104 bytes): "
                        + "otherwise an entry larger than a block could never be stored")
                .isTrue();
        assertThat(builder.add(Bytes.of("l"), Bytes.of("v")))
                .as("once the oversized first entry is in, the block is full: add() must return false")
                .isFalse();
        assertThat(builder.estimatedSize()).isEqualTo(2 + 100 + 2 + 1000 + 2 + 2);
    }

    @Test
    void a_block_fills_to_exactly_its_size_limit_and_not_a_byte_more() {
        int blockSize = 2 + 3 * cost(4, 10);
        BlockBuilder builder = new BlockBuilder(blockSize);
        for (String key : new String[] {"key1", "key2", "key3"}) {
            assertThat(builder.add(Bytes.of(key), bytes(10, 'v')))
                    .as("three entries of %d bytes each fit a block of exactly %d bytes; add(%s) must return true",
                            cost(4, 10), blockSize, key)
                    .isTrue();
        }
        assertThat(builder.estimatedSize()).as("the block is now exactly full").isEqualTo(blockSize);
        assertThat(builder.add(Bytes.of("key4"), Bytes.EMPTY))
                .as("the block is exactly full, so even a small entry must be refused")
                .isFalse();
        assertThat(builder.estimatedSize()).as("a refused add() must change nothing").isEqualTo(blockSize);
    }

    @Test
    void an_entry_one_byte_too_big_is_refused_and_changes_nothing() {
        int blockSize = 2 + cost(1, 1) + cost(1, 9);
        BlockBuilder builder = new BlockBuilder(blockSize);
        builder.add(Bytes.of("a"), Bytes.of("1"));
        assertThat(builder.add(Bytes.of("b"), bytes(10, 'v')))
                .as("this entry would make the block %d bytes, one more than its size %d: add() must return false",
                        blockSize + 1, blockSize)
                .isFalse();
        assertThat(builder.estimatedSize()).as("a refused add() must change nothing").isEqualTo(2 + cost(1, 1));
        assertThat(builder.add(Bytes.of("b"), bytes(9, 'v'))).as("one byte less fits exactly").isTrue();
    }

    @Test
    void an_empty_key_is_rejected() {
        BlockBuilder builder = new BlockBuilder(4096);
        assertThatThrownBy(() -> builder.add(Bytes.EMPTY, Bytes.of("v")),
                "keys are never empty: add() must throw IllegalArgumentException whose message contains \"empty\"")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("empty");
    }

    @Test
    void keys_and_values_longer_than_a_u16_are_rejected_with_the_limit_in_the_message() {
        BlockBuilder builder = new BlockBuilder(4096);
        assertThatThrownBy(() -> builder.add(bytes(65_536, 'k'), Bytes.of("v")),
                "a 65,536-byte key does not fit a u16 length: IllegalArgumentException naming the limit 65535")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
        assertThatThrownBy(() -> builder.add(Bytes.of("k"), bytes(65_536, 'v')),
                "a 65,536-byte value does not fit a u16 length: IllegalArgumentException naming the limit 65535")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65535");
        assertThat(builder.isEmpty()).as("a rejected entry must not be added").isTrue();
    }

    @Test
    void the_longest_key_and_value_fit_as_a_first_entry() {
        BlockBuilder builder = new BlockBuilder(4096);
        assertThat(builder.add(bytes(65_535, 'k'), bytes(65_535, 'v')))
                .as("65,535 bytes is the longest key and the longest value a u16 length allows")
                .isTrue();
    }

    @Test
    void keys_must_strictly_increase() {
        BlockBuilder builder = new BlockBuilder(4096);
        builder.add(Bytes.of("b"), Bytes.of("1"));
        assertThatThrownBy(() -> builder.add(Bytes.of("a"), Bytes.of("2")),
                "\"a\" after \"b\": a block is sorted, so add() must throw IllegalArgumentException whose message "
                        + "contains \"increasing\"")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increasing");
        assertThatThrownBy(() -> builder.add(Bytes.of("b"), Bytes.of("3")),
                "\"b\" twice: keys in a block are unique, so add() must throw IllegalArgumentException whose message "
                        + "contains \"increasing\"")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("increasing");
        assertThat(builder.add(Bytes.wrap(new byte[] {(byte) 0x80}), Bytes.of("4")))
                .as("byte 0x80 sorts after \"b\" (0x62) in unsigned order, so it may follow it")
                .isTrue();
    }

    @Test
    void building_an_empty_block_is_an_error() {
        BlockBuilder builder = new BlockBuilder(4096);
        assertThatThrownBy(builder::build,
                "a block holds at least one entry: build() on an empty builder must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_block_size_must_be_positive_and_addressable_by_u16_offsets() {
        assertThatThrownBy(() -> new BlockBuilder(0),
                "new BlockBuilder(0): a block size must be at least 1; IllegalArgumentException naming the range up "
                        + "to 65536")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
        assertThatThrownBy(() -> new BlockBuilder(BlockBuilder.MAX_BLOCK_SIZE + 1),
                "new BlockBuilder(65537): offsets are u16, so a block is at most 65536 bytes; IllegalArgumentException "
                        + "naming the limit 65536")
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("65536");
    }

    @Test
    void build_returns_every_entry_added() {
        BlockBuilder builder = new BlockBuilder(4096);
        builder.add(Bytes.of("a"), Bytes.of("1"));
        builder.add(Bytes.of("b"), Bytes.of("2"));
        Block block = builder.build();
        assertThat(block.numEntries()).as("numEntries() of a block built from 2 entries").isEqualTo(2);
    }

    @Test
    void reset_empties_the_builder_and_leaves_the_blocks_built_before_alone() {
        BlockBuilder builder = new BlockBuilder(64);
        builder.add(Bytes.of("m"), Bytes.of("1"));
        builder.add(Bytes.of("n"), Bytes.of("2"));
        Block first = builder.build();
        builder.reset();
        assertThat(builder.isEmpty()).as("isEmpty() after reset(): the builder starts a new block").isTrue();
        assertThat(builder.estimatedSize())
                .as("estimatedSize() after reset(): 2, as for a new builder (just the entry count)")
                .isEqualTo(2);
        assertThatThrownBy(builder::build,
                "build() after reset() and no add: an empty block, IllegalStateException as for a new builder")
                .isInstanceOf(IllegalStateException.class);
        assertThat(builder.add(Bytes.of("a"), Bytes.of("3")))
                .as("add(\"a\") after reset(), though \"n\" came before: the new block has no last key yet, "
                        + "so a key smaller than the old block's keys is accepted")
                .isTrue();
        assertThat(builder.estimatedSize())
                .as("estimatedSize() after reset() and one add of (\"a\", \"3\"): only that entry, 10 bytes")
                .isEqualTo(10);
        Block second = builder.build();
        assertThat(second.numEntries()).as("numEntries() of the block built after reset(): only the entry added since")
                .isEqualTo(1);
        assertThat(second.data()).inHexadecimal()
                .as("the entries of the block built after reset() and add(\"a\", \"3\"): just that entry "
                        + "(key_len 1, 'a', value_len 1, '3')")
                .isEqualTo(new byte[] {0, 1, 'a', 0, 1, '3'});
        assertThat(first.data()).inHexadecimal()
                .as("the entries of the block built before reset(): reset() must not change a block already built "
                        + "(build() copies)")
                .isEqualTo(new byte[] {0, 1, 'm', 0, 1, '1', 0, 1, 'n', 0, 1, '2'});
        builder.reset();
        assertThat(builder.add(bytes(40, 'x'), Bytes.of("v"))).as("an add after a second reset()").isTrue();
        assertThat(builder.add(bytes(40, 'y'), Bytes.of("v")))
                .as("after reset() the block size still holds: a second 40-byte key does not fit a 64-byte block")
                .isFalse();
    }
}
