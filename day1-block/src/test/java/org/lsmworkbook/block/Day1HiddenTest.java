package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.block.TestBlocks.drain;
import static org.lsmworkbook.block.TestBlocks.entries;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.block.TestBlocks.Entry;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

/**
 * Day 1 checks beyond the public suite. What each test covers that the public tests do not:
 *
 * <ul>
 *   <li>{@code a_full_block_with_lengths_and_offsets_above_32767_round_trips}: a block of exactly
 *       65,536 bytes whose offsets and one value length are above 32,767, and a key longer than
 *       32,767 bytes, encoded, decoded, iterated and sought. The public tests never decode a block
 *       larger than about 4 KiB, so a u16 read as a signed {@code short} goes unnoticed there.
 *   <li>{@code build_leaves_the_builder_as_it_was_and_built_blocks_never_change}: {@code build()}
 *       twice, then more {@code add()}s, then {@code build()} again; the first block must not
 *       change and the builder must not have been reset.
 *   <li>{@code decode_checks_the_order_of_keys_as_unsigned_bytes_and_by_length}: hand-made blocks
 *       whose keys are out of order only by length ({@code "ab"} before {@code "a"}) or only
 *       unsigned ({@code 0x80} before {@code 0x7F}), and well-formed blocks of such keys; and the
 *       offset of every {@code CorruptionException} of a truncation lies inside the input.
 *   <li>{@code seeks_to_the_extremes_of_the_key_space_and_in_one_and_two_entry_blocks}: seeking to
 *       the empty key, to {@code 0x00} and to {@code 0xFF 0xFF} neighbours, in blocks of one and
 *       two entries, and what the iterator does after such a seek runs off the end.
 *   <li>{@code random_prefix_heavy_blocks_with_interleaved_next_and_seek}: a seeded model with a
 *       different shape from {@code BlockModelTest}: keys of the bytes 00, 01, 7F, 80, FE, FF only
 *       (many prefixes of each other), block sizes from 1 to 200 bytes, an {@code add} that
 *       returns false only when the entry really does not fit, and random walks mixing
 *       {@code next}, {@code seekToKey} and {@code seekToFirst}.
 * </ul>
 */
@Tag("hidden")
@Timeout(30)
@DisplayName("Day 1 · hidden — large blocks, builder reuse, strict decoding, extreme seeks")
class Day1HiddenTest {

