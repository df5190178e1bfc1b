package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.engine.TestSupport.b;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;

/**
 * Writers, readers and freezes at the same time. The work is counted, not timed: writers put a
 * fixed number of keys, the other threads stop when the writers are done (or after a fixed number
 * of rounds), all threads start together on a latch, and every wait has a deadline.
 */
@Timeout(60)
@DisplayName("Day 4 · Tasks 2 to 4 — concurrent writes, reads, scans and freezes")
class EngineConcurrencyTest {

    private static final int WRITERS = 4;
    private static final int PUTS_PER_WRITER = 2_500;
    private static final int PREWRITTEN = 200;

    @TempDir
    Path dir;

    private ExecutorService pool;

    @BeforeEach
    void startPool() {
        pool = Executors.newFixedThreadPool(WRITERS + 4);
    }

    @AfterEach
    void stopPool() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    private static Bytes key(int writer, int i) {
        return b(String.format("w%d-%05d", writer, i));
    }

    private static Bytes value(int writer, int i) {
        return b("value-" + writer + "-" + i);
    }

    private static Bytes preKey(int i) {
        return b(String.format("pre-%04d", i));
    }

    private static Bytes preValue(int i) {
        return b("before-" + i);
    }

    /** Runs the tasks together, released by one latch, and returns their results (with a deadline). */
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
            results.add(f.get(45, TimeUnit.SECONDS)); // an exception in a thread surfaces here
        }
        return results;
    }

    @Test
    void writers_readers_and_freezes_at_once_lose_no_write() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        long expectedBytes = 0;
        for (int i = 0; i < PREWRITTEN; i++) {
            engine.put(preKey(i), preValue(i));
            expectedBytes += preKey(i).length() + preValue(i).length();
        }
        AtomicInteger writersLeft = new AtomicInteger(WRITERS);
        AtomicInteger putsDone = new AtomicInteger();
        AtomicBoolean writersDone = new AtomicBoolean();
        // Sizes of frozen memtables, by id, as first seen by the freezing thread.
        Map<Long, Long> sizeWhenSeenFrozen = new HashMap<>();

        List<Callable<String>> tasks = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            tasks.add(() -> {
                try {
                    for (int i = 0; i < PUTS_PER_WRITER; i++) {
                        engine.put(key(writer, i), value(writer, i));
                        putsDone.incrementAndGet();
                        Bytes got = engine.get(key(writer, i));
                        if (!value(writer, i).equals(got)) {
                            return "get(" + key(writer, i) + ") right after its put returned " + got + ", not "
                                    + value(writer, i) + ": a thread must read its own write, also while a freeze "
                                    + "moves the memtable";
                        }
                    }
                } finally {
                    if (writersLeft.decrementAndGet() == 0) {
                        writersDone.set(true);
                    }
                }
                return "ok";
            });
        }
        tasks.add(() -> { // freezes after every 25 puts or so, until the writers are done
            int lastFreezeAt = 0;
            while (!writersDone.get()) {
                int now = putsDone.get();
                if (now - lastFreezeAt < 25) {
                    Thread.onSpinWait();
                    continue;
                }
                lastFreezeAt = now;
                engine.forceFreezeMemtable();
                for (MemTable imm : engine.state().immMemtables()) {
                    sizeWhenSeenFrozen.putIfAbsent(imm.id(), imm.approximateSize());
                }
            }
            return "ok";
        });
        for (int r = 0; r < 2; r++) {
            int reader = r;
            tasks.add(() -> { // the keys put before the start must be found at every moment
                for (int round = 0; round < 20_000 && !writersDone.get(); round++) {
                    int i = (round * 7 + reader) % PREWRITTEN;
                    Bytes got = engine.get(preKey(i));
                    if (!preValue(i).equals(got)) {
                        return "round " + round + ": get(" + preKey(i) + ") returned " + got + " while other threads "
                                + "put and froze; expected " + preValue(i);
                    }
                    if (round % 500 == 0) {
                        String problem = checkScanDuringWrites(engine);
                        if (problem != null) {
                            return "round " + round + ": " + problem;
                        }
                    }
                }
                return "ok";
            });
        }
        assertThat(runTogether(tasks))
                .as("every thread's verdict: reads during writes and freezes must always find the keys put before they "
                        + "began. A get that misses a key looks at a state in which a memtable is neither current nor "
                        + "frozen: install each new snapshot in one step")
                .containsOnly("ok");

        for (int w = 0; w < WRITERS; w++) {
            for (int i = 0; i < PUTS_PER_WRITER; i++) {
                expectedBytes += key(w, i).length() + value(w, i).length();
                assertThat(engine.get(key(w, i)))
                        .as("get(%s) after %d writers and a freezing thread finished: every put that returned must be "
                                + "readable", key(w, i), WRITERS)
                        .isEqualTo(value(w, i));
            }
        }
        LsmStorageState state = engine.state();
        long totalSize = state.memtable().approximateSize();
        for (MemTable imm : state.immMemtables()) {
            totalSize += imm.approximateSize();
            assertThat(imm.isEmpty()).as("frozen memtable %d is empty: a freeze must never freeze an empty memtable, and "
                    + "of several writers that find one memtable full only the first may freeze it", imm.id()).isFalse();
            Long seen = sizeWhenSeenFrozen.get(imm.id());
            if (seen != null) {
                assertThat(imm.approximateSize())
                        .as("memtable %d grew after it was frozen (from %d to %d bytes): a write landed in a frozen "
                                + "memtable. Writers must put under the memtable lock's read side and a freeze must swap "
                                + "the memtable under its write side (chapter: the write-versus-freeze race)",
                                imm.id(), seen, imm.approximateSize())
                        .isEqualTo(seen);
            }
        }
        assertThat(totalSize)
                .as("the sum of approximateSize() over all memtables must be the bytes of all %d puts: each put lands in "
                        + "exactly one memtable", PREWRITTEN + WRITERS * PUTS_PER_WRITER)
                .isEqualTo(expectedBytes);
        assertThat(state.immMemtables().size()).as("the writers and the freezing thread must have frozen many memtables")
                .isGreaterThan(10);
        FreezeTest.assertIdsNewestFirst(state, "after the concurrent run");

        List<Bytes> scanned = new ArrayList<>();
        FusedIterator<LsmIterator> it = engine.scan(Bound.unbounded(), Bound.unbounded());
        for (int guard = 0; it.isValid() && guard <= PREWRITTEN + WRITERS * PUTS_PER_WRITER; guard++) {
            if (!scanned.isEmpty()) {
                assertThat(it.key()).as("a full scan after the run must be strictly ascending (no duplicates)")
                        .isGreaterThan(scanned.get(scanned.size() - 1));
            }
            scanned.add(it.key());
            it.next();
        }
        assertThat(scanned).as("a full scan after the run must yield each of the %d keys once",
                PREWRITTEN + WRITERS * PUTS_PER_WRITER).hasSize(PREWRITTEN + WRITERS * PUTS_PER_WRITER);
    }

    /** One full scan while others write; null if it was fine, else what went wrong. */
    private static String checkScanDuringWrites(LsmStorageInner engine) throws IOException {
        FusedIterator<LsmIterator> it = engine.scan(Bound.unbounded(), Bound.unbounded());
        Bytes previous = null;
        int prewrittenSeen = 0;
        for (int guard = 0; it.isValid(); guard++) {
            if (guard > PREWRITTEN + WRITERS * PUTS_PER_WRITER) {
                return "a scan yielded more entries than were ever put";
            }
            Bytes key = it.key();
            if (previous != null && previous.compareTo(key) >= 0) {
                return "a scan during writes yielded " + key + " after " + previous;
            }
            if (key.toUtf8String().startsWith("pre-")) {
                prewrittenSeen++;
            }
            previous = key;
            it.next();
        }
        return prewrittenSeen == PREWRITTEN ? null
                : "a scan during writes saw " + prewrittenSeen + " of the " + PREWRITTEN + " keys put before it began";
    }

    @Test
    @Tag("task=3")
    void writers_that_fill_a_memtable_together_freeze_it_once() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.forTests());
        int writers = 8;
        List<Callable<String>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            tasks.add(() -> {
                for (int i = 0; i < 1_000; i++) {
                    engine.put(key(writer, i), value(writer, i));
                }
                return "ok";
            });
        }
        runTogether(tasks);
        long target = engine.options().targetSstSize();
        LsmStorageState state = engine.state();
        assertThat(state.immMemtables())
                .as("8 writers x 1,000 puts fill several memtables of the target size %d: put must freeze a full "
                        + "memtable (docs/day4-engine.md, Task 3)", target)
                .isNotEmpty();
        for (MemTable imm : state.immMemtables()) {
            assertThat(imm.approximateSize())
                    .as("memtable %d was frozen with %d bytes, below the target %d. With only automatic freezes, every "
                            + "frozen memtable reached the target. Several writers can find the same memtable full; "
                            + "freeze it only if it is still the current memtable (check under the state lock)",
                            imm.id(), imm.approximateSize(), target)
                    .isGreaterThanOrEqualTo(target);
        }
        FreezeTest.assertIdsNewestFirst(state, "after 8 writers filled memtables together");
        for (int w = 0; w < writers; w++) {
            for (int i = 0; i < 1_000; i += 37) {
                assertThat(engine.get(key(w, i))).as("get(%s) after the run", key(w, i)).isEqualTo(value(w, i));
            }
        }
    }
}
