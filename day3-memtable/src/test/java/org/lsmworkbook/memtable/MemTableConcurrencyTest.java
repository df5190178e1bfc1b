package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * Several threads putting and scanning one memtable at once. The work is fixed (no "run for a
 * while"), all threads start together on a latch, and every wait has a deadline.
 */
@Timeout(30)
@DisplayName("Day 3 · Tasks 1 and 2 — concurrent puts and scans")
class MemTableConcurrencyTest {

    private static final int THREADS = 8;
    private static final int PUTS_PER_THREAD = 5_000;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(THREADS + 2);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static Bytes key(int thread, int i) {
        return Bytes.of(String.format("t%02d-k%05d", thread, i));
    }

    private static Bytes value(int thread, int i) {
        return Bytes.of("value of thread " + thread + " #" + i);
    }

    /** Runs the tasks together, released by one latch, and waits for all of them (with a deadline). */
    private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) {
            results.add(f.get(20, TimeUnit.SECONDS)); // an exception in a thread surfaces here
        }
        return results;
    }

    @Test
    void concurrent_puts_of_disjoint_keys_are_all_kept_and_all_counted() throws Exception {
        MemTable table = MemTable.create(1);
        List<Callable<Long>> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            writers.add(() -> {
                long bytes = 0;
                for (int i = 0; i < PUTS_PER_THREAD; i++) {
                    Bytes key = key(thread, i);
                    Bytes value = value(thread, i);
                    table.put(key, value);
                    bytes += key.length() + value.length();
                }
                return bytes;
            });
        }
        long expectedSize = runTogether(writers).stream().mapToLong(Long::longValue).sum();

        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < PUTS_PER_THREAD; i++) {
                assertThat(table.get(key(t, i)))
                        .as("after %d threads put disjoint keys at once, get(%s) must find its value: "
                                + "is the map shared and thread-safe (ConcurrentSkipListMap)?", THREADS, key(t, i))
                        .isEqualTo(value(t, i));
            }
        }
        assertThat(table.approximateSize())
                .as("approximateSize() after concurrent puts must be the exact sum of their key and value lengths; "
                        + "a plain long += loses updates between threads (use a LongAdder or an AtomicLong)")
                .isEqualTo(expectedSize);
        int count = 0;
        MemTableIterator it = table.scan(Bound.unbounded(), Bound.unbounded());
        for (; it.isValid(); it.next()) {
            count++;
        }
        assertThat(count).as("entries in a full scan after the concurrent puts").isEqualTo(THREADS * PUTS_PER_THREAD);
    }

    @Test
    void scans_during_puts_stay_sorted_without_duplicates_and_see_what_was_there_before() throws Exception {
        MemTable table = MemTable.create(1);
        // Thread 0's keys are there before anything starts: every scan must see all of them.
        for (int i = 0; i < PUTS_PER_THREAD; i++) {
            table.put(key(0, i), value(0, i));
        }
        List<Callable<String>> tasks = new ArrayList<>();
        for (int t = 1; t <= 4; t++) {
            int thread = t;
            tasks.add(() -> {
                for (int i = 0; i < PUTS_PER_THREAD; i++) {
                    table.put(key(thread, i), value(thread, i));
                    // Overwrite the keys that existed before, with the same value, so that scans meet overwrites too.
                    table.put(key(0, i), value(0, i));
                }
                return "ok";
            });
        }
        for (int r = 0; r < 4; r++) {
            tasks.add(() -> {
                for (int round = 0; round < 10; round++) {
                    String problem = checkOneScan(table);
                    if (problem != null) {
                        return "scan " + round + ": " + problem;
                    }
                }
                return "ok";
            });
        }
        assertThat(runTogether(tasks))
                .as("each scan that runs while other threads put must yield strictly ascending keys (no duplicates), "
                        + "the right value for each key, and every key that was there before it began "
                        + "(MemTableIterator is weakly consistent)")
                .containsOnly("ok");
    }

    /** One full scan; null if it was fine, else what went wrong. */
    private static String checkOneScan(MemTable table) {
        MemTableIterator it = table.scan(Bound.unbounded(), Bound.unbounded());
        Bytes previous = null;
        int seenOfThread0 = 0;
        for (int guard = 0; it.isValid(); guard++) {
            if (guard > (5 + 1) * PUTS_PER_THREAD) {
                return "more entries than were ever put";
            }
            Bytes key = it.key();
            if (previous != null && previous.compareTo(key) >= 0) {
                return key + " came after " + previous;
            }
            String text = key.toUtf8String();
            int thread = Integer.parseInt(text.substring(1, 3));
            int i = Integer.parseInt(text.substring(5));
            if (!it.value().equals(value(thread, i))) {
                return "the value of " + key + " was " + it.value();
            }
            if (thread == 0) {
                seenOfThread0++;
            }
            previous = key;
            it.next();
        }
        return seenOfThread0 == PUTS_PER_THREAD ? null
                : "saw " + seenOfThread0 + " of the " + PUTS_PER_THREAD + " keys that were there before the scan began";
    }
}