    /** {@code length} bytes that differ from position to position, high bytes included. */
    private static Bytes pattern(int length, int salt) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + salt);
        }
        return Bytes.wrap(bytes);
    }

    private static Bytes filled(int length, int b) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) b);
        return Bytes.wrap(bytes);
    }

    private static Bytes bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return Bytes.wrap(out);
    }

    /** Encoded bytes of one entry with its offset, as BlockBuilder counts them. */
    private static int cost(Bytes key, Bytes value) {
        return 2 + key.length() + 2 + value.length() + 2;
    }

    /** Every entry of the block, read with copies so that the list does not depend on views. */
    private static List<Entry> all(Block block) throws Exception {
        return drain(BlockIterator.createAndSeekToFirst(block), block.numEntries() + 1);
    }

    @Test
    @Tag("points=2")
    void a_full_block_with_lengths_and_offsets_above_32767_round_trips() throws Exception {
        // Entry 0 has a 40,000-byte value (its u16 length is above 0x7FFF); every later entry starts
        // above offset 40,000; the last one is sized to fill the block to exactly 65,536 bytes.
        BlockBuilder builder = new BlockBuilder(BlockBuilder.MAX_BLOCK_SIZE);
        List<Entry> added = new ArrayList<>();
        Bytes bigValue = pattern(40_000, 3);
        assertThat(builder.add(Bytes.of("k0000"), bigValue))
                .as("BlockBuilder(65536).add of a 40,000-byte value as the first entry").isTrue();
        added.add(new Entry(Bytes.of("k0000"), bigValue));
        int i = 1;
        Bytes small = pattern(100, 5);
        while (BlockBuilder.MAX_BLOCK_SIZE - builder.estimatedSize() >= 2 * cost(Bytes.of("k0000"), small)) {
            Bytes key = Bytes.of(String.format("k%04d", i++));
            assertThat(builder.add(key, small))
                    .as("add(%s, 100 bytes) with %d bytes left in a block of 65,536", key,
                            BlockBuilder.MAX_BLOCK_SIZE - builder.estimatedSize())
                    .isTrue();
            added.add(new Entry(key, small));
        }
        Bytes lastKey = Bytes.of(String.format("k%04d", i));
        int lastValueLength = BlockBuilder.MAX_BLOCK_SIZE - builder.estimatedSize() - 6 - lastKey.length();
        Bytes lastValue = pattern(lastValueLength, 11);
        assertThat(builder.add(lastKey, lastValue))
                .as("an entry that fills the block to exactly 65,536 bytes (BlockBuilder.MAX_BLOCK_SIZE) must be accepted")
                .isTrue();
        added.add(new Entry(lastKey, lastValue));
        assertThat(builder.estimatedSize()).as("estimatedSize() of a block filled to its limit").isEqualTo(BlockBuilder.MAX_BLOCK_SIZE);
        assertThat(builder.add(Bytes.of("z"), Bytes.EMPTY))
                .as("a block of exactly 65,536 bytes is full: add() must return false").isFalse();

        byte[] encoded = builder.build().encode();
        assertThat(encoded).inHexadecimal().as("Block.encode() of a block filled to 65,536 bytes").hasSize(BlockBuilder.MAX_BLOCK_SIZE);
        Block decoded = Block.decode(encoded);
        assertThat(all(decoded))
                .as("Block.decode of a 65,536-byte block whose offsets (from 40,009 up) and first value length (40,000) "
                        + "are above 32,767: every entry back. Read u16 fields unsigned (BigEndian.getU16), never as a "
                        + "signed short such as ByteBuffer.getShort()")
                .containsExactlyElementsOf(added);
        BlockIterator it = BlockIterator.createAndSeekToFirst(decoded);
        for (Entry e : added) {
            it.seekToKey(e.key());
            assertThat(it.isValid() ? new Entry(it.key(), it.value()) : null)
                    .as("seekToKey(%s) in the decoded 65,536-byte block (binary search over offsets above 32,767)", e.key())
                    .isEqualTo(e);
        }

        // A key longer than 32,767 bytes (and all 0xFF), with the longest value.
        Bytes hugeKey = filled(40_000, 0xFF);
        Bytes hugeValue = pattern(Block.MAX_VALUE_LENGTH, 7);
        BlockBuilder single = new BlockBuilder(64);
        assertThat(single.add(hugeKey, hugeValue)).as("a 40,000-byte key with a 65,535-byte value, as the first entry").isTrue();
        byte[] encodedHuge = single.build().encode();
        assertThat(encodedHuge).inHexadecimal().as("encode() of that one-entry block").hasSize(2 + 40_000 + 2 + 65_535 + 2 + 2);
        Block hugeBlock = Block.decode(encodedHuge);
        assertThat(all(hugeBlock))
                .as("Block.decode of a block whose only key is 40,000 bytes long and whose value is 65,535 bytes: a "
                        + "block larger than 65,536 bytes is legal when its first entry is that large, and both lengths "
                        + "are unsigned u16s")
                .containsExactly(new Entry(hugeKey, hugeValue));
        BlockIterator hugeIt = BlockIterator.createAndSeekToKey(hugeBlock, filled(39_999, 0xFF));
        assertThat(hugeIt.isValid() ? hugeIt.key() : null)
                .as("seekToKey(39,999 x 0xFF), a proper prefix of the block's only key: lands on that key")
                .isEqualTo(hugeKey);
        hugeIt.seekToKey(filled(40_001, 0xFF));
        assertThat(hugeIt.isValid())
                .as("seekToKey(40,001 x 0xFF), longer than the only key and so greater: the iterator must be invalid")
                .isFalse();
    }

    @Test
    void build_leaves_the_builder_as_it_was_and_built_blocks_never_change() throws Exception {
        BlockBuilder builder = new BlockBuilder(BlockBuilder.MAX_BLOCK_SIZE);
        builder.add(Bytes.of("a"), Bytes.of("1"));
        builder.add(Bytes.of("b"), Bytes.EMPTY);
        int sizeBefore = builder.estimatedSize();
        Block first = builder.build();
        byte[] firstBytes = first.encode();
        assertThat(builder.isEmpty()).as("isEmpty() after build(): build() leaves the builder as it was, not emptied").isFalse();
        assertThat(builder.estimatedSize())
                .as("estimatedSize() after build(): unchanged (BlockBuilder.build's Javadoc: the builder is left as it was)")
                .isEqualTo(sizeBefore);
        assertThat(builder.build().encode()).inHexadecimal()
                .as("a second build() without add() in between must give the same block again")
                .isEqualTo(firstBytes);

        // Enough entries that any internal array has to grow several times.
        List<Entry> expected = new ArrayList<>(entries("a", "1", "b", ""));
        for (int i = 0; i < 500; i++) {
            Entry e = new Entry(Bytes.of(String.format("c%04d", i)), pattern(30, i));
            assertThat(builder.add(e.key(), e.value())).as("add(%s) after build()", e.key()).isTrue();
            expected.add(e);
        }
        Block second = builder.build();
        assertThat(all(second))
                .as("build() after build() and 500 more add()s: every entry added since the builder was made, "
                        + "including the two before the first build()")
                .containsExactlyElementsOf(expected);
        assertThat(first.encode()).inHexadecimal()
                .as("the block of the first build() must not change when the builder goes on: build() must hand out "
                        + "arrays of its own, not the builder's")
                .isEqualTo(firstBytes);
        assertThat(all(first)).as("the entries of the first block, after the builder went on")
                .containsExactlyElementsOf(entries("a", "1", "b", ""));
    }

    /** A block laid out by hand, keys taken as they are (no order check): each key with value "v". */
    private static byte[] handMade(Bytes... keys) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] offsets = new int[keys.length];
        for (int i = 0; i < keys.length; i++) {
            offsets[i] = data.size();
            data.write(keys[i].length() >>> 8);
            data.write(keys[i].length());
            data.writeBytes(keys[i].toByteArray());
            data.writeBytes(new byte[] {0, 1, 'v'});
        }
        for (int offset : offsets) {
            data.write(offset >>> 8);
            data.write(offset);
        }
        data.write(keys.length >>> 8);
        data.write(keys.length);
        return data.toByteArray();
    }

    @Test
    void decode_checks_the_order_of_keys_as_unsigned_bytes_and_by_length() throws Exception {
        Object[][] wellFormed = {
            {"a, ab, abc, b (each a prefix of the next, then a greater byte)",
                new Bytes[] {Bytes.of("a"), Bytes.of("ab"), Bytes.of("abc"), Bytes.of("b")}},
            {"00, 00 00, 7F, 80, FF, FF 00", new Bytes[] {bytes(0), bytes(0, 0), bytes(0x7F), bytes(0x80), bytes(0xFF), bytes(0xFF, 0)}},
        };
        for (Object[] c : wellFormed) {
            Bytes[] keys = (Bytes[]) c[1];
            Block block = Block.decode(handMade(keys));
            List<Bytes> got = new ArrayList<>();
            for (Entry e : all(block)) {
                got.add(e.key());
            }
            assertThat(got)
                    .as("Block.decode of a well-formed block with keys %s: a proper prefix sorts before the longer key, "
                            + "and bytes compare unsigned (0x80 > 0x7F), so the keys strictly increase", c[0])
                    .containsExactly(keys);
        }

        Object[][] outOfOrder = {
            {"ab, a (the longer key first: \"a\" is a prefix of \"ab\", so it is smaller)", new Bytes[] {Bytes.of("ab"), Bytes.of("a")}},
            {"a, b, b 00, b (a key repeated after a longer one)", new Bytes[] {Bytes.of("a"), Bytes.of("b"), bytes('b', 0), Bytes.of("b")}},
            {"80, 7F (in signed order -128 < 127, but unsigned 0x80 > 0x7F)", new Bytes[] {bytes(0x80), bytes(0x7F)}},
            {"01 FF, 01 80", new Bytes[] {bytes(1, 0xFF), bytes(1, 0x80)}},
        };
        for (Object[] c : outOfOrder) {
            byte[] encoded = handMade((Bytes[]) c[1]);
            Throwable thrown = catchThrowable(() -> Block.decode(encoded));
            assertThat(thrown)
                    .as("Block.decode of a block with keys %s must throw CorruptionException: keys must strictly increase "
                            + "in unsigned lexicographic order, where length breaks a tie of the common prefix "
                            + "(compare like Bytes.compareTo / Arrays.compareUnsigned)", c[0])
                    .isInstanceOf(CorruptionException.class);
        }

        // Where the damage is: the offset of a CorruptionException lies inside the input.
        byte[] good = handMade(Bytes.of("apple"), Bytes.of("banana"), Bytes.of("cherry"));
        for (int length = 0; length < good.length; length++) {
            byte[] cut = Arrays.copyOf(good, length);
            Throwable thrown = catchThrowable(() -> Block.decode(cut));
            assertThat(thrown).as("decode of the block cut to %d of %d bytes", length, good.length)
                    .isInstanceOf(CorruptionException.class);
            long offset = ((CorruptionException) thrown).offset();
            assertThat(offset)
                    .as("CorruptionException.offset() for the block cut to %d bytes: where in the input the damage was "
                            + "seen, a position from 0 to %d (message: %s)", length, length, thrown.getMessage())
                    .isBetween(0L, (long) length);
        }
    }

    @Test
    void seeks_to_the_extremes_of_the_key_space_and_in_one_and_two_entry_blocks() throws Exception {
        BlockBuilder builder = new BlockBuilder(4096);
        builder.add(bytes(0x00), Bytes.EMPTY);
        builder.add(Bytes.of("m"), Bytes.of("mid"));
        builder.add(bytes(0xFF, 0xFF), Bytes.of("last"));
        Block block = Block.decode(builder.build().encode());
        Object[][] seeks = {
            {Bytes.EMPTY, bytes(0x00), "the empty key, smaller than every key"},
            {bytes(0x00), bytes(0x00), "0x00, the first key itself"},
            {bytes(0x00, 0x00), Bytes.of("m"), "0x00 0x00, just after the first key"},
            {bytes(0xFF), bytes(0xFF, 0xFF), "0xFF, a proper prefix of the last key"},
            {bytes(0xFF, 0xFF), bytes(0xFF, 0xFF), "0xFF 0xFF, the last key itself"},
            {bytes(0xFF, 0xFF, 0x00), null, "0xFF 0xFF 0x00, just after the last key"},
            {filled(300, 0xFF), null, "300 x 0xFF, after every key"},
        };
        BlockIterator it = BlockIterator.createAndSeekToFirst(block);
        for (Object[] s : seeks) {
            Bytes target = (Bytes) s[0];
            BlockIterator fresh = BlockIterator.createAndSeekToKey(block, target);
            it.seekToKey(target);
            for (BlockIterator sought : List.of(fresh, it)) {
                assertThat(sought.isValid() ? sought.key() : null)
                        .as("keys 0x00, \"m\", 0xFF 0xFF: %s(%s) must land on the first key >= it (null: invalid)",
                                sought == fresh ? "createAndSeekToKey" : "seekToKey on a reused iterator", s[2])
                        .isEqualTo(s[1]);
            }
        }
        assertThat(it.isValid()).as("after seeking past the last key").isFalse();
        it.next();
        assertThat(it.isValid()).as("next() after a seek past the last key: still invalid, no exception").isFalse();
        assertThatThrownBy(it::key, "key() after a seek past the last key: IllegalStateException, not stale data")
                .isInstanceOf(IllegalStateException.class);
        it.seekToFirst();
        assertThat(it.isValid() ? new Entry(it.key(), it.value()) : null)
                .as("seekToFirst() after a seek past the end: the first entry, 0x00 with its tombstone (empty value)")
                .isEqualTo(new Entry(bytes(0x00), Bytes.EMPTY));

        for (int n = 1; n <= 2; n++) {
            BlockBuilder b = new BlockBuilder(4096);
            b.add(Bytes.of("c"), Bytes.of("3"));
            if (n == 2) {
                b.add(Bytes.of("e"), Bytes.of("5"));
            }
            Block small = b.build();
            String keysText = n == 1 ? "[c]" : "[c, e]";
            Object[][] cases = {
                {"b", "c"}, {"c", "c"}, {"c\0", n == 2 ? "e" : null}, {"d", n == 2 ? "e" : null},
                {"e", n == 2 ? "e" : null}, {"f", null},
            };
            for (Object[] c : cases) {
                BlockIterator sought = BlockIterator.createAndSeekToKey(small, Bytes.of((String) c[0]));
                Bytes want = c[1] == null ? null : Bytes.of((String) c[1]);
                assertThat(sought.isValid() ? sought.key() : null)
                        .as("a block of %d entr%s %s: createAndSeekToKey(%s) (null: invalid). Check the ends of the "
                                + "binary search: [lo, hi) must start as [0, numEntries()) and the answer may be numEntries()",
                                n, n == 1 ? "y" : "ies", keysText, Bytes.of((String) c[0]))
                        .isEqualTo(want);
            }
        }
    }

    private static final int[] ALPHABET = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};

    private static Bytes alphabetKey(Random random, int minLength) {
        byte[] key = new byte[minLength + random.nextInt(4 - minLength + 1)];
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return Bytes.wrap(key);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {7, 99, 4_242, 65_535})
    void random_prefix_heavy_blocks_with_interleaved_next_and_seek(long seed) throws Exception {
        Random random = new Random(seed);
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        int count = 1 + random.nextInt(400);
        while (model.size() < count) {
            model.put(alphabetKey(random, 1), random.nextInt(3) == 0 ? Bytes.EMPTY : pattern(random.nextInt(20), random.nextInt()));
        }
        int blockSize = 1 + random.nextInt(200);

        List<NavigableMap<Bytes, Bytes>> expectedPerBlock = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        BlockBuilder builder = new BlockBuilder(blockSize);
        NavigableMap<Bytes, Bytes> current = new TreeMap<>();
        for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
            int before = builder.estimatedSize();
            if (!builder.add(e.getKey(), e.getValue())) {
                assertThat(before + cost(e.getKey(), e.getValue()))
                        .as("seed %d (block size %d): add(%s -> %d bytes) returned false with estimatedSize() %d; it may "
                                + "only do so if the entry (%d bytes with its offset) would push the block past its size",
                                seed, blockSize, e.getKey(), e.getValue().length(), before, cost(e.getKey(), e.getValue()))
                        .isGreaterThan(blockSize);
                assertThat(builder.estimatedSize()).as("seed %d: a refused add() changes nothing", seed).isEqualTo(before);
                blocks.add(builder.build());
                expectedPerBlock.add(current);
                builder = new BlockBuilder(blockSize);
                current = new TreeMap<>();
                assertThat(builder.add(e.getKey(), e.getValue()))
                        .as("seed %d: the first add() to a new BlockBuilder(%d) is always accepted", seed, blockSize)
                        .isTrue();
            }
            current.put(e.getKey(), e.getValue());
        }
        blocks.add(builder.build());
        expectedPerBlock.add(current);

        for (int b = 0; b < blocks.size(); b++) {
            NavigableMap<Bytes, Bytes> expected = expectedPerBlock.get(b);
            byte[] encoded = blocks.get(b).encode();
            int size = 2;
            for (Map.Entry<Bytes, Bytes> e : expected.entrySet()) {
                size += cost(e.getKey(), e.getValue());
            }
            assertThat(encoded.length)
                    .as("seed %d, block %d: encode().length must be sum(2 + key + 2 + value + 2) + 2", seed, b)
                    .isEqualTo(size);
            Block decoded = Block.decode(encoded);
            String where = String.format("seed %d, block %d of %d (block size %d, %d entries)",
                    seed, b, blocks.size(), blockSize, expected.size());

            BlockIterator it = BlockIterator.createAndSeekToFirst(decoded);
            Bytes position = expected.firstKey(); // the model's idea of where the iterator is; null: invalid
            StringBuilder steps = new StringBuilder("createAndSeekToFirst");
            for (int step = 0; step < 120; step++) {
                int dice = random.nextInt(10);
                if (dice < 5) {
                    it.next();
                    position = position == null ? null : expected.higherKey(position);
                    steps.append(", next");
                } else if (dice < 9) {
                    Bytes target = random.nextInt(4) == 0 ? Bytes.EMPTY : alphabetKey(random, 1);
                    it.seekToKey(target);
                    position = expected.ceilingKey(target);
                    steps.append(", seekToKey(").append(target).append(')');
                } else {
                    it.seekToFirst();
                    position = expected.firstKey();
                    steps.append(", seekToFirst");
                }
                String last = steps.length() > 300 ? "..." + steps.substring(steps.length() - 300) : steps.toString();
                assertThat(it.isValid() ? it.key() : null)
                        .as("%s: after %s the iterator must be on %s (null: invalid)", where, last, position)
                        .isEqualTo(position);
                if (position != null) {
                    assertThat(it.value()).as("%s: value at %s", where, position).isEqualTo(expected.get(position));
                }
            }
        }
    }
}
