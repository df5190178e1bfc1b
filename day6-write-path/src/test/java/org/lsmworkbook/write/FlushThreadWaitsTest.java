package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.lsmworkbook.write.WriteFixtures.awaitThread;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;
import static org.lsmworkbook.write.WriteFixtures.placeObstacle;
import static org.lsmworkbook.write.WriteFixtures.removeObstacle;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.write.WriteFixtures.BareEngine;

/**
 * Task 3: the flush thread waits when there is nothing to do, and after a failed flush; it never
 * spins. The test watches the thread while nothing changes, and asks the JVM how many times the
 * thread began to wait and how much CPU it used meanwhile.
 *
 * <p>Why this cannot fail a right solution on a busy machine, nor pass a spinning one: the measure
 * is CPU per wait, not CPU per second. A thread that waits {@code IDLE_WAIT_MILLIS} (or {@code
 * RETRY_WAIT_MILLIS}) between looks spends microseconds per wake-up (a failed attempt: well under a
 * millisecond), and the allowance is a millisecond (five) per wait; a busier machine only makes it
 * wake less often. A spinning thread never waits, so its allowance stays fixed (10 or 20 ms), and the
 * watch goes on until it has used that much CPU, which takes it a fraction of a second on a quiet
 * machine and at most the 15-second limit with a thousandth of a core. A thread that "waits" a
 * millisecond at a time is caught by the number of waits for the time that passed.
 */
@Timeout(60)
@DisplayName("Day 6 · Task 3 — FlushThread: no busy loop, when idle and after a failed flush")
class FlushThreadWaitsTest {

    /** A thread that waited this many times has shown how it waits. */
    private static final int ENOUGH_WAITS = 20;
    private static final long WATCH_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(15);
    /** CPU a waiting idle thread may use: a wake-up costs microseconds; this allows a millisecond each. */
    private static final LongUnaryOperator IDLE = perWait(10, 1);
    /** CPU a thread whose flushes fail may use: an attempt (a small table, an exception) costs under 5 ms. */
    private static final LongUnaryOperator FAILING = perWait(20, 5);
    private static final String CHAPTER = "docs/day6-write-path.md, 'The flush thread and the trigger'";

    @TempDir
    Path dir;

    private static LsmStorageOptions options() {
        return LsmStorageOptions.memtableOnly().withBlockSize(256).withMemtableLimits(2, 4);
    }

    /** What the thread did while it was watched. */
    private record Watched(long wallNanos, long cpuNanos, long waits) {
        @Override
        public String toString() {
            return String.format("in %d ms it used %.1f ms of CPU and began to wait %d times",
                    TimeUnit.NANOSECONDS.toMillis(wallNanos), cpuNanos / 1e6, waits);
        }
    }

