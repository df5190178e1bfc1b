package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;

/**
 * Seeking must be a binary search, checked without a clock: the test hands {@code seekToKey} a
 * block whose first and last entries are out of order on purpose. A binary search for a key in
 * the middle of the block never probes either end, so it lands where a sorted block would; a
 * linear scan from the first entry stops at once on the too-large first key, and one from the
 * last entry backwards trips over the too-small last key.
 *
 * <p>Such a block cannot come from {@link BlockBuilder} or {@link Block#decode}, which both refuse
 * unsorted keys; it is made with the package-private constructor, which takes the data as given.
 */
@Timeout(10)
@DisplayName("Day 1 · Task 4 — seekToKey is a binary search")
class BlockSeekBinarySearchTest {

    private static final int ENTRIES = 1_000;
    /** Larger than every "key...." key: a linear scan from the start stops on it at once. */
    private static final String TOO_LARGE_FIRST = "zz-out-of-order";
    /** Smaller than every "key...." key: a scan from the end backwards stops on it at once. */
    private static final String TOO_SMALL_LAST = "a-out-of-order";

    private static String sortedKey(int i) {
        return String.format("key%04d", i);
    }

    /**
     * Entry 0 is {@link #TOO_LARGE_FIRST}, entries 1 to 998 are key0001 to key0998 in order, and
     * entry 999 is {@link #TOO_SMALL_LAST}; every value is "v" and the key's index.
     */
    private static Block blockWithUnsortedEnds() {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        int[] offsets = new int[ENTRIES];
        for (int i = 0; i < ENTRIES; i++) {
            String key = i == 0 ? TOO_LARGE_FIRST : i == ENTRIES - 1 ? TOO_SMALL_LAST : sortedKey(i);
            offsets[i] = data.size();
            writeField(data, Bytes.of(key));
            writeField(data, Bytes.of("v" + i));
        }
        return new Block(data.toByteArray(), offsets);
    }

    /** A u16 length, then the bytes: one half of an entry in the day-1 layout. */
    private static void writeField(ByteArrayOutputStream out, Bytes field) {
        out.write(field.length() >>> 8);
        out.write(field.length());
        out.writeBytes(field.toByteArray());
    }

    private static String describe(BlockIterator it) {
        return it.isValid() ? it.key().toUtf8String() + " -> " + it.value().toUtf8String() : "(invalid)";
    }

    @Test
    void a_seek_to_a_key_in_the_middle_never_looks_at_the_ends_of_the_block() {
        Block block = blockWithUnsortedEnds();
        for (int target : new int[] {300, 450, 500, 501, 620, 700}) {
            BlockIterator it = BlockIterator.createAndSeekToKey(block, Bytes.of(sortedKey(target)));
            assertThat(describe(it))
                    .as("docs/day1-block.md, Task 4: seekToKey must use binary search over the offsets (keep a range "
                            + "[lo, hi), compare the key of the middle entry, halve). This block's first entry (%s) and "
                            + "last entry (%s) are out of order on purpose: a binary search for %s never probes them "
                            + "and lands on %s; a linear scan from the start stops on the first entry, a scan from the "
                            + "end on the last. createAndSeekToKey(%s) gave",
                            TOO_LARGE_FIRST, TOO_SMALL_LAST, sortedKey(target), sortedKey(target), sortedKey(target))
                    .isEqualTo(sortedKey(target) + " -> v" + target);
        }
    }

    @Test
    void a_seek_between_two_keys_in_the_middle_never_looks_at_the_ends_of_the_block() {
        Block block = blockWithUnsortedEnds();
        BlockIterator it = BlockIterator.createAndSeekToFirst(block);
        for (int target : new int[] {700, 350, 555}) {
            String between = sortedKey(target) + "!"; // after key<target>, before key<target + 1>
            it.seekToKey(Bytes.of(between));
            assertThat(describe(it))
                    .as("docs/day1-block.md, Task 4: seekToKey must use binary search over the offsets. This block's "
                            + "first entry (%s) and last entry (%s) are out of order on purpose, so only a binary "
                            + "search lands on %s for seekToKey(\"%s\") (the seeks go forwards and backwards from the "
                            + "iterator's position); it gave",
                            TOO_LARGE_FIRST, TOO_SMALL_LAST, sortedKey(target + 1), between)
                    .isEqualTo(sortedKey(target + 1) + " -> v" + (target + 1));
        }
    }
}
