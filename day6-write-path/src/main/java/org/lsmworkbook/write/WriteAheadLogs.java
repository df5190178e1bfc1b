package org.lsmworkbook.write;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;

/**
 * The write-ahead logs of an engine (day 6's bonus task 5): one {@link WriteAheadLog} per memtable
 * that holds writes, named after it ({@code 000007.wal} for memtable 7).
 *
 * <ul>
 *   <li><b>Writes.</b> {@link #put} appends the write to the current memtable's log, then puts it
 *       into that memtable. Both steps happen under the log lock, and so does every freeze that
 *       {@link MiniLsm} makes ({@link #freeze}). So no freeze can come between the two steps: a
 *       write lands in the memtable whose log holds it, and the log's order is the memtable's
 *       order for every key. (The freeze {@link LsmStorageInner#put} makes by itself when the
 *       memtable is full happens in the writer's own call, after its write landed.)
 *   <li><b>Sync.</b> {@link #sync} forces every open log: the current memtable's and those of frozen
 *       memtables not flushed yet.
 *   <li><b>Flush.</b> {@link #flushed} closes and deletes a memtable's log; {@link MemTableFlusher}
 *       calls it once the memtable's SST is durable and published, never before.
 *   <li><b>Open.</b> {@link #recover} replays the logs whose memtable has no SST, oldest first, each
 *       into a memtable with the log's id, writes that memtable as an SST with the same id, and
 *       only then deletes the log. The engine then opens on SSTs alone.
 * </ul>
 */
public final class WriteAheadLogs {

    private final LsmStorageInner inner;
    /** Held for a write's append and put, and for a freeze, so that none comes between the two. */
    private final ReentrantLock logLock = new ReentrantLock();
    /** The open logs by memtable id. */
    private final Map<Long, WriteAheadLog> open = new ConcurrentHashMap<>();

    /** The logs of the engine {@code inner}, in its directory; none is open yet. */
    public WriteAheadLogs(LsmStorageInner inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /**
     * Appends {@code key} and {@code value} to the current memtable's log, then stores them in that
     * memtable. When it returns, the write is in the log (in its buffer until the next {@link #sync})
     * and readable.
     *
     * @throws IllegalArgumentException if the key is empty, or the key or value is too long; nothing
     *     was written
     * @throws IOException if the log cannot be created or written; the write was not made
     */
    public void put(Bytes key, Bytes value) throws IOException {
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        logLock.lock();
        try {
            MemTable memtable = inner.state().memtable();
            logOfLocked(memtable.id()).append(key, value);
            inner.put(key, value); // lands in memtable: no freeze can run while logLock is held
        } finally {
            logLock.unlock();
        }
        // END SOLUTION
    }

    /** Freezes the current memtable (if it holds anything) under the log lock; see the class comment. */
    public void freeze() {
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        logLock.lock();
        try {
            inner.forceFreezeMemtable();
        } finally {
            logLock.unlock();
        }
        // END SOLUTION
    }

    /**
     * Forces every open log to the disk: every write made before the call survives a crash.
     *
     * @throws IOException if a log cannot be forced
     */
    public void sync() throws IOException {
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        // A log closed meanwhile belongs to a flushed memtable: its sync does nothing, and its SST is durable.
        for (WriteAheadLog log : List.copyOf(open.values())) {
            log.sync();
        }
        // END SOLUTION
    }

    /**
     * Closes and deletes the log of memtable {@code id}, whose SST is durable and published. A log
     * that cannot be deleted stays behind harmlessly: {@link #recover} deletes a log whose SST
     * exists.
     */
    public void flushed(long id) {
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        WriteAheadLog log = open.remove(id);
        try {
            if (log != null) {
                log.close();
            }
            Files.deleteIfExists(SstFileNames.walPath(inner.path(), id));
        } catch (IOException ignored) {
            // The flush succeeded; the leftover log is deleted on the next open (its SST exists).
        }
        // END SOLUTION
    }

    /** How many logs are open. */
    public int count() {
        return open.size();
    }

    /** The open logs' total length in bytes. */
    public long sizeInBytes() {
        long total = 0;
        for (WriteAheadLog log : open.values()) {
            total += log.size();
        }
        return total;
    }

    /** Closes the open logs (their files stay). */
    public void close() throws IOException {
        for (WriteAheadLog log : List.copyOf(open.values())) {
            log.close();
        }
    }

    /**
     * Recovers what the logs in {@code dir} hold, before the engine opens there: see the class
     * comment. Call it with the directory locked, before the SSTs are opened.
     *
     * @throws org.lsmworkbook.kv.CorruptionException if a log is damaged before its end; the message
     *     names the file and the offset
     * @throws IOException if a log cannot be read, or its SST cannot be written
     */
    public static void recover(Path dir, LsmStorageOptions options) throws IOException {
        Objects.requireNonNull(dir, "dir");
        Objects.requireNonNull(options, "options");
        // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
        List<Long> ids = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*" + SstFileNames.WAL_SUFFIX)) {
            for (Path entry : entries) {
                long id = SstFileNames.parseWalId(entry.getFileName().toString());
                if (id >= 0) {
                    ids.add(id);
                }
            }
        }
        if (ids.isEmpty()) {
            return;
        }
        ids.sort(null); // oldest first: each SST must exist before a newer one is made
        MemTableFlusher flusher = new MemTableFlusher(LsmStorageInner.open(dir, options));
        for (long id : ids) {
            Path log = SstFileNames.walPath(dir, id);
            if (!Files.exists(SstFileNames.sstPath(dir, id))) {
                MemTable memtable = MemTable.create(id);
                WriteAheadLog.replay(log, memtable);
                if (!memtable.isEmpty()) {
                    flusher.writeReplayed(memtable).close();
                }
            }
            Files.delete(log); // its writes are in a durable SST now
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** The log of memtable {@code id}, created on its first write. Needs the log lock. */
    private WriteAheadLog logOfLocked(long id) throws IOException {
        if (!logLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("logOfLocked() needs the log lock, and the calling thread ("
                    + Thread.currentThread().getName() + ") does not hold it: take logLock around the append and "
                    + "the put, as put does");
        }
        WriteAheadLog log = open.get(id);
        if (log == null) {
            Path path = SstFileNames.walPath(inner.path(), id);
            log = WriteAheadLog.create(path);
            try {
                // The new name must survive a power cut, or a synced log could vanish with its directory entry.
                Durability.syncDirectory(inner.path());
            } catch (IOException | RuntimeException e) {
                log.close();
                Files.deleteIfExists(path); // empty: the next write may create it again
                throw e;
            }
            open.put(id, log);
        }
        return log;
    }
    // END SOLUTION
}
