package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.block.TestBlocks.drain;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.block.TestBlocks.Entry;
import org.lsmworkbook.kv.Bytes;

/**
 * Random entries, packed into blocks, encoded, decoded, iterated and sought, compared with a
 * {@link TreeMap} holding the same entries. Each seed is one reproducible case: the seed is in the
 * test's name and in every failure message.
 */
@Timeout(30)
@DisplayName("Day 1 · all tasks — random blocks against a TreeMap")
class BlockModelTest {

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42, 1_000, 31_337, 271_828, 314_159, 8_675_309, 20_261_121})
    void random_blocks_behave_like_a_sorted_map(long seed) throws Exception {
        Random random = new Random(seed);
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        int count = 1 + random.nextInt(2_000);
        while (model.size() < count) {
            model.put(randomBytes(random, 1, 24), random.nextInt(8) == 0 ? Bytes.EMPTY : randomBytes(random, 0, 60));
        }
        int blockSize = 64 + random.nextInt(4_000);

        // Pack every entry, in order, into as many blocks as it takes.
        List<NavigableMap<Bytes, Bytes>> expectedPerBlock = new ArrayList<>();
        List<Block> blocks = new ArrayList<>();
        BlockBuilder builder = new BlockBuilder(blockSize);
        NavigableMap<Bytes, Bytes> current = new TreeMap<>();
        for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
            if (!builder.add(e.getKey(), e.getValue())) {
                assertThat(current).as("seed %d: add() refused an entry although the block was empty", seed).isNotEmpty();
                blocks.add(builder.build());
                expectedPerBlock.add(current);
                builder = new BlockBuilder(blockSize);
                current = new TreeMap<>();
                assertThat(builder.add(e.getKey(), e.getValue()))
                        .as("seed %d: the first add() to a new builder must succeed", seed)
                        .isTrue();
            }
            current.put(e.getKey(), e.getValue());
        }
        blocks.add(builder.build());
        expectedPerBlock.add(current);

        for (int b = 0; b < blocks.size(); b++) {
            NavigableMap<Bytes, Bytes> expected = expectedPerBlock.get(b);
            byte[] encoded = blocks.get(b).encode();
            if (expected.size() > 1) {
                assertThat(encoded.length)
                        .as("seed %d, block %d: a block of several entries must not exceed the block size %d", seed, b, blockSize)
                        .isLessThanOrEqualTo(blockSize);
            }
            Block decoded = Block.decode(encoded);
            assertThat(drain(BlockIterator.createAndSeekToFirst(decoded), expected.size() + 1))
                    .as("seed %d, block %d of %d (block size %d): every entry, in order, after encode and decode",
                            seed, b, blocks.size(), blockSize)
                    .containsExactlyElementsOf(asEntries(expected));

            BlockIterator it = BlockIterator.createAndSeekToFirst(decoded);
            for (int probe = 0; probe < 50; probe++) {
                Bytes target = random.nextBoolean()
                        ? randomBytes(random, 1, 24)
                        : randomKeyOf(expected, random);
                Bytes want = expected.ceilingKey(target);
                it.seekToKey(target);
                assertThat(it.isValid() ? it.key() : null)
                        .as("seed %d, block %d: seekToKey(%s) must land on the first key >= it (null: invalid)", seed, b, target)
                        .isEqualTo(want);
                if (want != null) {
                    assertThat(it.value()).as("seed %d, block %d: value at %s", seed, b, want).isEqualTo(expected.get(want));
                }
            }
        }
    }

    private static List<Entry> asEntries(Map<Bytes, Bytes> map) {
        List<Entry> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new Entry(k, v)));
        return out;
    }

    private static Bytes randomKeyOf(NavigableMap<Bytes, Bytes> map, Random random) {
        int skip = random.nextInt(map.size());
        for (Bytes key : map.keySet()) {
            if (skip-- == 0) {
                return key;
            }
        }
        throw new AssertionError("unreachable");
    }

    /** Random bytes over the whole 0..255 range, so that signed comparison would go wrong. */
    private static Bytes randomBytes(Random random, int minLength, int maxLength) {
        byte[] bytes = new byte[minLength + random.nextInt(maxLength - minLength + 1)];
        random.nextBytes(bytes);
        return Bytes.wrap(bytes);
    }
}
