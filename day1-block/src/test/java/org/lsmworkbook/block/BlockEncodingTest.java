package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.block.TestBlocks.block;
import static org.lsmworkbook.block.TestBlocks.numbered;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

@Timeout(10)
@DisplayName("Day 1 · Task 2 — Block.encode and Block.decode")
class BlockEncodingTest {

    /** ("a" -> "1"), ("bc" -> tombstone), laid out by hand from the format in Block's Javadoc. */
    private static final byte[] SMALL = {
        0, 1, 'a', 0, 1, '1', // entry 0 at offset 0: key_len 1, "a", value_len 1, "1"
        0, 2, 'b', 'c', 0, 0, // entry 1 at offset 6: key_len 2, "bc", value_len 0
        0, 0, 0, 6, // offsets: 0, 6
        0, 2 // entry count: 2
    };

    private static Block decode(byte[] encoded) throws CorruptionException {
        return Block.decode(encoded);
    }

    /** Damaged input must come back as CorruptionException: not another exception, not a block. */
    private static CorruptionException assertCorrupt(byte[] damaged, String what) {
        Throwable thrown = catchThrowable(() -> Block.decode(damaged));
        assertThat(thrown)
                .as("Block.decode of %s (%s) must throw CorruptionException; damaged input must never "
                        + "decode, nor escape as another exception such as ArrayIndexOutOfBoundsException",
                        what, Bytes.wrap(damaged))
                .isInstanceOf(CorruptionException.class);
        return (CorruptionException) thrown;
    }

    @Test
    void encode_writes_the_documented_layout_byte_for_byte() {
        byte[] encoded = block("a", "1", "bc", "").encode();
        assertThat(encoded).inHexadecimal()
                .as("encode() of (\"a\" -> \"1\"), (\"bc\" -> empty): entries, then u16 offsets, then the u16 "
                        + "count, all big-endian (see the layout in Block's Javadoc)")
                .containsExactly(SMALL);
    }

    @Test
    void the_encoded_size_is_what_the_builder_estimated() {
        BlockBuilder builder = new BlockBuilder(4096);
        String[] kv = numbered(50);
        for (int i = 0; i < kv.length; i += 2) {
            builder.add(Bytes.of(kv[i]), Bytes.of(kv[i + 1]));
        }
        assertThat(builder.build().encode()).inHexadecimal()
                .as("encode().length must equal BlockBuilder.estimatedSize() before build()")
                .hasSize(builder.estimatedSize());
    }

    @Test
    void decode_reads_back_what_encode_wrote() throws Exception {
        Block decoded = decode(SMALL);
        assertThat(decoded.numEntries()).as("decode(SMALL).numEntries()").isEqualTo(2);
        assertThat(decoded.encode()).inHexadecimal().as("encode(decode(bytes)) must give the same bytes").containsExactly(SMALL);
        byte[] big = block(numbered(200)).encode();
        assertThat(decode(big).encode()).inHexadecimal().as("a 200-entry block must survive encode, decode, encode").isEqualTo(big);
    }

    @Test
    void a_decoded_block_does_not_share_the_input_array() throws Exception {
        byte[] input = SMALL.clone();
        Block decoded = decode(input);
        Arrays.fill(input, (byte) 0x55);
        assertThat(decoded.encode()).inHexadecimal()
                .as("after decode(), the caller may reuse its array: the block must keep its own copy")
                .containsExactly(SMALL);
    }

    @Test
    void an_empty_or_one_byte_input_is_corrupt() {
        assertCorrupt(new byte[0], "an empty array");
        assertCorrupt(new byte[] {1}, "one byte: too short for the entry count");
    }

    @Test
    void every_truncation_is_reported_as_corruption() {
        byte[] encoded = block(numbered(20)).encode();
        for (int length = 0; length < encoded.length; length++) {
            assertCorrupt(Arrays.copyOf(encoded, length),
                    "a 20-entry block of " + encoded.length + " bytes cut to its first " + length + " bytes");
        }
    }

    @Test
    void an_absurd_entry_count_is_reported_without_allocating_for_it() {
        byte[] damaged = SMALL.clone();
        damaged[damaged.length - 2] = (byte) 0xFF;
        damaged[damaged.length - 1] = (byte) 0xFF;
        CorruptionException e = assertCorrupt(damaged, "a block claiming 65535 entries in 18 bytes");
        assertThat(e.getMessage())
                .as("the message should say, with the words \"entry count\", that the count is what is wrong "
                        + "(see Block.decode's Javadoc)")
                .contains("entry count");
    }

    @Test
    void a_zero_entry_count_is_corrupt() {
        assertCorrupt(new byte[] {0, 0}, "a block whose count is 0");
        byte[] damaged = SMALL.clone();
        damaged[damaged.length - 1] = 0;
        assertCorrupt(damaged, "SMALL with its count set to 0");
    }

    @Test
    void offsets_that_do_not_match_the_entries_are_corrupt() {
        byte[] pastEnd = SMALL.clone();
        pastEnd[15] = 100; // offset of entry 1: 6 -> 100, past the data
        CorruptionException e = assertCorrupt(pastEnd, "SMALL with entry 1's offset pointing past the data");
        assertThat(e.offset()).as("CorruptionException.offset() should point at the damaged offset field").isEqualTo(14);

        byte[] intoMiddle = SMALL.clone();
        intoMiddle[15] = 3; // offset of entry 1: 6 -> 3, the middle of entry 0
        assertCorrupt(intoMiddle, "SMALL with entry 1's offset pointing into entry 0");

        byte[] firstNotZero = SMALL.clone();
        firstNotZero[13] = 1; // offset of entry 0: 0 -> 1
        assertCorrupt(firstNotZero, "SMALL whose first offset is 1 instead of 0");
    }

