package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.write.RecordingFileSystem.Op;

/**
 * Task 4: {@code MiniLsm.get} and {@code MiniLsm.scan} take no lock. A reader is paused inside its
 * first file read (the {@link RecordingFileSystem} holds the read back), and the JVM is asked what
 * the reader holds at that moment: no monitor entered in the engine's code ({@code synchronized}
 * methods and blocks, at any depth), and no exclusive lock. The pause is a latch, not a sleep, so the
 * answer is the same on every run.
 */
@Timeout(30)
@DisplayName("Day 6 · Task 4 — MiniLsm: reads take no lock, even while they read a file")
class ReadsTakeNoLockTest {

    private static final String WHERE = "get and scan read one snapshot, inner.state(), with day 5's read path, and "
            + "take no lock (docs/day6-write-path.md, Task 4, and 'MiniLsm: days 4 to 6 put together': \"one "
            + "snapshot, no lock\"); a lock there makes every read wait for the others, and for writers, while it "
            + "reads files";

    @TempDir
    Path realDir;

    /** A read running in its own thread, paused at its first file read until the test lets it go. */
    private static final class PausedRead {
        final CountDownLatch reading = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicBoolean paused = new AtomicBoolean();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread;

        PausedRead(RecordingFileSystem fs, String name, ReadCall read) {
            thread = new Thread(() -> {
                try {
                    read.run();
                } catch (Throwable e) {
                    failure.set(e);
                }
            }, name);
            fs.listen((op, path, target) -> {
                if (op == Op.READ && Thread.currentThread() == thread && paused.compareAndSet(false, true)) {
                    reading.countDown();
                    try {
                        release.await(20, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            thread.start();
        }

        /** Waits until the read is paused inside a file read; fails if it ended without reading a file. */
        void awaitPaused(String call) throws InterruptedException {
            while (!reading.await(10, TimeUnit.MILLISECONDS)) {
                if (!thread.isAlive()) {
                    fail("test setup: " + call + " ended without reading an SST file (failure: " + failure.get()
                            + "); with the block cache off and the data flushed it must read one");
                }
            }
        }

        void finish() throws InterruptedException {
            release.countDown();
            thread.join(20_000);
        }
    }

    @FunctionalInterface
    private interface ReadCall {
        void run() throws IOException;
    }

    /** An engine on the recording file system whose data is all in one SST, with no block cache. */
    private static MiniLsm flushedEngine(Path dir, Map<Bytes, Bytes> data) throws IOException {
        MiniLsm lsm = MiniLsm.open(dir, LsmStorageOptions.memtableOnly().withBlockSize(128).withBlockCacheSize(0));
        for (Map.Entry<Bytes, Bytes> e : data.entrySet()) {
            lsm.put(e.getKey(), e.getValue());
        }
        lsm.forceFlush();
        return lsm;
    }

    /** What {@code reader} holds that the read path must not: engine monitors, and exclusive locks. */
    private static List<String> heldBy(Thread reader) {
        List<String> held = ThreadProbe.monitors(reader).stream()
                .filter(m -> m.lockedIn() != null && m.lockedIn().getClassName().startsWith("org.lsmworkbook."))
                .map(m -> "the monitor of a " + m.className() + " (synchronized), entered in " + m.lockedIn())
                .collect(Collectors.toList());
        ThreadProbe.synchronizers(reader).forEach(s -> held.add("a lock, " + s.className()));
        return held;
    }

    @Test
    void get_holds_no_monitor_and_no_lock_while_it_reads_a_file() throws Exception {
        AtomicReference<MiniLsm> engine = new AtomicReference<>();
        checkPausedReadOn(engine, "MiniLsm.get", () -> engine.get().get(Bytes.of("key150")));
    }

    @Test
    void scan_holds_no_monitor_and_no_lock_while_it_reads_a_file() throws Exception {
        AtomicReference<MiniLsm> engine = new AtomicReference<>();
        checkPausedReadOn(engine, "MiniLsm.scan", () -> engine.get().scan(Bound.unbounded(), Bound.unbounded()));
    }

    /** Pauses {@code read} inside its first file read and checks what it holds then; {@code engine} gets the engine. */
    private void checkPausedReadOn(AtomicReference<MiniLsm> engine, String call, ReadCall read) throws Exception {
        TreeMap<Bytes, Bytes> data = numberedEntries("key", 200, 20);
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        try (MiniLsm lsm = flushedEngine(fs.wrap(realDir), data)) {
            engine.set(lsm);
            PausedRead paused = new PausedRead(fs, "test-reader", read);
            List<String> held;
            try {
                paused.awaitPaused(call);
                held = heldBy(paused.thread);
            } finally {
                paused.finish();
                fs.listen((op, path, target) -> { });
            }
            assertThat(held)
                    .as("what %s held while it read an SST file: nothing may be held. %s", call, WHERE)
                    .isEmpty();
            assertThat(paused.failure.get()).as("%s, let go, completes without an error", call).isNull();
        }
    }
}
