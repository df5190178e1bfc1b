package org.lsmworkbook.write;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.memtable.MemTableIterator;
import org.lsmworkbook.read.LsmReadPath;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.BloomFilter;
import org.lsmworkbook.sst.SsTable;

/**
 * The finished engine: a sorted key-value store in a directory, with the stages put together.
 *
 * <pre>{@code
 * try (MiniLsm lsm = MiniLsm.open(Path.of("lsm.db"), LsmStorageOptions.defaults())) {
 *     lsm.put(Bytes.of("hello"), Bytes.of("world"));
 *     Bytes value = lsm.get(Bytes.of("hello"));          // "world"
 *     FusedIterator<LsmIterator> it = lsm.scan(Bound.included(Bytes.of("a")), Bound.unbounded());
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Writes go to {@link LsmStorageInner} (day 4), after the {@linkplain FlushThread#awaitRoom()
 *       write stall}; reads go through {@link LsmReadPath} (day 5) on the current snapshot, with no
 *       lock.
 *   <li>The {@link FlushThread} flushes in the background; {@link #forceFlush()} flushes now.
 *   <li>{@link #close()} persists what is in memory. Without a write-ahead log (the core course),
 *       writes that were never flushed are lost if the process dies without {@code close()}. With
 *       {@link LsmStorageOptions#writeAheadLog()} on (bonus task 5), every write goes to its
 *       memtable's log first ({@link WriteAheadLogs}), {@link #sync()} forces the logs, and {@link
 *       #open} replays them.
 *   <li>A {@link DirectoryLock} keeps a second engine (in this process or another) out of the
 *       directory while this one has it open.
 * </ul>
 *
 * <p>Every method may be called from many threads at once, except {@code close()}: call it once the
 * other calls have returned. Calls made after {@code close()} throw {@link IllegalStateException}.
 */
public final class MiniLsm implements Closeable {

    private final LsmStorageInner inner;
    private final MemTableFlusher flusher;
    private final FlushThread flushThread;
    private final DirectoryLock lock;
    /** The write-ahead logs, or null when {@link LsmStorageOptions#writeAheadLog()} is off. */
    private final WriteAheadLogs logs;
    private final Object closeLock = new Object();
    private volatile boolean closed;

    private MiniLsm(LsmStorageInner inner, DirectoryLock lock) {
        this.inner = inner;
        this.lock = lock;
        this.logs = inner.options().writeAheadLog() ? new WriteAheadLogs(inner) : null;
        this.flusher = logs == null ? new MemTableFlusher(inner) : new MemTableFlusher(inner, logs::flushed);
        this.flushThread = new FlushThread(inner, flusher);
    }