    @Test
    void lengths_that_run_past_the_entries_are_corrupt() {
        byte[] longKey = SMALL.clone();
        longKey[7] = (byte) 200; // key_len of entry 1: 2 -> 200
        assertCorrupt(longKey, "SMALL with entry 1's key length set to 200");

        byte[] longValue = SMALL.clone();
        longValue[4] = (byte) 0xFF; // value_len of entry 0: 1 -> 255
        assertCorrupt(longValue, "SMALL with entry 0's value length set to 255");

        byte[] hugeKey = SMALL.clone();
        hugeKey[0] = (byte) 0xFF;
        hugeKey[1] = (byte) 0xFF; // key_len of entry 0: 1 -> 65535
        assertCorrupt(hugeKey, "SMALL with entry 0's key length set to 65535");
    }

    @Test
    void an_empty_key_or_keys_out_of_order_are_corrupt() {
        byte[] emptyKey = {0, 0, 0, 1, 'v', 0, 0, 0, 1};
        assertCorrupt(emptyKey, "a block whose only entry has an empty key");

        byte[] outOfOrder = {0, 1, 'b', 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 5, 0, 2};
        assertThat(assertCorrupt(outOfOrder, "a block with key \"b\" before key \"a\"").getMessage())
                .as("the message should say that the keys are out of order, with the word \"increasing\" "
                        + "(see Block.decode's Javadoc)")
                .contains("increasing");

        byte[] duplicate = {0, 1, 'a', 0, 0, 0, 1, 'a', 0, 0, 0, 0, 0, 5, 0, 2};
        assertCorrupt(duplicate, "a block with key \"a\" twice");
    }

    @Test
    void stray_bytes_between_the_last_entry_and_the_offsets_are_corrupt() {
        byte[] stray = {0, 1, 'a', 0, 1, '1', 'x', 0, 0, 0, 1};
        assertCorrupt(stray, "a block with one stray byte after its only entry");
    }

    @Test
    void a_flipped_byte_never_escapes_as_another_exception_and_structure_damage_is_always_caught() {
        byte[] encoded = block("apple", "red", "banana", "", "cherry", "dark red").encode();
        // Which bytes hold lengths, offsets and the count (everything but key and value content).
        boolean[] structural = new boolean[encoded.length];
        int at = 0;
        for (int i = 0; i < 3; i++) {
            structural[at] = structural[at + 1] = true;
            at += 2 + ((encoded[at] & 0xFF) << 8 | (encoded[at + 1] & 0xFF));
            structural[at] = structural[at + 1] = true;
            at += 2 + ((encoded[at] & 0xFF) << 8 | (encoded[at + 1] & 0xFF));
        }
        Arrays.fill(structural, at, encoded.length, true);

        for (int position = 0; position < encoded.length; position++) {
            for (int mask : new int[] {0x01, 0x10, 0x80, 0xFF}) {
                byte[] damaged = encoded.clone();
                damaged[position] ^= (byte) mask;
                String what = "the block with byte " + position + " XOR 0x" + Integer.toHexString(mask);
                if (structural[position]) {
                    assertCorrupt(damaged, what + " (a length, offset or count byte)");
                } else {
                    Throwable thrown = catchThrowable(() -> Block.decode(damaged));
                    assertThat(thrown)
                            .as("Block.decode of %s (a key or value byte) may decode, or throw CorruptionException "
                                    + "if the keys fall out of order, but nothing else", what)
                            .satisfiesAnyOf(
                                    t -> assertThat(t).isNull(),
                                    t -> assertThat(t).isInstanceOf(CorruptionException.class));
                }
            }
        }
    }

    @Test
    void decode_of_a_prefix_reads_only_those_bytes_and_does_not_share_them() throws Exception {
        byte[] withTrailer = Arrays.copyOf(SMALL, SMALL.length + 4);
        Arrays.fill(withTrailer, SMALL.length, withTrailer.length, (byte) 0xAB); // like an SST's checksum
        Block block = Block.decode(withTrailer, SMALL.length);
        assertThat(TestBlocks.entriesOf(block))
                .as("decode(array, %d) of the small block followed by 4 other bytes must read the same entries "
                        + "as decode of the block alone; the bytes after length are not part of it", SMALL.length)
                .isEqualTo(TestBlocks.entries("a", "1", "bc", ""));
        assertThat(block.encode()).inHexadecimal().as("encode() of that block gives back exactly the first %d bytes", SMALL.length)
                .containsExactly(SMALL);
        Arrays.fill(withTrailer, (byte) 0);
        assertThat(block.encode()).inHexadecimal()
                .as("the decoded block must not share the input array: zeroing the array afterwards changes nothing")
                .containsExactly(SMALL);

        Throwable cut = catchThrowable(() -> Block.decode(SMALL.clone(), SMALL.length - 1));
        assertThat(cut)
                .as("decode(array, length) of a block cut one byte short must throw CorruptionException: the count "
                        + "is read from the end of the given length, not from the end of the array")
                .isInstanceOf(CorruptionException.class);
    }
}
