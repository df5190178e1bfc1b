package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.write.WriteFixtures.DEADLINE;
import static org.lsmworkbook.write.WriteFixtures.awaitCondition;
import static org.lsmworkbook.write.WriteFixtures.awaitThread;
import static org.lsmworkbook.write.WriteFixtures.b;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;
import static org.lsmworkbook.write.WriteFixtures.valueFor;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.write.WriteFixtures.BareEngine;

/**
 * A flush can fail with an {@link Error} too (an {@link OutOfMemoryError} while a large table is
 * built, say). The flush thread must treat it like any failed flush: keep it in {@code lastError()},
 * wake the stalled writers, which then fail with it, and try again. A thread that lets it escape
 * dies, and every writer that waits for it would wait for ever.
 *
 * <p>The error is injected by the {@link RecordingFileSystem} when the flush creates its temporary
 * file: no real memory is exhausted, and latches say when the flush is inside the failing step.
 */
@Timeout(60)
@DisplayName("Day 6 · Task 3 — FlushThread: an Error in a flush hangs no writer")
class FlushErrorTest {

    @TempDir
    Path realDir;

    /** What the test throws in the flush: an {@link Error}, as an out-of-memory would be. */
    static final class InjectedError extends Error {
        private static final long serialVersionUID = 1L;

        InjectedError(String message) {
            super(message);
        }
    }

    /** Flushes past 2 memtables, writers wait past 3. */
    private static LsmStorageOptions options() {
        return LsmStorageOptions.memtableOnly().withBlockSize(256).withMemtableLimits(2, 3);
    }

    private static boolean isTempFile(Path path) {
        return SstFileNames.isTempFile(path.getFileName().toString());
    }

    private static String describe(BareEngine engine, FlushThread thread) {
        return engine.inner.state() + ", numMemtables=" + engine.inner.state().numMemtables() + ", lastError="
                + thread.lastError() + ", running=" + thread.isRunning();
    }