    /**
     * Opens the engine in {@code path}: creates the directory if needed, takes its lock, opens the
     * SSTs found there (newest first, leftover temporary files deleted) and starts the flush thread.
     * Every key written before the last {@link #close()} can be read again. With the write-ahead
     * log on, it first replays the logs of memtables that were never flushed ({@link
     * WriteAheadLogs#recover}), so every write before the last {@link #sync()} can be read again too.
     *
     * @throws org.lsmworkbook.kv.CorruptionException if an SST file is damaged; the message names it
     *     (its path, such as {@code .../000002.sst}, as {@link SstDirectory#openAll} reports it), or
     *     a write-ahead log is damaged before its end (the message names the log and the offset)
     * @throws IOException if the directory cannot be used, or another engine has it open
     * @throws NullPointerException if an argument is null
     */
    public static MiniLsm open(Path path, LsmStorageOptions options) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        DirectoryLock lock = DirectoryLock.acquire(path);
        if (options.writeAheadLog()) {
            try {
                WriteAheadLogs.recover(path, options);
            } catch (IOException | RuntimeException e) {
                lock.close();
                throw e;
            }
        }
        // BEGIN SOLUTION Task 4
        try {
            BlockCache blockCache = new BlockCache(options.blockCacheSize());
            List<SsTable> tables = SstDirectory.openAll(path, blockCache);
            return new MiniLsm(LsmStorageInner.open(path, options, blockCache, tables), lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
        // END SOLUTION
    }

    /**
     * Stores {@code value} under {@code key}. Waits first if too many memtables are in memory (the
     * write stall). With the write-ahead log on, the write is in the log before this returns (in
     * the log's buffer; durable after the next {@link #sync()}).
     *
     * @throws IOException if the write had to wait and the flush is failing
     * @throws IllegalArgumentException if the key is empty, or the key or value is too long
     * @throws IllegalStateException if the engine is closed
     */
    public void put(Bytes key, Bytes value) throws IOException {
        if (logs != null) {
            putLogged(key, value);
            return;
        }
        // BEGIN SOLUTION Task 4
        checkOpen();
        flushThread.awaitRoom();
        inner.put(key, value);
        // pit: redundant VoidMethodCallMutator — the flush thread looks again every IDLE_WAIT_MILLIS by itself and a stalled writer wakes it, so a missing wake-up delays a flush by at most 50 ms, which only a benchmark sees
        flushThread.wakeUp();
        // END SOLUTION
    }

    /**
     * Deletes {@code key} (writes a tombstone). Waits like {@link #put}.
     *
     * @throws IOException if the write had to wait and the flush is failing
     * @throws IllegalArgumentException if the key is empty or too long
     * @throws IllegalStateException if the engine is closed
     */
    public void delete(Bytes key) throws IOException {
        put(key, Bytes.EMPTY);
    }

    /**
     * The value of {@code key}, or {@code null} if it has none (never written, or deleted).
     *
     * @throws IOException if an SST cannot be read
     * @throws IllegalStateException if the engine is closed
     */
    public Bytes get(Bytes key) throws IOException {
        // BEGIN SOLUTION Task 4
        checkOpen();
        return LsmReadPath.get(inner.state(), key);
        // END SOLUTION
    }

    /**
     * The live entries with keys within {@code lower} and {@code upper}, in key order. The iterator
     * reads the memtables and SSTs of the state taken now. Writes made later into the memtable that
     * is current now may show in it: that memtable keeps taking writes, and its iterator is weakly
     * consistent (a key ahead of the iterator's position usually shows, one just behind or at it
     * does not). Writes made after that memtable is frozen go to a new memtable and do not show.
     *
     * @throws IOException if an SST cannot be read
     * @throws IllegalStateException if the engine is closed
     */
    public FusedIterator<LsmIterator> scan(Bound lower, Bound upper) throws IOException {
        // BEGIN SOLUTION Task 4
        checkOpen();
        return LsmReadPath.scan(inner.state(), lower, upper);
        // END SOLUTION
    }

    /**
     * Flushes everything in memory now, in the calling thread: freezes the current memtable (if it
     * holds anything) and flushes every frozen memtable, oldest first. When it returns, every write
     * made before the call is in an SST file.
     *
     * @throws IOException if a flush fails; what was not flushed stays in memory, and a later call
     *     can try again
     * @throws IllegalStateException if the engine is closed
     */
    public void forceFlush() throws IOException {
        // BEGIN SOLUTION Task 4
        checkOpen();
        flushAll();
        // END SOLUTION
    }

    /**
     * Makes every write made so far durable. With no write-ahead log, the only durable place is an
     * SST, so this is {@link #forceFlush()}. With the log on, it forces the logs instead ({@link
     * WriteAheadLogs#sync}): nothing is flushed.
     *
     * @throws IOException if a flush, or the force of a log, fails
     * @throws IllegalStateException if the engine is closed
     */
    public void sync() throws IOException {
        if (logs != null) {
            checkOpen();
            logs.sync();
        } else {
            forceFlush();
        }
    }

    /**
     * Stops the flush thread and waits for it, flushes everything still in memory, closes the SST
     * files and releases the directory. Calling it again does nothing.
     *
     * <p>If the final flush fails, the engine is left open (without its flush thread) and the
     * exception says why: the data is still in memory, and {@code close()} may be called again.
     *
     * @throws IOException if the final flush fails
     */
    @Override
    public void close() throws IOException {
        synchronized (closeLock) {
            if (closed) {
                return;
            }
            // BEGIN SOLUTION Task 4
            flushThread.close();
            flushAll();
            closed = true;
            IOException failure = null;
            for (SsTable table : inner.state().sstables().values()) {
                try {
                    table.close();
                } catch (IOException e) {
                    failure = failure == null ? e : addSuppressed(failure, e);
                }
            }
            lock.close();
            if (failure != null) {
                throw failure;
            }
            // END SOLUTION
        }
    }

    /**
     * A read-only picture of the engine now: memtables (with sizes, entry counts and key ranges),
     * L0 SSTs, and the flush thread's health. It walks every memtable to count its entries, so it
     * is meant for a person looking at the engine (the shell's {@code dump}), not for a hot path.
     * It works after {@link #close()} too.
     */
    public LsmStats stats() {
        LsmStorageState state = inner.state();
        List<LsmStats.MemTableStats> frozen = new ArrayList<>(state.immMemtables().size());
        for (MemTable memtable : state.immMemtables()) {
            frozen.add(memTableStats(memtable));
        }
        List<LsmStats.SstStats> l0 = new ArrayList<>(state.l0SstIds().size());
        for (SsTable table : state.l0Sstables()) {
            l0.add(new LsmStats.SstStats(table.id(), table.tableSize(), table.numBlocks(), table.firstKey(),
                    table.lastKey(), table.bloomFilter().map(BloomFilter::encodedSize).orElse(0)));
        }
        return new LsmStats(memTableStats(state.memtable()), frozen, l0, flushThread.isRunning(),
                flushThread.lastError(), logs != null, logs == null ? 0 : logs.count(),
                logs == null ? 0 : logs.sizeInBytes());
    }

    /** The engine's current snapshot: memtables and SSTs, for tests that check the structure. */
    public LsmStorageState state() {
        return inner.state();
    }

    /** The flush thread, for tests and benchmarks that wait for it or look at its errors. */
    public FlushThread flushThread() {
        return flushThread;
    }

    /** The engine's directory. */
    public Path path() {
        return inner.path();
    }

    /** True once {@link #close()} has succeeded. */
    public boolean isClosed() {
        return closed;
    }

    private static LsmStats.MemTableStats memTableStats(MemTable memtable) {
        MemTableIterator it = memtable.scan(Bound.unbounded(), Bound.unbounded());
        Bytes first = it.isValid() ? it.key() : null;
        Bytes last = first;
        long entries = 0;
        while (it.isValid()) {
            last = it.key();
            entries++;
            it.next();
        }
        return new LsmStats.MemTableStats(memtable.id(), memtable.approximateSize(), entries, first, last);
    }

    /**
     * A put with the write-ahead log on (bonus task 5): the same steps as {@link #put}, with the
     * write going through the logs.
     */
    private void putLogged(Bytes key, Bytes value) throws IOException {
        checkOpen();
        flushThread.awaitRoom();
        logs.put(key, value);
        flushThread.wakeUp();
    }

    /**
     * Freezes the current memtable if it holds anything. With the write-ahead log on, the freeze
     * waits for the write in progress, so that no write lands in another memtable than the one whose
     * log holds it ({@link WriteAheadLogs}); call this, not {@code inner.forceFreezeMemtable()}.
     */
    private void freezeMemtable() {
        if (logs != null) {
            logs.freeze();
        } else {
            inner.forceFreezeMemtable();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the engine in " + inner.path() + " is closed");
        }
    }

    // BEGIN SOLUTION
    /** Freezes the memtable if it holds anything, then flushes until no frozen memtable is left. */
    private void flushAll() throws IOException {
        freezeMemtable();
        while (flusher.flushOldest() != null) {
            // one memtable per round, oldest first
        }
    }

    private static IOException addSuppressed(IOException first, IOException next) {
        first.addSuppressed(next);
        return first;
    }
    // END SOLUTION
}