    /** The flush thread started since {@code before} was taken, or null if it is not running. */
    private static Thread threadOf(Set<Thread> before) {
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!before.contains(t) && t.getName().equals("lsm-flush")) {
                return t;
            }
        }
        return null;
    }

    /**
     * Watches {@code thread} until it has begun to wait {@link #ENOUGH_WAITS} times, or has used
     * more CPU than {@code allowance} grants for the waits so far, or {@link #WATCH_LIMIT_NANOS}
     * passed. A waiting thread ends the watch by its waits; a spinning one by its CPU time, however
     * small its share of a busy machine.
     */
    private static Watched watch(Thread thread, LongUnaryOperator allowance) {
        long wall = System.nanoTime();
        long cpu = ThreadProbe.cpuTimeNanos(thread);
        long waits = ThreadProbe.waitedCount(thread);
        while (true) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            if (!thread.isAlive()) {
                fail("the flush thread stopped while the test watched it: run() must loop until close(), and a failed "
                        + "flush must not end it (Day 6, Task 3)");
            }
            Watched now = new Watched(System.nanoTime() - wall, ThreadProbe.cpuTimeNanos(thread) - cpu,
                    ThreadProbe.waitedCount(thread) - waits);
            if (now.waits() >= ENOUGH_WAITS || now.cpuNanos() > allowance.applyAsLong(now.waits())
                    || now.wallNanos() > WATCH_LIMIT_NANOS) {
                return now;
            }
        }
    }

    /** {@code millis} of CPU per wait, plus {@code base} millis: what a thread that waits may use. */
    private static LongUnaryOperator perWait(long baseMillis, long millis) {
        return waits -> TimeUnit.MILLISECONDS.toNanos(baseMillis + millis * waits);
    }

    @Test
    void the_idle_thread_waits_instead_of_spinning() throws IOException {
        Assumptions.assumeTrue(ThreadProbe.canMeasureCpuTime(), "this JVM cannot measure a thread's CPU time");
        try (BareEngine engine = BareEngine.open(dir, options())) {
            Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
            try (FlushThread flushThread = new FlushThread(engine.inner, engine.flusher)) {
                Thread thread = threadOf(before);
                if (thread == null) {
                    fail("the flush thread (lsm-flush) ended right after it started: run() must loop until close() "
                            + "(Day 6, Task 3)");
                }
                Watched idle = watch(thread, IDLE);
                assertThat(idle.cpuNanos())
                        .as("the flush thread had nothing to do (1 memtable, limit 2), and %s: it spins. When "
                                + "needsFlush() is false it must wait with work.await(IDLE_WAIT_MILLIS, MILLISECONDS) "
                                + "under lock (%s; Task 3)", idle, CHAPTER)
                        .isLessThanOrEqualTo(IDLE.applyAsLong(idle.waits()));
                assertThat(idle.waits())
                        .as("the flush thread had nothing to do, and %s: it waits far shorter than IDLE_WAIT_MILLIS "
                                + "(%d ms) at a time. Wait the whole IDLE_WAIT_MILLIS, or until woken (%s; Task 3)",
                                idle, FlushThread.IDLE_WAIT_MILLIS, CHAPTER)
                        .isLessThanOrEqualTo(2 * idle.wallNanos() / TimeUnit.MILLISECONDS.toNanos(
                                FlushThread.IDLE_WAIT_MILLIS) + 10);
                assertThat(flushThread.isRunning()).as("the idle thread keeps running").isTrue();
            }
        }
    }

    @Test
    void after_a_failed_flush_the_thread_waits_before_it_retries() throws IOException {
        Assumptions.assumeTrue(ThreadProbe.canMeasureCpuTime(), "this JVM cannot measure a thread's CPU time");
        try (BareEngine engine = BareEngine.open(dir, options())) {
            long blocked = engine.putAndFreeze(numberedEntries("a", 10, 20));
            engine.putAndFreeze(numberedEntries("b", 10, 20));
            placeObstacle(dir, blocked);
            try {
                Set<Thread> before = new HashSet<>(Thread.getAllStackTraces().keySet());
                try (FlushThread flushThread = new FlushThread(engine.inner, engine.flusher)) {
                    Thread thread = threadOf(before);
                    if (thread == null) {
                        fail("the flush thread (lsm-flush) ended right after it started: run() must loop until "
                                + "close() (Day 6, Task 3)");
                    }
                    awaitThread(flushThread, "the flush of memtable " + blocked + " fails (a directory is in the way "
                                    + "of its temporary file) and lastError() holds the error",
                            () -> engine.inner.state() + ", lastError=" + flushThread.lastError(),
                            () -> flushThread.lastError() != null);
                    Watched failing = watch(thread, FAILING);
                    assertThat(failing.cpuNanos())
                            .as("every flush fails (the obstacle stays), and %s: the thread retries in a busy loop. "
                                    + "After a failed flush it must wait RETRY_WAIT_MILLIS (%d ms) before it tries "
                                    + "again (%s: 'When a flush fails, the thread keeps the exception in lastError(), "
                                    + "waits RETRY_WAIT_MILLIS'; Task 3)",
                                    failing, FlushThread.RETRY_WAIT_MILLIS, CHAPTER)
                            .isLessThanOrEqualTo(FAILING.applyAsLong(failing.waits()));
                    assertThat(failing.waits())
                            .as("every flush fails, and %s: it waits far shorter than RETRY_WAIT_MILLIS (%d ms) "
                                    + "between attempts (%s; Task 3)", failing, FlushThread.RETRY_WAIT_MILLIS, CHAPTER)
                            .isLessThanOrEqualTo(2 * failing.wallNanos() / TimeUnit.MILLISECONDS.toNanos(
                                    FlushThread.RETRY_WAIT_MILLIS) + 10);
                    assertThat(flushThread.isRunning()).as("a failed flush must not end the thread").isTrue();
                }
            } finally {
                removeObstacle(dir, blocked);
            }
        }
    }
}
