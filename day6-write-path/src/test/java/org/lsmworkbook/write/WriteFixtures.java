package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;
import org.lsmworkbook.sst.SsTable;

/**
 * Small helpers the day-6 tests share: entries, draining iterators, waiting for a condition with a
 * deadline, the file-system obstacle that makes a flush fail, and a bare engine (day 4's {@link
 * LsmStorageInner} with this stage's {@link MemTableFlusher}) for the tests of tasks 1 to 3, which
 * must not need {@link MiniLsm}.
 *
 * <p>Nothing here runs in a static initializer: fixtures are made inside each test.
 */
final class WriteFixtures {

    /**
     * How long a test waits for the flush thread to do something. A flush of a small memtable takes
     * milliseconds; this is generous so that a slow, busy machine does not fail a correct engine.
     */
    static final Duration DEADLINE = Duration.ofSeconds(10);

    private WriteFixtures() {}

    /** One key-value pair, printed as {@code key=value} in assertion messages ({@code key=} for a tombstone). */
    record Entry(Bytes key, Bytes value) {
        static Entry of(String key, String value) {
            return new Entry(Bytes.of(key), Bytes.of(value));
        }

        @Override
        public String toString() {
            return key.toUtf8String() + "=" + value.toUtf8String();
        }
    }

    /** {@code Bytes.of(text)}, short. */
    static Bytes b(String text) {
        return Bytes.of(text);
    }

    /** The entries of a map, in its order. */
    static List<Entry> entries(Map<Bytes, Bytes> map) {
        List<Entry> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new Entry(k, v)));
        return out;
    }

    /** Everything from the iterator's current position to its end (at most {@code limit} entries). */
    static List<Entry> drain(StorageIterator it, int limit) throws IOException {
        List<Entry> out = new ArrayList<>();
        while (it.isValid()) {
            if (out.size() == limit) {
                throw new AssertionError("the iterator yielded more than " + limit
                        + " entries; does the scan stop at the end, and does it skip tombstones?");
            }
            out.add(new Entry(it.key(), it.value()));
            it.next();
        }
        return out;
    }

    /** Every live entry of the engine, in key order. */
    static List<Entry> scanAll(MiniLsm lsm, int limit) throws IOException {
        return drain(lsm.scan(Bound.unbounded(), Bound.unbounded()), limit);
    }

    /**
     * Waits until {@code condition} holds, looking again every fraction of a millisecond, for at
     * most {@link #DEADLINE}. Fails with {@code what} and the current {@code state} if the deadline
     * passes first.
     */
    static void awaitCondition(String what, Supplier<String> state, BooleanSupplier condition) {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                fail("waited " + DEADLINE.toSeconds() + " s for: " + what + "; it did not happen. State now: "
                        + state.get());
            }
            LockSupport.parkNanos(200_000);
        }
    }

    /**
     * Like {@link #awaitCondition}, but gives up at once, with a message that says so, if the flush
     * thread is no longer running: then nothing can make the condition come true, and waiting out
     * the deadline would only hide the cause.
     */
    static void awaitThread(FlushThread thread, String what, Supplier<String> state, BooleanSupplier condition) {
        awaitCondition(what, state, () -> {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (!thread.isRunning()) {
                fail("the flush thread stopped while the test waited for: " + what + ". Its run() must loop "
                        + "until close(); look for an exception that ends it (see FlushThread.run). State now: "
                        + state.get());
            }
            return false;
        });
    }

    /**
     * Makes the flush of the memtable (or SST) with id {@code id} fail with a real file-system
     * error: a directory, not empty, where the flush wants its temporary file. Deleting it fails
     * ({@code DirectoryNotEmptyException}), and so does creating a file there. The tests run as
     * root, so file permissions cannot be used to make a write fail.
     */
    static Path placeObstacle(Path dir, long id) throws IOException {
        Path obstacle = SstFileNames.tempPath(dir, id);
        Files.createDirectories(obstacle);
        Files.writeString(obstacle.resolve("keep-me"), "this directory makes the flush of memtable " + id + " fail");
        return obstacle;
    }

    /** Takes away what {@link #placeObstacle} put there; the next flush can succeed. */
    static void removeObstacle(Path dir, long id) throws IOException {
        Path obstacle = SstFileNames.tempPath(dir, id);
        Files.deleteIfExists(obstacle.resolve("keep-me"));
        Files.deleteIfExists(obstacle);
    }

    /** The names of the files in {@code dir}, sorted. */
    static List<String> fileNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    /** The names of the finished SST files in {@code dir} ({@code 000007.sst}), sorted. */
    static List<String> sstFileNames(Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String name : fileNames(dir)) {
            if (SstFileNames.parseSstId(name) >= 0) {
                out.add(name);
            }
        }
        return out;
    }

    /** Flips every bit of the last byte of {@code file}: the SST footer's magic number no longer matches. */
    static void flipLastByte(Path file) throws IOException {
        byte[] content = Files.readAllBytes(file);
        content[content.length - 1] ^= (byte) 0xFF;
        Files.write(file, content);
    }

    /** Whether this platform shows a process's open files in {@code /proc/self/fd} (Linux does). */
    static boolean canListOpenFiles() {
        return Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** The files under {@code dir} that this process has open right now (Linux only). */
    static List<String> openFilesUnder(Path dir) throws IOException {
        Path real = dir.toRealPath();
        List<String> out = new ArrayList<>();
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
            for (Path fd : fds) {
                try {
                    Path target = Files.readSymbolicLink(fd);
                    if (target.startsWith(real)) {
                        out.add(target.getFileName().toString());
                    }
                } catch (IOException | UnsupportedOperationException gone) {
                    // the descriptor was closed while we looked (the listing's own one, for example)
                }
            }
        }
        return out;
    }

    /** The keys {@code prefix000}, {@code prefix001}, ... of a model, with values derived from them. */
    static TreeMap<Bytes, Bytes> numberedEntries(String prefix, int count, int valueLength) {
        TreeMap<Bytes, Bytes> out = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            String key = String.format("%s%03d", prefix, i);
            out.put(b(key), valueFor(key, valueLength));
        }
        return out;
    }

    /** A value of about {@code length} bytes that says which key it belongs to. */
    static Bytes valueFor(String key, int length) {
        StringBuilder value = new StringBuilder("value-of-").append(key);
        while (value.length() < length) {
            value.append('.');
        }
        return b(value.toString());
    }

    /**
     * The parts of an engine without {@link MiniLsm}: day 4's {@link LsmStorageInner} and this
     * stage's {@link MemTableFlusher}. {@link #close()} closes the SSTs the flushes opened. Close a
     * {@link FlushThread} on it first (declare the thread after this in try-with-resources).
     */
    static final class BareEngine implements AutoCloseable {
        final LsmStorageInner inner;
        final MemTableFlusher flusher;

        private BareEngine(LsmStorageInner inner) {
            this.inner = inner;
            this.flusher = new MemTableFlusher(inner);
        }

        static BareEngine open(Path dir, LsmStorageOptions options) throws IOException {
            return new BareEngine(LsmStorageInner.open(dir, options));
        }

        /** Puts {@code entries} into the current memtable and freezes it; returns the frozen memtable's id. */
        long putAndFreeze(Map<Bytes, Bytes> entries) {
            long id = inner.state().memtable().id();
            entries.forEach(inner::put);
            inner.forceFreezeMemtable();
            return id;
        }

        @Override
        public void close() throws IOException {
            IOException failure = null;
            for (SsTable table : inner.state().sstables().values()) {
                try {
                    table.close();
                } catch (IOException e) {
                    failure = e;
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
