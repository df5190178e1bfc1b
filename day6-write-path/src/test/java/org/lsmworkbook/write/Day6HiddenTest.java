package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.lsmworkbook.write.WriteFixtures.awaitCondition;
import static org.lsmworkbook.write.WriteFixtures.awaitThread;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.drain;
import static org.lsmworkbook.write.WriteFixtures.entries;
import static org.lsmworkbook.write.WriteFixtures.fileNames;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;
import static org.lsmworkbook.write.WriteFixtures.sstFileNames;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.read.LsmReadPath;
import org.lsmworkbook.sst.FileObject;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableIterator;
import org.lsmworkbook.write.WriteFixtures.BareEngine;
import org.lsmworkbook.write.WriteFixtures.Entry;

/**
 * Hidden tests of day 6: corners the public tests leave open.
 *
 * <ul>
 *   <li>{@code the_idle_thread_finds_frozen_memtables_without_a_wake_up}: memtables are frozen while
 *       the thread is already asleep, and nobody calls {@code wakeUp()}; the public tests always wake
 *       it, or freeze before it starts, so a thread that waits without a time limit passes them.
 *   <li>{@code a_stalled_writer_is_released_by_an_interrupt_and_by_close}: a writer that is already
 *       waiting in {@code awaitRoom()} is interrupted (it must get an {@code InterruptedIOException}
 *       and keep its interrupt flag), and another is waiting when the thread is closed (it must get an
 *       {@code IllegalStateException}); the public tests only try a stall after the thread stopped.
 *   <li>{@code flushes_racing_with_freezes_writes_and_reads_lose_nothing}: one thread freezes and
 *       writes while another flushes and a third reads; the state a flush publishes must be made from
 *       the state of that moment, in one step, or frozen memtables and keys go missing.
 *   <li>{@code binary_keys_a_tombstone_only_sst_and_a_large_value_survive_reopens}: keys of 0x00 and
 *       0xFF bytes, a value much larger than a block, an SST that holds nothing but tombstones, and a
 *       close without writes that must not add an SST.
 * </ul>
 */
@Tag("hidden")
@Timeout(60)
@DisplayName("Day 6 · hidden — idle wake-ups, interrupted stalls, racing flushes, binary keys across reopens")
class Day6HiddenTest {

    @TempDir
    Path dir;

    /** Memtables that freeze only when a test asks, with the given flush and stall limits. */
    private static LsmStorageOptions options(int numMemtableLimit, int stallMemtableLimit) {
        return LsmStorageOptions.memtableOnly().withBlockSize(128)
                .withMemtableLimits(numMemtableLimit, stallMemtableLimit);
    }

    private static String describe(LsmStorageInner inner, FlushThread thread) {
        return inner.state() + ", numMemtables=" + inner.state().numMemtables() + ", lastError=" + thread.lastError()
                + ", running=" + thread.isRunning();
    }

    private static boolean waiting(Thread thread) {
        Thread.State state = thread.getState();
        return state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING;
    }

    // ---- Task 3: the idle thread looks again by itself ---------------------------------------------------

