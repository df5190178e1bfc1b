package org.lsmworkbook.write;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongConsumer;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.memtable.MemTableIterator;
import org.lsmworkbook.sst.FileObject;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * Turns the oldest frozen memtable into an L0 SST file.
 *
 * <p>The order of the steps is what makes a flush safe:
 * <pre>
 *   1. write every entry (tombstones too) to 000007.sst.tmp, and fsync it
 *   2. rename 000007.sst.tmp → 000007.sst                  (atomic)
 *   3. fsync the directory                                  (the new name is durable)
 *   4. open 000007.sst and publish the new state: the memtable leaves immMemtables and
 *      SST 7 becomes the newest L0 SST, in one step under the state lock
 * </pre>
 * Until step 4, readers find the data in the memtable; from step 4 on, in the SST. At no moment is
 * it in neither. A crash before step 3 leaves at worst a {@code .tmp} file, which {@link
 * SstDirectory#openAll} deletes; the file under the final name is always complete.
 *
 * <p>A flush that fails (an I/O error at any step) changes nothing the engine can see: the memtable
 * stays where it was, in memory and readable, the error goes to the caller, and the next flush
 * starts over with the same memtable and the same id.
 *
 * <p>The SST takes the memtable's id, so the ids keep saying which data is newer. Flushes are
 * serialised by a lock of their own (not the state lock): two threads must not flush the same
 * memtable, but nobody else needs to wait while a file is written.
 */
public final class MemTableFlusher {

    private final LsmStorageInner inner;
    /** One flush at a time. */
    private final ReentrantLock flushLock = new ReentrantLock();

    /** Told the id of each SST after it is published (the write-ahead log deletes its log then). */
    private final LongConsumer afterPublish;

    /** A flusher for the engine {@code inner}, writing SSTs into {@code inner.path()}. */
    public MemTableFlusher(LsmStorageInner inner) {
        this(inner, id -> { });
    }

    /**
     * A flusher for the engine {@code inner} that calls {@code afterPublish} with each new SST's id
     * once the SST is durable and published, under the flush lock. Day 6's bonus task 5 deletes the
     * memtable's write-ahead log there.
     */
    public MemTableFlusher(LsmStorageInner inner, LongConsumer afterPublish) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.afterPublish = Objects.requireNonNull(afterPublish, "afterPublish");
    }

    /**
     * Flushes the oldest immutable memtable into an L0 SST, as described above.
     *
     * @return the new SST, or {@code null} if there was no immutable memtable to flush
     * @throws IOException if the file cannot be written, renamed or opened; the engine's state is
     *     then unchanged
     */
    public SsTable flushOldest() throws IOException {
        flushLock.lock();
        try {
            SsTable table = flushOldestLocked();
            if (table != null) {
                afterPublish.accept(table.id());
            }
            return table;
        } finally {
            flushLock.unlock();
        }
    }

    /**
     * The flush itself (Task 1): {@link #flushOldest()} holds the flush lock around it and, after a
     * flush, tells {@code afterPublish}.
     */
    private SsTable flushOldestLocked() throws IOException {
        if (!flushLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("flushOldestLocked() needs the flush lock, and the calling thread ("
                    + Thread.currentThread().getName() + ") does not hold it: call flushOldest()");
        }
        // BEGIN SOLUTION Task 1
        List<MemTable> imm = inner.state().immMemtables();
        if (imm.isEmpty()) {
            return null;
        }
        MemTable oldest = imm.get(imm.size() - 1);
        SsTable table = writeSst(oldest);
        try {
            inner.updateState(state -> withFlushed(state, oldest, table));
        } catch (RuntimeException e) {
            table.close();
            throw e;
        }
        return table;
        // END SOLUTION
    }

    /**
     * Writes {@code memtable}, replayed from its write-ahead log when the engine opens (day 6's
     * bonus task 5), as the SST with its id, durable (steps 1 to 3), and returns it open. It
     * publishes nothing: the engine is not open yet, and will find the SST with the others.
     *
     * @throws IOException if the file cannot be written, renamed or opened
     */
    SsTable writeReplayed(MemTable memtable) throws IOException {
        Objects.requireNonNull(memtable, "memtable");
        flushLock.lock();
        try {
            // BEGIN SOLUTION Task 5 (bonus: write-ahead log)
            return writeSst(memtable);
            // END SOLUTION
        } finally {
            flushLock.unlock();
        }
    }

    // BEGIN SOLUTION
    /** Steps 1 to 3 and the opening of step 4; touches no state. */
    private SsTable writeSst(MemTable memtable) throws IOException {
        Path dir = inner.path();
        long id = memtable.id();
        Path temp = SstFileNames.tempPath(dir, id);
        Path target = SstFileNames.sstPath(dir, id);
        // Left over by a flush of this memtable that failed before its rename.
        Files.deleteIfExists(temp);
        boolean renamed = false;
        try {
            // The builder streams the table into temp, block by block.
            // With bloomBitsPerKey 0 (the core course) the table has no filter, as with new SsTableBuilder(blockSize, temp).
            try (SsTableBuilder builder =
                    new SsTableBuilder(inner.options().blockSize(), inner.options().bloomBitsPerKey(), temp)) {
                MemTableIterator it = memtable.scan(Bound.unbounded(), Bound.unbounded());
                while (it.isValid()) {
                    builder.add(it.key(), it.value()); // tombstones too: they hide older SSTs
                    it.next();
                }
                builder.build(id, inner.blockCache()).close();
            }
            Durability.atomicRename(temp, target);
            renamed = true;
            Durability.syncDirectory(dir);
            return SsTable.open(id, inner.blockCache(), FileObject.open(target));
        } finally {
            if (!renamed) {
                deleteQuietly(temp);
            }
        }
    }

    /** The state after {@code flushed} became {@code table}. */
    private static LsmStorageState withFlushed(LsmStorageState state, MemTable flushed, SsTable table) {
        List<MemTable> imm = state.immMemtables();
        if (imm.isEmpty() || imm.get(imm.size() - 1) != flushed) {
            throw new IllegalStateException("memtable " + flushed.id() + " is no longer the oldest immutable "
                    + "memtable of " + state + "; flushes must not run concurrently");
        }
        List<Long> l0 = new ArrayList<>(state.l0SstIds().size() + 1);
        l0.add(table.id());
        l0.addAll(state.l0SstIds());
        Map<Long, SsTable> sstables = new HashMap<>(state.sstables());
        sstables.put(table.id(), table);
        return new LsmStorageState(state.memtable(), imm.subList(0, imm.size() - 1), l0, sstables);
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException ignored) {
            // The flush's own error is the one worth reporting; a stray .tmp file is deleted on open.
        }
    }
    // END SOLUTION
}
