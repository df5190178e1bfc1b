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
}