    @Test
    void the_idle_thread_finds_frozen_memtables_without_a_wake_up() throws IOException {
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        try (BareEngine engine = BareEngine.open(dir, options(1, 2))) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            try (FlushThread thread = new FlushThread(engine.inner, engine.flusher)) {
                Thread flushing = null;
                for (Thread t : Thread.getAllStackTraces().keySet()) {
                    if (!before.contains(t) && t.getName().equals("lsm-flush")) {
                        flushing = t;
                    }
                }
                if (flushing == null) {
                    fail("the flush thread (lsm-flush) ended right after it started: run() must loop until close() "
                            + "(Day 6, Task 3). State: " + describe(engine.inner, thread));
                }
                Thread idle = flushing;
                awaitThread(thread, "the flush thread, with nothing to flush, waits (work.await(IDLE_WAIT_MILLIS, "
                                + "MILLISECONDS), Day 6, Task 3) instead of spinning",
                        () -> describe(engine.inner, thread) + ", thread state=" + idle.getState(),
                        () -> waiting(idle));

                List<Long> frozen = new ArrayList<>();
                for (int m = 0; m < 3; m++) {
                    TreeMap<Bytes, Bytes> data = numberedEntries("quiet" + m + "-", 15, 20);
                    model.putAll(data);
                    frozen.add(engine.putAndFreeze(data)); // and no wakeUp()
                }
                awaitThread(thread, "three memtables were frozen while the thread slept, and nobody called wakeUp(). "
                                + "The thread must still find them, because it looks again after IDLE_WAIT_MILLIS "
                                + "(50 ms) by itself: wait with work.await(millis, MILLISECONDS), never without a "
                                + "time limit (Day 6, Task 3). With numMemtableLimit 1 it flushes every frozen one",
                        () -> describe(engine.inner, thread),
                        () -> engine.inner.state().numMemtables() == 1);
                assertThat(engine.inner.state().l0SstIds())
                        .as("the three frozen memtables became SSTs, newest first")
                        .containsExactly(frozen.get(2), frozen.get(1), frozen.get(0));
                for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                    assertThat(LsmReadPath.get(engine.inner.state(), e.getKey()))
                            .as("%s after the background flushes", e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
        }
    }

    // ---- Task 3: a writer that already waits -----------------------------------------------------------------

    /** Runs {@code thread.awaitRoom()} in a new thread and records how it ended. */
    private static final class StalledWriter {
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        final AtomicBoolean returned = new AtomicBoolean();
        final AtomicBoolean interruptFlag = new AtomicBoolean();
        final Thread thread;

        StalledWriter(FlushThread flushThread, String name) {
            thread = new Thread(() -> {
                try {
                    flushThread.awaitRoom();
                    returned.set(true);
                } catch (Throwable e) {
                    outcome.set(e);
                } finally {
                    interruptFlag.set(Thread.currentThread().isInterrupted());
                }
            }, name);
            thread.start();
        }

        String describe() {
            return "writer " + thread.getName() + ": state=" + thread.getState() + ", returned=" + returned.get()
                    + ", outcome=" + outcome.get();
        }
    }

    @Test
    @Tag("points=2")
    void a_stalled_writer_is_released_by_an_interrupt_and_by_close() throws Exception {
        try (BareEngine engine = BareEngine.open(dir.resolve("db"), options(1, 2));
                BareEngine elsewhere = BareEngine.open(dir.resolve("elsewhere"), options(1, 2))) {
            for (int m = 0; m < 3; m++) {
                engine.putAndFreeze(numberedEntries("m" + m + "-", 5, 10));
            }
            assertThat(engine.inner.state().numMemtables()).as("test setup: 1 current + 3 frozen").isEqualTo(4);
            // The thread's flusher belongs to another, empty engine: it finds nothing to flush, fails never,
            // and makes no room. To the writers this is a flush that takes for ever.
            FlushThread thread = new FlushThread(engine.inner, elsewhere.flusher);
            try {
                StalledWriter interrupted = new StalledWriter(thread, "hidden-writer-interrupted");
                awaitCondition("a writer calls awaitRoom() with 4 memtables in memory (stall limit 2) and no flush "
                                + "error: it must wait (flushed.await(...)) until there is room",
                        interrupted::describe,
                        () -> waiting(interrupted.thread) || !interrupted.thread.isAlive());
                assertThat(interrupted.returned.get())
                        .as("awaitRoom() returned although 4 memtables are in memory and the stall limit is 2: it "
                                + "must wait while mustStall() (Day 6, Task 3)")
                        .isFalse();
                assertThat(interrupted.outcome.get())
                        .as("awaitRoom() failed although the flush has no error and the thread runs: it must wait")
                        .isNull();

                interrupted.thread.interrupt();
                interrupted.thread.join(10_000);
                assertThat(interrupted.thread.isAlive())
                        .as("an interrupted writer must leave awaitRoom() at once, not go on waiting (%s)",
                                interrupted.describe())
                        .isFalse();
                assertThat(interrupted.outcome.get())
                        .as("a writer interrupted while it waits in awaitRoom() must get an InterruptedIOException "
                                + "(catch InterruptedException around flushed.await, Day 6, Task 3)")
                        .isInstanceOf(InterruptedIOException.class);
                assertThat(interrupted.interruptFlag.get())
                        .as("after the InterruptedIOException the writer's interrupt flag must be set again "
                                + "(Thread.currentThread().interrupt()), so that its caller still sees the interrupt")
                        .isTrue();

                StalledWriter stopped = new StalledWriter(thread, "hidden-writer-stopped");
                awaitCondition("a second writer waits in awaitRoom()",
                        stopped::describe,
                        () -> waiting(stopped.thread) || !stopped.thread.isAlive());
                assertThat(stopped.outcome.get()).as("the second writer must wait, not fail").isNull();
                assertThat(stopped.returned.get()).as("the second writer must wait, not return").isFalse();

                thread.close();
                stopped.thread.join(10_000);
                assertThat(stopped.thread.isAlive())
                        .as("the flush thread was closed while a writer waited in awaitRoom(): nobody will make room "
                                + "any more, so the writer must stop waiting (check stopping inside the wait loop, "
                                + "after every wake-up; close() signals 'flushed') (%s)", stopped.describe())
                        .isFalse();
                assertThat(stopped.outcome.get())
                        .as("a writer stalled when the thread stops must get an IllegalStateException")
                        .isInstanceOf(IllegalStateException.class);
                assertThat(engine.inner.state().immMemtables())
                        .as("nothing was flushed and nothing lost: the three frozen memtables are still in memory")
                        .hasSize(3);
            } finally {
                thread.close();
            }
        }
    }

    // ---- Task 1: flushes racing with freezes, writes and reads ---------------------------------------------------

    private static Bytes key(int i) {
        return b(String.format("w%05d", i));
    }

    private static Bytes value(int i) {
        return b("value-" + i + "-" + "x".repeat(i % 17));
    }

    /** Key i is deleted by the writer at operation i + 4 when i % 10 == 5. */
    private static boolean deletedAfter(int i, int acknowledged) {
        return i % 10 == 5 && acknowledged >= i + 5;
    }

    @Test
    void flushes_racing_with_freezes_writes_and_reads_lose_nothing() throws Exception {
        int operations = 3_000;
        try (BareEngine engine = BareEngine.open(dir, options(1000, 1001))) {
            AtomicInteger acknowledged = new AtomicInteger();
            AtomicBoolean writerDone = new AtomicBoolean();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            CountDownLatch start = new CountDownLatch(1);

            Thread writer = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < operations; i++) {
                        engine.inner.put(key(i), value(i));
                        if (i % 10 == 9) {
                            engine.inner.delete(key(i - 4));
                        }
                        acknowledged.set(i + 1);
                        if (i % 25 == 24) {
                            engine.inner.forceFreezeMemtable();
                        }
                    }
                } catch (Throwable e) {
                    problems.add("the writer failed: " + e);
                } finally {
                    writerDone.set(true);
                }
            }, "hidden-writer");
            Thread flusher = new Thread(() -> {
                try {
                    start.await();
                    while (!writerDone.get() || !engine.inner.state().immMemtables().isEmpty()) {
                        if (engine.flusher.flushOldest() == null) {
                            Thread.yield();
                        }
                    }
                } catch (Throwable e) {
                    problems.add("flushOldest() failed while another thread froze memtables: " + e
                            + ". Build the new state inside updateState from the state it is given (a freeze may have "
                            + "installed a newer one since the flush began), not from a state read earlier");
                }
            }, "hidden-flusher");
            Thread reader = new Thread(() -> {
                Random random = new Random(17);
                try {
                    start.await();
                    int sources = 0; // frozen memtables plus L0 SSTs: a freeze adds one, a flush moves one
                    for (int round = 0; round < 2_000_000 && !writerDone.get(); round++) {
                        // The count first, the snapshot second: every write acknowledged before the count was
                        // read is then in the snapshot. The other order expects keys the snapshot cannot hold
                        // when this thread is descheduled between the two lines.
                        int ack = acknowledged.get();
                        LsmStorageState state = engine.inner.state();
                        int now = state.immMemtables().size() + state.l0SstIds().size();
                        if (now < sources) {
                            problems.add("while flushes ran, a state with " + now + " frozen memtables and L0 SSTs "
                                    + "followed one with " + sources + " (now " + state + "): a flushed memtable "
                                    + "left immMemtables before its SST joined l0SstIds. Swap the memtable for its "
                                    + "SST in ONE updateState (Day 6, Task 1)");
                            return;
                        }
                        sources = now;
                        if (round % 16 != 0 || ack < 20) {
                            continue;
                        }
                        int i = random.nextInt(ack - 10);
                        Bytes got = LsmReadPath.get(state, key(i));
                        Bytes expected = deletedAfter(i, ack) ? null : value(i);
                        if (expected == null ? got != null : !expected.equals(got)) {
                            problems.add("while flushes ran, get(" + key(i) + ") returned " + got + " instead of "
                                    + expected + " in state " + state + ". A flush must swap the memtable for its SST "
                                    + "in ONE updateState: a state without either loses the key for a moment");
                            return;
                        }
                    }
                } catch (Throwable e) {
                    problems.add("the reader failed: " + e);
                }
            }, "hidden-reader");
            writer.start();
            flusher.start();
            reader.start();
            start.countDown();
            for (Thread t : List.of(writer, flusher, reader)) {
                t.join(40_000);
                assertThat(t.isAlive()).as("thread %s did not finish within 40 s (a deadlock?)", t.getName()).isFalse();
            }
            assertThat(problems).as("what the writer, the flusher and the reader saw").isEmpty();

            engine.inner.forceFreezeMemtable();
            while (engine.flusher.flushOldest() != null) {
                // flush what is left
            }
            LsmStorageState state = engine.inner.state();
            assertThat(state.immMemtables()).as("every frozen memtable was flushed").isEmpty();
            List<Long> l0 = state.l0SstIds();
            for (int i = 1; i < l0.size(); i++) {
                assertThat(l0.get(i))
                        .as("l0SstIds must be strictly newest first after flushes raced with freezes: %s", l0)
                        .isLessThan(l0.get(i - 1));
            }
            assertThat(l0).as("%d operations with a freeze every 25 make about 120 SSTs", operations)
                    .hasSizeGreaterThan(100);
            assertThat(sstFileNames(dir)).as("one file per L0 SST").hasSize(l0.size());
            assertThat(fileNames(dir)).as("no temporary file is left").noneMatch(SstFileNames::isTempFile);

            NavigableMap<Bytes, Bytes> model = new TreeMap<>();
            for (int i = 0; i < operations; i++) {
                if (!deletedAfter(i, operations)) {
                    model.put(key(i), value(i));
                }
            }
            for (int i = 0; i < operations; i++) {
                assertThat(LsmReadPath.get(state, key(i)))
                        .as("get(%s) after the race; %s", key(i), deletedAfter(i, operations) ? "it was deleted" : "")
                        .isEqualTo(model.get(key(i)));
            }
            assertThat(drain(LsmReadPath.scan(state, Bound.unbounded(), Bound.unbounded()), operations + 1))
                    .as("a full scan after the race")
                    .containsExactlyElementsOf(entries(model));
        }
    }

    // ---- Tasks 1, 2 and 4: binary keys across reopens ---------------------------------------------------------

    private static Bytes bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return Bytes.wrap(out);
    }

    private static boolean within(Bytes key, Bound lower, Bound upper) {
        boolean aboveLower = lower.isUnbounded()
                || (lower.isIncluded() ? key.compareTo(lower.key()) >= 0 : key.compareTo(lower.key()) > 0);
        boolean belowUpper = upper.isUnbounded()
                || (upper.isIncluded() ? key.compareTo(upper.key()) <= 0 : key.compareTo(upper.key()) < 0);
        return aboveLower && belowUpper;
    }

    @Test
    void binary_keys_a_tombstone_only_sst_and_a_large_value_survive_reopens() throws IOException {
        List<Bytes> keys = List.of(bytes(0x00), bytes(0x00, 0x00), bytes(0x01), bytes(0x7F), bytes(0x80),
                bytes(0x80, 0x00), bytes(0xFE), bytes(0xFF), bytes(0xFF, 0x00), bytes(0xFF, 0xFF),
                bytes(0xFF, 0xFF, 0xFF));
        byte[] large = new byte[5_000];
        new Random(5).nextBytes(large);
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        LsmStorageOptions options = options(1000, 1001);
        long tombstoneSst;
        try (MiniLsm lsm = MiniLsm.open(dir, options)) {
            for (int i = 0; i < keys.size(); i++) {
                Bytes value = i == 5 ? Bytes.wrap(large) : b("v" + i);
                lsm.put(keys.get(i), value);
                model.put(keys.get(i), value);
            }
            lsm.forceFlush();
            for (int i = 0; i < keys.size(); i += 2) {
                lsm.delete(keys.get(i));
                model.remove(keys.get(i));
            }
            tombstoneSst = lsm.state().memtable().id();
            lsm.forceFlush();
            assertThat(lsm.state().l0SstIds())
                    .as("two forceFlush() calls: the SST of the values, then the SST of the tombstones on top")
                    .hasSize(2)
                    .startsWith(tombstoneSst);
        }
        try (SsTable table = SsTable.open(tombstoneSst, null, FileObject.open(SstFileNames.sstPath(dir, tombstoneSst)))) {
            List<Entry> inFile = drain(SsTableIterator.createAndSeekToFirst(table), 100);
            assertThat(inFile)
                    .as("the memtable flushed second held only tombstones (six deletes); its SST must hold all six, "
                            + "with empty values: a tombstone is written like any entry (Day 6, Task 1)")
                    .hasSize(6)
                    .allMatch(e -> e.value().isEmpty());
        }
        List<String> filesAfterFirstClose = sstFileNames(dir);
        assertThat(filesAfterFirstClose).as("two SST files after the first close").hasSize(2);

        try (MiniLsm lsm = MiniLsm.open(dir, options)) {
            for (Bytes key : keys) {
                assertThat(lsm.get(key))
                        .as("after reopening: get(%s); the SST of tombstones is newer than the SST of values, and "
                                + "open must list it first (SstDirectory.openAll, Day 6, Task 2)", key)
                        .isEqualTo(model.get(key));
            }
            List<Bound> bounds = new ArrayList<>();
            bounds.add(Bound.unbounded());
            for (Bytes key : List.of(bytes(0x00), bytes(0x7F, 0xFF), bytes(0x80), bytes(0xFF), bytes(0xFF, 0x00),
                    bytes(0xFF, 0xFF, 0xFF, 0xFF))) {
                bounds.add(Bound.included(key));
                bounds.add(Bound.excluded(key));
            }
            for (Bound lower : bounds) {
                for (Bound upper : bounds) {
                    NavigableMap<Bytes, Bytes> expected = new TreeMap<>();
                    model.forEach((k, v) -> {
                        if (within(k, lower, upper)) {
                            expected.put(k, v);
                        }
                    });
                    assertThat(drain(lsm.scan(lower, upper), model.size() + 1))
                            .as("after reopening: scan(%s, %s) over binary keys, half of them deleted in the newer SST",
                                    lower, upper)
                            .containsExactlyElementsOf(entries(expected));
                }
            }
        }
        assertThat(sstFileNames(dir))
                .as("an open and a close without any write must not add an SST file: close() freezes only a "
                        + "memtable that holds something (Day 6, Task 4)")
                .isEqualTo(filesAfterFirstClose);

        try (MiniLsm lsm = MiniLsm.open(dir, options)) {
            LsmStorageState state = lsm.state();
            for (Long id : state.l0SstIds()) {
                assertThat(state.memtable().id())
                        .as("after reopening, the first memtable's id is above SST %d", id)
                        .isGreaterThan(id);
            }
            lsm.put(keys.get(0), b("back again"));
            model.put(keys.get(0), b("back again"));
        }
        try (MiniLsm lsm = MiniLsm.open(dir, options)) {
            assertThat(lsm.get(keys.get(0)))
                    .as("a key deleted in an older SST and put again after a reopen: the newest SST wins")
                    .isEqualTo(b("back again"));
            assertThat(lsm.get(keys.get(5)))
                    .as("the 5000-byte value (much larger than a 128-byte block) reads back whole")
                    .isEqualTo(Bytes.wrap(large));
            MemTable current = lsm.state().memtable();
            assertThat(current.isEmpty()).as("a fresh memtable after reopening").isTrue();
            assertThat(drain(lsm.scan(Bound.unbounded(), Bound.unbounded()), model.size() + 1))
                    .as("a full scan after the last reopen")
                    .containsExactlyElementsOf(entries(model));
        }
    }
}
