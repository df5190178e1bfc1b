package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.block.TestBlocks.block;
import static org.lsmworkbook.block.TestBlocks.drain;
import static org.lsmworkbook.block.TestBlocks.entries;
import static org.lsmworkbook.block.TestBlocks.numbered;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;

@Timeout(10)
@DisplayName("Day 1 · Task 3 — BlockIterator")
class BlockIteratorTest {

    @Test
    void iterates_every_entry_in_key_order() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToFirst(block("a", "1", "b", "2", "c", "3"));
        assertThat(drain(it, 10))
                .as("createAndSeekToFirst, then key()/value()/next() until isValid() is false")
                .containsExactlyElementsOf(entries("a", "1", "b", "2", "c", "3"));
    }

    @Test
    void a_fresh_iterator_is_on_the_first_entry() {
        BlockIterator it = BlockIterator.createAndSeekToFirst(block("k1", "v1", "k2", "v2"));
        assertThat(it.isValid()).as("an iterator over a non-empty block starts valid").isTrue();
        assertThat(it.key()).as("key() right after createAndSeekToFirst").isEqualTo(Bytes.of("k1"));
        assertThat(it.value()).as("value() right after createAndSeekToFirst").isEqualTo(Bytes.of("v1"));
    }

    @Test
    void a_single_entry_block_yields_one_entry() throws Exception {
        assertThat(drain(BlockIterator.createAndSeekToFirst(block("only", "one")), 10))
                .containsExactlyElementsOf(entries("only", "one"));
    }

    @Test
    void tombstones_are_entries_with_an_empty_value() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToFirst(block("a", "", "b", "2", "c", ""));
        assertThat(drain(it, 10))
                .as("a block stores tombstones (empty values) like any entry; the iterator must not skip them")
                .containsExactlyElementsOf(entries("a", "", "b", "2", "c", ""));
    }

    @Test
    void after_the_last_entry_the_iterator_is_invalid_and_next_does_nothing() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToFirst(block("a", "1"));
        it.next();
        assertThat(it.isValid()).as("isValid() after next() on the last entry").isFalse();
        it.next();
        assertThat(it.isValid()).as("next() on an invalid iterator must leave it invalid, not throw").isFalse();
    }

    @Test
    void key_and_value_of_an_invalid_iterator_throw_IllegalStateException() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToFirst(block("a", "1"));
        it.next();
        assertThatThrownBy(it::key,
                "key() past the end must say the iterator is invalid, not return stale data")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(it::value,
                "value() past the end must say the iterator is invalid, not return stale data")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void seekToFirst_starts_over() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToFirst(block("a", "1", "b", "2"));
        drain(it, 10);
        it.seekToFirst();
        assertThat(drain(it, 10))
                .as("after reaching the end, seekToFirst() must make the whole block readable again")
                .containsExactlyElementsOf(entries("a", "1", "b", "2"));
    }

    @Test
    void keys_from_earlier_entries_stay_intact_after_next() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToFirst(block("first", "1", "second", "2"));
        Bytes firstKey = it.key();
        Bytes firstValue = it.value();
        it.next();
        assertThat(firstKey).as("a key taken before next() must still read \"first\"").isEqualTo(Bytes.of("first"));
        assertThat(firstValue).isEqualTo(Bytes.of("1"));
    }

    @Test
    void a_decoded_block_iterates_like_the_built_one() throws Exception {
        Block built = block(numbered(100));
        Block decoded = Block.decode(built.encode());
        assertThat(drain(BlockIterator.createAndSeekToFirst(decoded), 200))
                .as("iterating decode(encode(block)) must give the entries of block")
                .containsExactlyElementsOf(drain(BlockIterator.createAndSeekToFirst(built), 200));
    }
}