    @Test
    void a_writer_stalled_during_a_flush_that_throws_an_Error_fails_with_it_and_the_thread_retries()
            throws Exception {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        CountDownLatch firstFlushInside = new CountDownLatch(1);
        CountDownLatch throwNow = new CountDownLatch(1);
        AtomicInteger attempts = new AtomicInteger();
        AtomicReference<Boolean> injecting = new AtomicReference<>(true);
        fs.listen((op, path, target) -> {
            if (op == RecordingFileSystem.Op.OPEN && isTempFile(path) && injecting.get()) {
                if (attempts.incrementAndGet() == 1) {
                    firstFlushInside.countDown();
                    awaitLatch(throwNow);
                }
                throw new InjectedError("injected by the test: out of memory while writing " + path.getFileName());
            }
        });
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        try (BareEngine engine = BareEngine.open(fs.wrap(realDir), options())) {
            for (int m = 0; m < 3; m++) {
                TreeMap<Bytes, Bytes> data = numberedEntries("m" + m + "-", 10, 20);
                model.putAll(data);
                engine.putAndFreeze(data);
            }
            assertThat(engine.inner.state().numMemtables()).as("test setup: 1 current + 3 frozen").isEqualTo(4);
            try (FlushThread thread = new FlushThread(engine.inner, engine.flusher)) {
                awaitThread(thread, "the flush thread starts flushing: 4 memtables are more than numMemtableLimit (2)",
                        () -> describe(engine, thread) + ", death=" + thread.death(),
                        () -> firstFlushInside.getCount() == 0);

                AtomicReference<Throwable> writerOutcome = new AtomicReference<>();
                Thread writer = new Thread(() -> {
                    try {
                        thread.awaitRoom();
                        writerOutcome.set(new AssertionError("awaitRoom() returned, but 4 memtables are in memory "
                                + "(stallMemtableLimit is 3) and no flush has succeeded"));
                    } catch (Throwable e) {
                        writerOutcome.set(e);
                    }
                }, "test-stalled-writer");
                writer.start();
                awaitCondition("the writer waits in awaitRoom() while the flush is in progress",
                        () -> "writer state " + writer.getState() + ", " + describe(engine, thread),
                        () -> writer.getState() == Thread.State.WAITING
                                || writer.getState() == Thread.State.TIMED_WAITING
                                || !writer.isAlive());

                throwNow.countDown(); // the flush now fails with an Error
                writer.join(DEADLINE.toMillis());
                assertThat(writer.isAlive())
                        .as("a writer stalled in awaitRoom() must not wait for ever once the flush failed with an "
                                + "Error; %s (FlushThread.run must catch every Throwable from flushOldest and keep it in "
                                + "lastError: docs/day6-write-path.md, Task 3)", describe(engine, thread))
                        .isFalse();
                assertThat(writerOutcome.get())
                        .as("awaitRoom() throws an IOException whose cause is the flush's Error")
                        .isInstanceOf(IOException.class)
                        .hasCauseInstanceOf(InjectedError.class);
                assertThat(thread.lastError())
                        .as("lastError() holds the Error, like any failed flush's exception")
                        .isInstanceOf(InjectedError.class);

                awaitThread(thread, "the thread survives the Error and tries the flush again (like after an "
                                + "IOException: wait up to RETRY_WAIT_MILLIS, then retry)",
                        () -> "attempts " + attempts.get() + ", " + describe(engine, thread),
                        () -> attempts.get() >= 3);

                injecting.set(false);
                awaitThread(thread, "with the Error gone, the next retry succeeds, lastError() is null again and the "
                                + "thread flushes down to numMemtableLimit (2)",
                        () -> describe(engine, thread),
                        () -> thread.lastError() == null && engine.inner.state().numMemtables() <= 2);
                assertThat(thread.death()).as("the thread never died").isNull();
                for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                    assertThat(org.lsmworkbook.read.LsmReadPath.get(engine.inner.state(), e.getKey()))
                            .as("after the Error and the recovery, %s reads back", e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
        }
    }

    @Test
    @Tag("task=4")
    void writers_of_MiniLsm_fail_with_a_background_Error_and_close_still_saves_every_acknowledged_write()
            throws Exception {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        AtomicInteger injected = new AtomicInteger();
        // Only the background flush fails: close() flushes in the caller's thread, and succeeds.
        fs.listen((op, path, target) -> {
            if (op == RecordingFileSystem.Op.OPEN && isTempFile(path)
                    && Thread.currentThread().getName().equals("lsm-flush")) {
                injected.incrementAndGet();
                throw new InjectedError("injected by the test: out of memory while writing " + path.getFileName());
            }
        });
        Path dir = fs.wrap(realDir);
        LsmStorageOptions options = LsmStorageOptions.forTests(); // ~1 KiB memtables, flush past 2, stall past 4
        TreeMap<Bytes, Bytes> acknowledged = new TreeMap<>();
        MiniLsm lsm = MiniLsm.open(dir, options);
        try {
            AtomicReference<Throwable> outcome = new AtomicReference<>();
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < 5_000; i++) {
                        String key = String.format("k%05d", i);
                        lsm.put(b(key), valueFor(key, 60));
                        acknowledged.put(b(key), valueFor(key, 60));
                    }
                    outcome.set(new AssertionError("5000 puts of ~70 bytes went through with 1 KiB memtables "
                            + "and no successful flush: the write stall never stopped them"));
                } catch (Throwable e) {
                    outcome.set(e);
                }
            }, "test-writer");
            writer.start();
            writer.join(DEADLINE.toMillis());
            assertThat(writer.isAlive())
                    .as("the writer must be stopped by the stall's exception, not wait for ever; state %s, "
                            + "lastError %s", lsm.state(), lsm.flushThread().lastError())
                    .isFalse();
            assertThat(outcome.get())
                    .as("put() fails with awaitRoom()'s IOException, caused by the flush's Error")
                    .isInstanceOf(IOException.class)
                    .hasCauseInstanceOf(InjectedError.class);
            assertThat(injected.get()).as("the background flush was tried").isPositive();
            LsmStats stats = lsm.stats();
            assertThat(stats.flushError())
                    .as("stats().flushError() shows the Error, for the shell's dump")
                    .isInstanceOf(InjectedError.class);
            assertThat(stats.flushThreadRunning()).as("the flush thread is still alive, retrying").isTrue();
        } finally {
            lsm.close(); // the final flush runs in this thread, where nothing is injected
        }
        assertThat(lsm.isClosed()).as("close() succeeds after background Errors").isTrue();
        assertThat(acknowledged).as("test setup: some writes were acknowledged before the stall").isNotEmpty();
        try (MiniLsm reopened = MiniLsm.open(realDir, options)) {
            for (Map.Entry<Bytes, Bytes> e : acknowledged.entrySet()) {
                assertThat(reopened.get(e.getKey()))
                        .as("after close() and open(), the acknowledged write %s reads back", e.getKey())
                        .isEqualTo(e.getValue());
            }
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(DEADLINE.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test did not release the flush in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
