package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.entries;
import static org.lsmworkbook.write.WriteFixtures.scanAll;
import static org.lsmworkbook.write.WriteFixtures.valueFor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * Four writers, two readers and the flush thread on one engine. Each writer puts its own keys
 * ({@code w2-00017}), in order, with values derived from the keys, and records how many were
 * acknowledged. The readers scan and get all the time: every scan must be strictly sorted, every
 * value must be its key's, a scan must hold every write acknowledged before it began, and a get of
 * an acknowledged key must find it. The work is bounded by operation counts, not by time; the
 * class's {@code @Timeout} catches a deadlock.
 */
@Timeout(120)
@DisplayName("Day 6 · Tasks 1 to 4 — 4 writers, 2 readers and the flush thread at once")
class ConcurrencyStressTest {

    private static final int WRITERS = 4;
    private static final int READERS = 2;
    private static final int PUTS_PER_WRITER = 1_500;
    /** At most this many rounds per reader; a reader also stops when every writer is done. */
    private static final int MAX_READER_ROUNDS = 400;
    private static final int VALUE_LENGTH = 50;

    @TempDir
    Path dir;

    /** 4 KiB memtables: about a hundred flushes during the run, and writers that hit the stall. */
    private static LsmStorageOptions options() {
        return LsmStorageOptions.forTests().withTargetSstSize(4 << 10);
    }

    private static String key(int writer, int i) {
        return String.format("w%d-%05d", writer, i);
    }

    @Test
    void concurrent_writes_reads_and_flushes_lose_nothing_and_show_nothing_wrong() throws Exception {
        AtomicIntegerArray acknowledged = new AtomicIntegerArray(WRITERS); // writer w: keys 0..n-1 are acknowledged
        AtomicInteger writersDone = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        AtomicInteger scans = new AtomicInteger();
        AtomicInteger gets = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);

        try (MiniLsm lsm = MiniLsm.open(dir, options())) {
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        for (int i = 0; i < PUTS_PER_WRITER; i++) {
                            String key = key(writer, i);
                            lsm.put(b(key), valueFor(key, VALUE_LENGTH));
                            acknowledged.set(writer, i + 1);
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    } finally {
                        writersDone.incrementAndGet();
                    }
                }, "test-writer-" + w));
            }
            for (int r = 0; r < READERS; r++) {
                Random random = new Random(1_000 + r);
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        // Round 0 always runs: a reader that starts late, after the writers, still reads.
                        for (int round = 0; round < MAX_READER_ROUNDS && (round == 0 || writersDone.get() < WRITERS);
                                round++) {
                            for (int g = 0; g < 20; g++) {
                                int writer = random.nextInt(WRITERS);
                                int acked = acknowledged.get(writer);
                                if (acked == 0) {
                                    continue;
                                }
                                String key = key(writer, random.nextInt(acked));
                                Bytes value = lsm.get(b(key));
                                gets.incrementAndGet();
                                if (!valueFor(key, VALUE_LENGTH).equals(value)) {
                                    throw new AssertionError("get(" + key + ") of an acknowledged write returned "
                                            + value + " (state " + lsm.state() + ")");
                                }
                            }
                            if (round % 4 == 0) {
                                checkScan(lsm, acknowledged);
                                scans.incrementAndGet();
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "test-reader-" + r));
            }
            for (Thread thread : threads) {
                thread.start();
            }
            start.countDown();
            for (Thread thread : threads) {
                thread.join(100_000);
            }

            assertThat(errors)
                    .as("no thread may fail: writers must never get an exception (the flush works), readers must "
                            + "never see a missing, wrong, unsorted or repeated entry. The first failure: %s",
                            errors.isEmpty() ? "-" : errors.peek())
                    .isEmpty();
            for (int w = 0; w < WRITERS; w++) {
                assertThat(acknowledged.get(w)).as("writer %d finished all its puts", w).isEqualTo(PUTS_PER_WRITER);
            }
            assertThat(gets.get() + scans.get()).as("the readers did read while the writers wrote").isPositive();
            checkEveryWrite(lsm, "after all threads finished");
            checkScan(lsm, acknowledged);
        }
        try (MiniLsm lsm = MiniLsm.open(dir, options())) {
            checkEveryWrite(lsm, "after close() and open()");
        }
    }

    /** Every write of every writer reads back with get, and a full scan is exactly the writes. */
    private static void checkEveryWrite(MiniLsm lsm, String when) throws IOException {
        TreeMap<Bytes, Bytes> expected = new TreeMap<>();
        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < PUTS_PER_WRITER; i++) {
                String key = key(w, i);
                Bytes value = valueFor(key, VALUE_LENGTH);
                expected.put(b(key), value);
                assertThat(lsm.get(b(key))).as("%s: get(%s) of an acknowledged write", when, key).isEqualTo(value);
            }
        }
        assertThat(scanAll(lsm, expected.size() + 1))
                .as("%s: a full scan lists every acknowledged write once, in order", when)
                .containsExactlyElementsOf(entries(expected));
    }

    /**
     * One full scan, checked as it goes: strictly increasing keys (so no key twice), each value its
     * key's, and every write acknowledged before the scan began is in it.
     */
    private static void checkScan(MiniLsm lsm, AtomicIntegerArray acknowledged) throws IOException {
        int[] before = new int[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            before[w] = acknowledged.get(w);
        }
        BitSet[] seen = new BitSet[WRITERS];
        for (int w = 0; w < WRITERS; w++) {
            seen[w] = new BitSet(PUTS_PER_WRITER);
        }
        FusedIterator<LsmIterator> it = lsm.scan(Bound.unbounded(), Bound.unbounded());
        Bytes previous = null;
        int count = 0;
        while (it.isValid()) {
            Bytes key = it.key();
            if (previous != null && previous.compareTo(key) >= 0) {
                throw new AssertionError("a scan is not strictly sorted: " + key + " came after " + previous
                        + " (a key twice means the merge did not skip an older copy)");
            }
            String text = key.toUtf8String();
            if (!valueFor(text, VALUE_LENGTH).equals(it.value())) {
                throw new AssertionError("a scan returned " + key + " = " + it.value() + ", which is not its value");
            }
            int writer = text.charAt(1) - '0';
            seen[writer].set(Integer.parseInt(text.substring(3)));
            previous = key;
            if (++count > WRITERS * PUTS_PER_WRITER) {
                throw new AssertionError("a scan returned more entries than were ever written");
            }
            it.next();
        }
        for (int w = 0; w < WRITERS; w++) {
            int missing = seen[w].nextClearBit(0);
            if (missing < before[w]) {
                throw new AssertionError("a scan that began after " + key(w, before[w] - 1) + " was acknowledged "
                        + "does not hold " + key(w, missing) + ": a write acknowledged before the scan must be in its "
                        + "snapshot (in a memtable or an SST, never in neither, even during a flush)");
            }
        }
    }
}
