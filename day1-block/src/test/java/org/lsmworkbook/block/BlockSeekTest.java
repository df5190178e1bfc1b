package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.block.TestBlocks.block;
import static org.lsmworkbook.block.TestBlocks.drain;
import static org.lsmworkbook.block.TestBlocks.entries;
import static org.lsmworkbook.block.TestBlocks.numbered;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;

@Timeout(10)
@DisplayName("Day 1 · Task 4 — seeking in a block")
class BlockSeekTest {

    // Built per test, not in a static initializer: if BlockBuilder is not written yet, each test
    // then reports the stub's message instead of "Could not initialize class".
    private final Block abc = block("b", "1", "d", "2", "f", "3");

    private static Bytes keyAfterSeek(Block block, String target) {
        BlockIterator it = BlockIterator.createAndSeekToKey(block, Bytes.of(target));
        return it.isValid() ? it.key() : null;
    }

    @Test
    void seeking_before_the_first_key_lands_on_the_first_entry() {
        assertThat(keyAfterSeek(abc, "a"))
                .as("keys are b, d, f: seek(\"a\") lands on the first key >= \"a\"")
                .isEqualTo(Bytes.of("b"));
    }

    @Test
    void seeking_past_the_last_key_makes_the_iterator_invalid() {
        BlockIterator it = BlockIterator.createAndSeekToKey(abc, Bytes.of("g"));
        assertThat(it.isValid()).as("keys are b, d, f: after seek(\"g\") no key is >= \"g\", so isValid() is false").isFalse();
    }

    @Test
    void seeking_between_two_keys_lands_on_the_greater_one() {
        assertThat(keyAfterSeek(abc, "c")).as("keys are b, d, f: seek(\"c\")").isEqualTo(Bytes.of("d"));
        assertThat(keyAfterSeek(abc, "e")).as("keys are b, d, f: seek(\"e\")").isEqualTo(Bytes.of("f"));
    }

    @Test
    void seeking_to_an_existing_key_lands_on_it() {
        for (String key : new String[] {"b", "d", "f"}) {
            assertThat(keyAfterSeek(abc, key)).as("keys are b, d, f: seek(%s) lands on that key", key).isEqualTo(Bytes.of(key));
        }
    }

    @Test
    void a_prefix_sorts_before_the_longer_key() {
        Block block = block("ab", "1", "abc", "2", "abd", "3");
        assertThat(keyAfterSeek(block, "abb")).as("keys ab, abc, abd: seek(\"abb\")").isEqualTo(Bytes.of("abc"));
        assertThat(keyAfterSeek(block, "a")).as("keys ab, abc, abd: seek(\"a\")").isEqualTo(Bytes.of("ab"));
        assertThat(keyAfterSeek(block, "abca")).as("keys ab, abc, abd: seek(\"abca\")").isEqualTo(Bytes.of("abd"));
    }

    @Test
    void seek_compares_bytes_unsigned() {
        BlockBuilder builder = new BlockBuilder(4096);
        for (int b : new int[] {0x01, 0x7F, 0x80, 0xFF}) {
            builder.add(Bytes.wrap(new byte[] {(byte) b}), Bytes.of("v"));
        }
        Block block = builder.build();
        BlockIterator it = BlockIterator.createAndSeekToKey(block, Bytes.wrap(new byte[] {0x7F, 0x00}));
        assertThat(it.key())
                .as("keys 0x01, 0x7F, 0x80, 0xFF: seek(0x7F 0x00) must land on 0x80, which sorts after 0x7F "
                        + "as an unsigned byte (compare with Bytes.compareTo, not signed bytes)")
                .isEqualTo(Bytes.wrap(new byte[] {(byte) 0x80}));
        it.seekToKey(Bytes.wrap(new byte[] {(byte) 0x81}));
        assertThat(it.key()).as("seek(0x81) must land on 0xFF").isEqualTo(Bytes.wrap(new byte[] {(byte) 0xFF}));
    }

    @Test
    void next_after_a_seek_continues_from_there() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToKey(abc, Bytes.of("c"));
        assertThat(drain(it, 10))
                .as("seek(\"c\") then next() to the end: the entries from \"d\" on")
                .containsExactlyElementsOf(entries("d", "2", "f", "3"));
    }

    @Test
    void seekToKey_works_backwards_and_after_the_end() throws Exception {
        BlockIterator it = BlockIterator.createAndSeekToFirst(abc);
        drain(it, 10);
        it.seekToKey(Bytes.of("d"));
        assertThat(it.isValid()).as("seekToKey(\"d\") on an exhausted iterator must make it valid again").isTrue();
        assertThat(it.key()).isEqualTo(Bytes.of("d"));
        it.seekToKey(Bytes.of("a"));
        assertThat(it.key()).as("seekToKey(\"a\") after seekToKey(\"d\"): seeking backwards").isEqualTo(Bytes.of("b"));
    }

    @Test
    void every_key_and_every_gap_of_a_large_block() {
        String[] kv = numbered(300);
        Block block = block(kv);
        BlockIterator it = BlockIterator.createAndSeekToFirst(block);
        for (int i = 0; i < 300; i++) {
            Bytes key = Bytes.of(kv[2 * i]);
            it.seekToKey(key);
            assertThat(it.key()).as("seek to %s in a block of key000..key299", key).isEqualTo(key);
            assertThat(it.value()).as("value after seek to %s", key).isEqualTo(Bytes.of(kv[2 * i + 1]));
            it.seekToKey(Bytes.of(kv[2 * i] + "!"));
            Bytes expected = i + 1 < 300 ? Bytes.of(kv[2 * i + 2]) : null;
            assertThat(it.isValid() ? it.key() : null)
                    .as("seek to %s!, just after %s (null means the iterator must be invalid)", kv[2 * i], kv[2 * i])
                    .isEqualTo(expected);
        }
    }
}
