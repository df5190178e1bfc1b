package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.write.WriteFixtures.BareEngine;

/**
 * Task 3: each wait of the flush thread and of a stalled writer is ended by its signal. With the
 * default waits a forgotten signal costs only 50 ms (the wait runs out and the loop looks again),
 * which no test could tell from a slow machine. Here the thread is made with waits of an hour, so
 * only a signal ends a wait: a missing one leaves the writer stalled until the test gives up, on
 * every run.
 */
@Timeout(30)
@DisplayName("Day 6 · Task 3 — FlushThread: every wait is ended by its signal")
class FlushThreadSignalsTest {

    private static final String CHAPTER = "docs/day6-write-path.md, Task 3";
    private static final long HOUR_MILLIS = TimeUnit.HOURS.toMillis(1);

    @TempDir
    Path dir;

    @Test
    void a_stalled_writer_wakes_the_sleeping_thread_and_is_woken_when_room_is_made() throws Exception {
        LsmStorageOptions options = LsmStorageOptions.memtableOnly().withBlockSize(128).withMemtableLimits(1, 2);
        try (BareEngine engine = BareEngine.open(dir, options)) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            try (FlushThread thread = new FlushThread(engine.inner, engine.flusher, HOUR_MILLIS, HOUR_MILLIS)) {
                Thread flushing = Thread.getAllStackTraces().keySet().stream()
                        .filter(t -> !before.contains(t) && t.getName().equals("lsm-flush"))
                        .findFirst().orElse(null);
                if (flushing == null) {
                    fail("the flush thread (lsm-flush) ended right after it started: run() must loop until close() ("
                            + CHAPTER + ")");
                }
                WriteFixtures.awaitThread(thread, "the flush thread, with nothing to flush, sleeps in "
                                + "work.await(idleWaitMillis, MILLISECONDS) (" + CHAPTER + ")",
                        () -> engine.inner.state() + ", thread state " + flushing.getState(),
                        () -> flushing.getState() == Thread.State.TIMED_WAITING);

                assertWaitsWithoutWakingUp(flushing, "the flush thread, with nothing to do",
                        "sleep with work.await(idleWaitMillis, MILLISECONDS): the field, not IDLE_WAIT_MILLIS");

                // Three memtables frozen behind the sleeping thread's back: nobody calls wakeUp().
                for (int m = 0; m < 3; m++) {
                    engine.putAndFreeze(numberedEntries("m" + m + "-", 15, 20));
                }
                assertThat(engine.inner.state().numMemtables()).as("test setup: memtables in memory, over the "
                        + "stall limit of 2").isEqualTo(4);

                CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
                    try {
                        thread.awaitRoom();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                });
                try {
                    writer.get(WriteFixtures.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                } catch (TimeoutException stuck) {
                    int now = engine.inner.state().numMemtables();
                    if (now > options.stallMemtableLimit()) {
                        fail("a writer stalled in awaitRoom() with %d memtables in memory, while the flush thread "
                                + "slept in its idle wait (here an hour long), and after %d s nothing had been "
                                + "flushed. awaitRoom() must signal work (work.signal()) before it waits: the thread "
                                + "may be asleep, and the writer is what tells it there is work (%s). State: %s",
                                4, WriteFixtures.DEADLINE.toSeconds(), CHAPTER, engine.inner.state());
                    }
                    fail("the flush thread made room (%d memtables in memory now, the stall limit is %d), but the "
                            + "writer stalled in awaitRoom() was not woken within %d s: its wait (here an hour long) "
                            + "ends only when the thread signals flushed after each flush attempt "
                            + "(flushed.signalAll() under lock; %s)", now, options.stallMemtableLimit(),
                            WriteFixtures.DEADLINE.toSeconds(), CHAPTER);
                } catch (ExecutionException e) {
                    throw new AssertionError("awaitRoom() threw instead of waiting for room: " + e.getCause()
                            + " (" + CHAPTER + ")", e.getCause());
                }
                assertThat(engine.inner.state().numMemtables())
                        .as("memtables in memory when awaitRoom() returned: at most the stall limit")
                        .isLessThanOrEqualTo(options.stallMemtableLimit());
            }
        }
    }

    /**
     * Checks that {@code thread}, which waits now, stays in that one wait for a while: with waits of
     * an hour, a thread that wakes up by itself (waits of 50 ms, or a loop around a short wait) is
     * not using the waits it was given, and would hide a missing signal. A right solution never
     * fails this, however slow the machine; a wrong one is seen within the first of its 50 ms.
     */
    private static void assertWaitsWithoutWakingUp(Thread thread, String who, String rule) {
        long waits = ThreadProbe.waitedCount(thread);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() - end < 0) {
            long now = ThreadProbe.waitedCount(thread);
            if (now != waits) {
                fail("%s was given waits of an hour, yet it woke up and waited again by itself (%d waits within "
                        + "500 ms). Its waits must last as long as the FlushThread was told: %s (%s)", who,
                        now - waits, rule, CHAPTER);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }

    @Test
    void a_writer_stalled_behind_a_slow_flush_waits_for_the_flushs_signal() throws Exception {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        LsmStorageOptions options = LsmStorageOptions.memtableOnly().withBlockSize(128).withMemtableLimits(1, 2);
        java.util.concurrent.CountDownLatch flushWriting = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch letFlushGo = new java.util.concurrent.CountDownLatch(1);
        try (BareEngine engine = BareEngine.open(fs.wrap(dir), options)) {
            for (int m = 0; m < 3; m++) {
                engine.putAndFreeze(numberedEntries("m" + m + "-", 15, 20));
            }
            // The first flush stops at its first write until the test lets it go.
            fs.listen((op, path, target) -> {
                if (op == RecordingFileSystem.Op.WRITE && flushWriting.getCount() > 0) {
                    flushWriting.countDown();
                    try {
                        letFlushGo.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            // The latch opens before close() joins the thread (resources close before a finally runs).
            try (FlushThread thread = new FlushThread(engine.inner, engine.flusher, HOUR_MILLIS, HOUR_MILLIS);
                    AutoCloseable release = letFlushGo::countDown) {
                thread.wakeUp();
                assertThat(flushWriting.await(WriteFixtures.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                        .as("test setup: with 4 memtables in memory and numMemtableLimit 1 the thread starts a flush "
                                + "after wakeUp() (" + CHAPTER + ")")
                        .isTrue();
                Thread writerThread = new Thread(() -> {
                    try {
                        thread.awaitRoom();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }, "stalled-writer");
                writerThread.setDaemon(true);
                writerThread.start();
                WriteFixtures.awaitCondition("the writer stalls in awaitRoom() (4 memtables, the stall limit is 2)",
                        () -> "writer state " + writerThread.getState(),
                        () -> writerThread.getState() == Thread.State.TIMED_WAITING);
                assertWaitsWithoutWakingUp(writerThread, "a writer stalled in awaitRoom() while a flush runs",
                        "flushed.await(idleWaitMillis, MILLISECONDS): the field, not IDLE_WAIT_MILLIS, and woken "
                                + "by the flush's signal");
                letFlushGo.countDown();
                writerThread.join(WriteFixtures.DEADLINE.toMillis());
                assertThat(writerThread.isAlive())
                        .as("the writer stalled in awaitRoom() after the flushes made room (%d memtables now, the "
                                + "stall limit is 2): the thread must signal flushed after each flush attempt (%s)",
                                engine.inner.state().numMemtables(), CHAPTER)
                        .isFalse();
            } finally {
                letFlushGo.countDown();
                fs.listen((op, path, target) -> { });
            }
        }
    }
}
