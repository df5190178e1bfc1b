package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.write.WriteFixtures.b;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

/** The engine with its write-ahead log on: what is logged, synced, deleted and replayed. */
@Tag("bonus")
@Timeout(60)
@DisplayName("Day 6 · Task 5 (bonus) — the engine with a write-ahead log: sync, delete after flush, replay")
class WriteAheadLogEngineTest {

    private static final String CHAPTER = " (docs/day6-write-path.md, 'Task 5 (bonus) — a write-ahead log')";

    /** Small memtables, and a flush thread that never flushes by itself: every flush is the test's. */
    private static final LsmStorageOptions OPTIONS =
            LsmStorageOptions.forTests().withMemtableLimits(1000, 1001).withWriteAheadLog(true);

    @TempDir
    Path work;

    @Test
    void a_write_goes_to_the_log_of_its_memtable_and_sync_forces_it_without_flushing() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path dir = fs.wrap(work.resolve("db"));
        List<String> forced = Collections.synchronizedList(new ArrayList<>());
        try (MiniLsm lsm = MiniLsm.open(dir, OPTIONS)) {
            long id = lsm.state().memtable().id();
            lsm.put(b("k"), b("v"));
            Path log = SstFileNames.walPath(work.resolve("db"), id);
            assertThat(Files.exists(log)).as("after put, memtable %d's log %s exists%s", id, log.getFileName(),
                    CHAPTER).isTrue();
            fs.listen((op, path, target) -> {
                if (op == RecordingFileSystem.Op.FORCE || op == RecordingFileSystem.Op.MOVE) {
                    forced.add(op + " " + path.getFileName());
                }
            });
            lsm.sync();
            fs.listen((op, path, target) -> { });
            assertThat(forced).as("sync() with the log on forces the current memtable's log, and flushes nothing "
                    + "(no SST is written, renamed or forced)" + CHAPTER)
                    .containsExactly("FORCE " + log.getFileName());
            assertThat(lsm.state().l0SstIds()).as("sync() made no SST" + CHAPTER).isEmpty();
            assertThat(Files.size(log)).as("after sync(), the record is in the log's file, not only in its buffer"
                    + CHAPTER).isEqualTo(WriteAheadLog.encode(b("k"), b("v")).length);
        }
    }

    @Test
    void a_log_is_deleted_only_after_its_sst_is_durable_and_published() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path realDir = work.resolve("db");
        Path dir = fs.wrap(realDir);
        AtomicReference<MiniLsm> engine = new AtomicReference<>();
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        try (MiniLsm lsm = MiniLsm.open(dir, OPTIONS)) {
            engine.set(lsm);
            long id = lsm.state().memtable().id();
            lsm.put(b("k"), b("v"));
            fs.listen((op, path, target) -> {
                String name = String.valueOf(path.getFileName());
                if (op == RecordingFileSystem.Op.DELETE && name.endsWith(SstFileNames.WAL_SUFFIX)) {
                    seen.add("delete " + name + ": SST published " + engine.get().state().l0SstIds().contains(id)
                            + ", file " + Files.exists(SstFileNames.sstPath(realDir, id)));
                }
            });
            lsm.forceFlush();
            fs.listen((op, path, target) -> { });
            assertThat(seen).as("forceFlush() deletes memtable %d's log once, and only when SST %d is in the "
                    + "state and its file exists%s", id, id, CHAPTER)
                    .containsExactly("delete " + SstFileNames.walPath(realDir, id).getFileName()
                            + ": SST published true, file true");
            assertThat(Files.exists(SstFileNames.walPath(realDir, id))).as("the log is gone after the flush" + CHAPTER)
                    .isFalse();
        }
    }

    @Test
    void a_copy_of_the_directory_taken_after_sync_opens_with_every_synced_write() throws IOException {
        Path dir = work.resolve("db");
        Random random = new Random(6);
        TreeMap<Bytes, Bytes> model = new TreeMap<>();
        try (MiniLsm lsm = MiniLsm.open(dir, OPTIONS)) {
            for (int i = 0; i < 3000; i++) {
                Bytes key = b(String.format("key-%03d", random.nextInt(400)));
                Bytes value = random.nextInt(6) == 0 ? Bytes.EMPTY : b("v" + i + "-" + "x".repeat(random.nextInt(20)));
                if (value.isEmpty()) {
                    lsm.delete(key);
                } else {
                    lsm.put(key, value);
                }
                model.put(key, value);
                if (i == 1000) {
                    lsm.forceFlush(); // some data in SSTs, the rest only in memtables and logs
                }
            }
            lsm.sync();
            assertThat(lsm.state().immMemtables()).as("the test needs frozen memtables that were never flushed")
                    .isNotEmpty();
            // The copy is the directory as a crash right now would leave it: no close(), no final flush.
            Path copy = work.resolve("crashed");
            copyFiles(dir, copy);
            try (MiniLsm reopened = MiniLsm.open(copy, OPTIONS)) {
                for (var entry : model.entrySet()) {
                    Bytes expected = entry.getValue().isEmpty() ? null : entry.getValue();
                    assertThat(reopened.get(entry.getKey()))
                            .as("after a crash, key %s must hold its last synced value %s: open replays the logs "
                                    + "of the memtables that have no SST, oldest first%s", entry.getKey(), expected,
                                    CHAPTER)
                            .isEqualTo(expected);
                }
                assertThat(WriteFixtures.fileNames(copy)).as("after the replay, no log is left: each became an SST"
                        + CHAPTER).noneMatch(name -> name.endsWith(SstFileNames.WAL_SUFFIX));
            }
        }
    }

    @Test
    void open_reports_a_damaged_log_with_its_name_and_offset() throws IOException {
        Path dir = work.resolve("db");
        try (MiniLsm lsm = MiniLsm.open(dir, OPTIONS)) {
            lsm.put(b("a"), b("1"));
            lsm.put(b("b"), b("2"));
            lsm.sync();
            Path copy = work.resolve("crashed");
            copyFiles(dir, copy);
            Path log = SstFileNames.walPath(copy, lsm.state().memtable().id());
            byte[] bytes = Files.readAllBytes(log);
            bytes[WriteAheadLog.HEADER_SIZE + 2] ^= 1; // the first record's key
            Files.write(log, bytes);
            try (MiniLsm reopened = MiniLsm.open(copy, OPTIONS)) {
                throw new AssertionError("open must refuse a log damaged before its end" + CHAPTER);
            } catch (CorruptionException e) {
                assertThat(e.getMessage()).as("the message names the log and the record's offset" + CHAPTER)
                        .contains(log.getFileName().toString()).contains("offset 0");
            }
            try (MiniLsm again = MiniLsm.open(copy, OPTIONS.withWriteAheadLog(false))) {
                assertThat(again.isClosed()).as("a failed open released the directory's lock" + CHAPTER).isFalse();
            }
        }
    }

    @Test
    void a_freeze_waits_for_the_write_in_progress_so_the_write_lands_in_the_memtable_whose_log_holds_it()
            throws Exception {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path realDir = work.resolve("db");
        Path dir = fs.wrap(realDir);
        CountDownLatch inAppend = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        // Memtables that never fill up, so that only the test's forceFlush() freezes.
        try (MiniLsm lsm = MiniLsm.open(dir, LsmStorageOptions.memtableOnly().withWriteAheadLog(true))) {
            // Memtable m holds a write, so a freeze has something to freeze; and the log's buffer is nearly full,
            // so the racing write's append writes the buffer to the file, where the recording file system stops it.
            lsm.put(b("before"), Bytes.wrap(new byte[WriteAheadLog.BUFFER_SIZE - 2000]));
            long m = lsm.state().memtable().id();
            fs.listen((op, path, target) -> {
                if (op == RecordingFileSystem.Op.WRITE && Thread.currentThread().getName().equals("test-writer")
                        && String.valueOf(path.getFileName()).endsWith(SstFileNames.WAL_SUFFIX)) {
                    inAppend.countDown();
                    try {
                        release.await(WriteFixtures.DEADLINE.toMillis(), TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            });
            AtomicReference<Throwable> writerError = new AtomicReference<>();
            AtomicReference<Throwable> flushError = new AtomicReference<>();
            Thread writer = new Thread(() -> run(() -> lsm.put(b("racing"), Bytes.of("1".repeat(5000))), writerError),
                    "test-writer");
            Thread flusher = new Thread(() -> run(lsm::forceFlush, flushError), "test-flusher");
            try {
                writer.start();
                assertThat(inAppend.await(WriteFixtures.DEADLINE.toMillis(), TimeUnit.MILLISECONDS))
                        .as("the writer reaches its append to memtable %d's log", m).isTrue();
                flusher.start();
                long deadline = System.nanoTime() + WriteFixtures.DEADLINE.toNanos();
                while (flusher.getState() != Thread.State.WAITING && flusher.getState() != Thread.State.TERMINATED
                        && System.nanoTime() < deadline) {
                    Thread.onSpinWait();
                }
                assertThat(flusher.getState())
                        .as("while a write is between choosing memtable %d's log and putting into the memtable, "
                                + "forceFlush()'s freeze must wait for it (the log lock), or the write could land "
                                + "in the next memtable while only memtable %d's log holds it%s", m, m, CHAPTER)
                        .isEqualTo(Thread.State.WAITING);
                assertThat(lsm.state().memtable().id()).as("no freeze happened during the write" + CHAPTER)
                        .isEqualTo(m);
            } finally {
                release.countDown();
                writer.join(WriteFixtures.DEADLINE.toMillis());
                flusher.join(WriteFixtures.DEADLINE.toMillis());
                fs.listen((op, path, target) -> { });
            }
            assertThat(writerError.get()).as("the put failed").isNull();
            assertThat(flushError.get()).as("forceFlush() failed").isNull();
            assertThat(lsm.state().l0SstIds()).as("forceFlush() flushed memtable %d%s", m, CHAPTER).contains(m);
            assertThat(org.lsmworkbook.read.LsmReadPath.get(lsm.state(), b("racing")))
                    .as("the racing write is readable").isEqualTo(Bytes.of("1".repeat(5000)));
            assertThat(lsm.state().memtable().get(b("racing")))
                    .as("the racing write landed in memtable %d (now SST %d), whose log held it, not in the new "
                            + "memtable%s", m, m, CHAPTER).isNull();
        }
    }

    @Test
    void writers_racing_freezes_and_flushes_lose_no_synced_write() throws Exception {
        Path dir = work.resolve("db");
        int writers = 4;
        int writesEach = 1500;
        // Small memtables and the flush thread on: writes, automatic freezes, background flushes and
        // forced flushes all overlap; whatever the interleaving, the synced copy must hold every write.
        LsmStorageOptions options = LsmStorageOptions.forTests().withWriteAheadLog(true);
        try (MiniLsm lsm = MiniLsm.open(dir, options)) {
            List<Thread> threads = new ArrayList<>();
            List<AtomicReference<Throwable>> errors = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                AtomicReference<Throwable> error = new AtomicReference<>();
                errors.add(error);
                threads.add(new Thread(() -> run(() -> {
                    for (int i = 0; i < writesEach; i++) {
                        lsm.put(b("w" + writer + "-" + (i % 100)), b("v" + i));
                    }
                }, error), "test-writer-" + w));
            }
            threads.forEach(Thread::start);
            for (int i = 0; i < 5; i++) {
                lsm.forceFlush();
            }
            for (Thread thread : threads) {
                thread.join(WriteFixtures.DEADLINE.toMillis());
                assertThat(thread.isAlive()).as("%s ended", thread.getName()).isFalse();
            }
            for (AtomicReference<Throwable> error : errors) {
                assertThat(error.get()).as("a writer failed").isNull();
            }
            lsm.sync();
            // The copy below must be one moment of the directory, as a crash leaves it: stop the background flushes.
            lsm.flushThread().close();
            Path copy = work.resolve("crashed");
            copyFiles(dir, copy);
            try (MiniLsm reopened = MiniLsm.open(copy, options)) {
                for (int w = 0; w < writers; w++) {
                    for (int k = 0; k < 100; k++) {
                        int last = writesEach - 100 + k;
                        assertThat(reopened.get(b("w" + w + "-" + k)))
                                .as("after a crash following sync(), key w%d-%d holds its last value: each write "
                                        + "must be in the log of the memtable it landed in, even while freezes and "
                                        + "flushes run%s", w, k, CHAPTER)
                                .isEqualTo(b("v" + last));
                    }
                }
            }
        }
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void run(IoAction action, AtomicReference<Throwable> error) {
        try {
            action.run();
        } catch (Throwable t) {
            error.set(t);
        }
    }

    private static void copyFiles(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(from)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(SstFileNames.LOCK_FILE)) {
                    Files.copy(entry, to.resolve(name));
                }
            }
        }
    }
}
