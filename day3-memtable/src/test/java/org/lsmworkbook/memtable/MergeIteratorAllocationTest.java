package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * {@code MergeIterator.next()} allocates nothing, measured rather than timed: the JVM counts the
 * bytes each thread allocates ({@link AllocationMeter}), and the test reads the count before and
 * after many {@code next()} calls over children that allocate nothing themselves. A merge that
 * makes one small wrapper per step allocates megabytes here; one that allocates nothing shows only
 * the JVM's own noise, a few KiB at most. Of several rounds the smallest count is taken, so that
 * one-off work of the JVM (compiling, deoptimising) in one round does not count.
 */
@Timeout(30)
@DisplayName("Day 3 · Task 3 — MergeIterator.next() allocates nothing")
class MergeIteratorAllocationTest {

    private static final int KEYS = 420_000;
    private static final int WARM_UP_CALLS = 60_000;
    private static final int CALLS_PER_ROUND = 100_000;
    private static final int ROUNDS = 3;
    /** The JVM's own noise that a round may show: far below one wrapper (16+ bytes) per call. */
    private static final long ALLOWED_BYTES_PER_ROUND = 64 * 1024;

    /** Keys "k0000000" to "k0419999", all views into one array, made before anything is measured. */
    private static Bytes[] keys() {
        byte[] all = new byte[KEYS * 8];
        Bytes[] keys = new Bytes[KEYS];
        for (int i = 0; i < KEYS; i++) {
            int at = i * 8;
            all[at] = 'k';
            for (int digit = 7, rest = i; digit >= 1; digit--, rest /= 10) {
                all[at + digit] = (byte) ('0' + rest % 10);
            }
            keys[i] = Bytes.wrap(all, at, 8);
        }
        return keys;
    }

    /** A child over the keys that {@code which} accepts, in order; its calls allocate nothing. */
    private static final class ArrayChild implements StorageIterator {
        private final Bytes[] keys;
        private final Bytes value;
        private int position;

        ArrayChild(Bytes[] all, IntPredicate which, String value) {
            List<Bytes> mine = new ArrayList<>();
            for (int i = 0; i < all.length; i++) {
                if (which.test(i)) {
                    mine.add(all[i]);
                }
            }
            this.keys = mine.toArray(new Bytes[0]);
            this.value = Bytes.of(value);
        }

        @Override
        public Bytes key() {
            return keys[position];
        }

        @Override
        public Bytes value() {
            return value;
        }

        @Override
        public boolean isValid() {
            return position < keys.length;
        }

        @Override
        public void next() {
            if (position < keys.length) {
                position++;
            }
        }
    }

    @Test
    void a_hundred_thousand_steps_over_four_children_allocate_nothing() throws IOException {
        AllocationMeter meter = AllocationMeter.ofThisJvm();
        assumeTrue(meter != null, "this JVM cannot count the bytes a thread allocates (com.sun.management.ThreadMXBean)");
        Bytes[] keys = keys();
        // Every key is in one child or more; children 0, 1 and 3 share keys (multiples of 6, 14, 21...),
        // so steps move losers past equal keys, and the current child changes at most steps.
        List<ArrayChild> children = List.of(
                new ArrayChild(keys, i -> i % 3 == 0, "child 0"),
                new ArrayChild(keys, i -> i % 2 == 0, "child 1"),
                new ArrayChild(keys, i -> i % 2 == 1 && i % 3 != 0, "child 2"),
                new ArrayChild(keys, i -> i % 7 == 0, "child 3"));
        MergeIterator<ArrayChild> merge = MergeIterator.create(children);

        for (int i = 0; i < WARM_UP_CALLS; i++) {
            merge.next();
        }
        long fewest = Long.MAX_VALUE;
        long[] perRound = new long[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            long before = meter.allocatedBytes();
            for (int i = 0; i < CALLS_PER_ROUND; i++) {
                merge.next();
            }
            perRound[round] = meter.allocatedBytes() - before;
            fewest = Math.min(fewest, perRound[round]);
        }
        int stepsTaken = WARM_UP_CALLS + ROUNDS * CALLS_PER_ROUND;
        assertThat(merge.isValid() ? merge.key() : null)
                .as("after %d calls of next() the merge of four children over keys k0000000.. stands on the key of "
                        + "that number (each key once)", stepsTaken)
                .isEqualTo(keys[stepsTaken]);
        assertThat(merge.value())
                .as("key %s is in children 0, 1 and 3: the lowest index wins", keys[stepsTaken])
                .isEqualTo(Bytes.of(stepsTaken % 3 == 0 ? "child 0" : stepsTaken % 2 == 0 ? "child 1" : "child 2"));
        assertThat(fewest)
                .as("docs/day3-memtable.md, Task 3: next() must not allocate; move the wrappers you already have in "
                        + "and out of the heap, and compare keys with Bytes.compareTo. %d calls of next() over four "
                        + "children that allocate nothing allocated %s bytes in each of %d rounds (about %d bytes per "
                        + "call in the best round); allowed is the JVM's noise, %d bytes per round. A new HeapWrapper, "
                        + "a copy of the heap or a list per step shows up here",
                        CALLS_PER_ROUND, java.util.Arrays.toString(perRound), ROUNDS,
                        fewest / CALLS_PER_ROUND, ALLOWED_BYTES_PER_ROUND)
                .isLessThanOrEqualTo(ALLOWED_BYTES_PER_ROUND);
    }
}
