package org.lsmworkbook.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.UnaryOperator;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.memtable.MemTableIterator;
import org.lsmworkbook.memtable.MergeIterator;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

/**
 * The engine's core: the current {@link LsmStorageState}, the writes, and the freezing of full
 * memtables. Today it reads the memtables only; day 5 adds the SSTs and day 6 the flush.
 *
 * <h2>Concurrency</h2>
 *
 * <ul>
 *   <li><b>Reads take no lock.</b> The state is one {@code volatile} reference to an immutable
 *       snapshot: a reader reads it once and works on that snapshot, however the engine changes
 *       meanwhile.
 *   <li><b>The state lock</b> ({@link #updateState}, freezing) serialises changes to the state, so
 *       two changes never start from the same snapshot and lose one another. It is held only for
 *       the few steps that make the new snapshot; no file is read or written under it.
 *   <li><b>The memtable write lock</b> closes a race between a write and a freeze. A writer reads
 *       the state and puts into its memtable under the read side (many writers at once); a freeze
 *       swaps the memtable under the write side. So once a freeze is done, no write can still land
 *       in the memtable it froze, and a flush of that memtable cannot miss a write.
 * </ul>
 *
 * <p>Memtables and SSTs take their ids from one counter, {@link #nextSstId()}: a larger id is
 * always newer data.
 */
public final class LsmStorageInner {

    private final Path path;
    private final LsmStorageOptions options;
    private final BlockCache blockCache;
    private final AtomicLong nextSstId;
    /** Serialises every change of {@link #state}. */
    private final ReentrantLock stateLock = new ReentrantLock();
    /** Read side: a write to the current memtable. Write side: replacing the current memtable. */
    private final ReentrantReadWriteLock memtableLock = new ReentrantReadWriteLock();
    /** The current snapshot; replaced, never changed. */
    private volatile LsmStorageState state;

    private LsmStorageInner(
            Path path, LsmStorageOptions options, BlockCache blockCache, LsmStorageState state, long nextSstId) {
        this.path = path;
        this.options = options;
        this.blockCache = blockCache;
        this.state = state;
        this.nextSstId = new AtomicLong(nextSstId);
    }

    /**
     * Opens an empty engine in directory {@code path}, creating the directory (and its parents) if
     * it does not exist yet. The block cache is sized by {@link LsmStorageOptions#blockCacheSize()}.
     *
     * @throws IOException if the directory cannot be created
     * @throws NullPointerException if an argument is null
     */
    public static LsmStorageInner open(Path path, LsmStorageOptions options) throws IOException {
        Objects.requireNonNull(options, "options");
        return open(path, options, new BlockCache(options.blockCacheSize()), List.of());
    }

    /**
     * Opens an engine in directory {@code path} (created if missing) whose L0 holds the given SSTs,
     * already open, newest first. The first memtable gets the id after the largest SST id, so that
     * everything written from now on is newer than the SSTs.
     *
     * @param blockCache the cache the SSTs were opened with, and that later SSTs will use
     * @param l0Sstables the L0 SSTs, newest (largest id) first
     * @throws IOException if the directory cannot be created
     * @throws IllegalArgumentException if {@code l0Sstables} is not in strictly decreasing id order
     * @throws NullPointerException if an argument is null
     */
    public static LsmStorageInner open(
            Path path, LsmStorageOptions options, BlockCache blockCache, List<SsTable> l0Sstables)
            throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(blockCache, "blockCache");
        Objects.requireNonNull(l0Sstables, "l0Sstables");
        // BEGIN SOLUTION Task 1
        List<Long> ids = new ArrayList<>(l0Sstables.size());
        Map<Long, SsTable> byId = new HashMap<>();
        for (SsTable table : l0Sstables) {
            // pit: redundant ConditionalsBoundaryMutator — a repeated id is refused by the LsmStorageState constructor just below, with the same exception
            if (!ids.isEmpty() && ids.get(ids.size() - 1) <= table.id()) {
                throw new IllegalArgumentException("l0Sstables must be newest (largest id) first, but SST "
                        + table.id() + " comes after SST " + ids.get(ids.size() - 1));
            }
            ids.add(table.id());
            byId.put(table.id(), table);
        }
        Files.createDirectories(path);
        long firstId = ids.isEmpty() ? 0 : ids.get(0) + 1;
        LsmStorageState initial = new LsmStorageState(MemTable.create(firstId), List.of(), ids, byId);
        return new LsmStorageInner(path, options, blockCache, initial, firstId + 1);
        // END SOLUTION
    }

    /**
     * The value of {@code key} in the memtables, newest first, or {@code null} if no memtable has
     * it or the newest value is a tombstone. SSTs are not read (that is day 5).
     *
     * @throws NullPointerException if {@code key} is null
     */
    public Bytes get(Bytes key) {
        Objects.requireNonNull(key, "key");
        // BEGIN SOLUTION Task 2
        LsmStorageState snapshot = state;
        Bytes value = snapshot.memtable().get(key);
        if (value == null) {
            for (MemTable imm : snapshot.immMemtables()) {
                value = imm.get(key);
                if (value != null) {
                    break;
                }
            }
        }
        return value == null || value.isEmpty() ? null : value;
        // END SOLUTION
    }

    /**
     * Stores {@code value} under {@code key} in the current memtable, then freezes that memtable if
     * it has reached {@link LsmStorageOptions#targetSstSize()}. An empty value is a tombstone: {@code
     * put(key, Bytes.EMPTY)} is the same as {@link #delete(Bytes) delete(key)}.
     *
     * @throws IllegalArgumentException if {@code key} is empty (the message says {@code empty}), or
     *     the key or value is longer than a block can hold (the exception of {@code MemTable.put})
     * @throws NullPointerException if an argument is null
     */
    public void put(Bytes key, Bytes value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("the key is empty; keys are never empty (an empty value is how a delete "
                    + "is stored, an empty key has no meaning)");
        }
        // BEGIN SOLUTION Task 2
        MemTable memtable;
        long size;
        memtableLock.readLock().lock();
        try {
            memtable = state.memtable();
            memtable.put(key, value);
            size = memtable.approximateSize();
        } finally {
            memtableLock.readLock().unlock();
        }
        // END SOLUTION
        // BEGIN SOLUTION Task 3
        if (size >= options.targetSstSize()) {
            freezeIfCurrent(memtable);
        }
        // END SOLUTION
    }

    /**
     * Deletes {@code key}: puts a tombstone (an empty value), which hides every older value of the
     * key.
     *
     * @throws IllegalArgumentException if {@code key} is empty (the message says {@code empty}) or too
     *     long
     * @throws NullPointerException if {@code key} is null
     */
    public void delete(Bytes key) {
        put(key, Bytes.EMPTY);
    }

    /**
     * The live entries of the memtables with keys within {@code lower} and {@code upper}, in key
     * order, each key once with its newest value. SSTs are not read (that is day 5).
     *
     * @throws IOException never from memtables; declared because iterators may throw
     * @throws NullPointerException if a bound is null
     */
    public FusedIterator<LsmIterator> scan(Bound lower, Bound upper) throws IOException {
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        // BEGIN SOLUTION Task 4
        LsmStorageState snapshot = state;
        List<MemTableIterator> sources = new ArrayList<>(snapshot.numMemtables());
        sources.add(snapshot.memtable().scan(lower, upper));
        for (MemTable imm : snapshot.immMemtables()) {
            sources.add(imm.scan(lower, upper));
        }
        return new FusedIterator<>(LsmIterator.create(MergeIterator.create(sources), upper));
        // END SOLUTION
    }

    /**
     * Freezes the current memtable: it joins the immutable memtables (as the newest) and a new,
     * empty memtable takes the writes. Does nothing if the current memtable is empty, since an
     * empty memtable would only make an empty SST.
     */
    public void forceFreezeMemtable() {
        // BEGIN SOLUTION Task 3
        stateLock.lock();
        try {
            if (!state.memtable().isEmpty()) {
                freezeLocked();
            }
        } finally {
            stateLock.unlock();
        }
        // END SOLUTION
    }

    /**
     * Replaces the state with {@code change.apply(state)}, under the state lock, so that changes
     * made by different threads never overwrite one another. {@code change} must be quick and must
     * not block: it runs while every other change waits. Used by the flush (day 6) to swap a frozen
     * memtable for its SST.
     *
     * @return the new state
     * @throws IllegalArgumentException if the change replaces the current memtable (only a freeze may
     *     do that; see {@link #forceFreezeMemtable()})
     * @throws NullPointerException if {@code change} is null or returns null
     */
    public LsmStorageState updateState(UnaryOperator<LsmStorageState> change) {
        Objects.requireNonNull(change, "change");
        stateLock.lock();
        try {
            LsmStorageState current = state;
            LsmStorageState next = Objects.requireNonNull(change.apply(current), "the change returned null");
            if (next.memtable() != current.memtable()) {
                throw new IllegalArgumentException("updateState must keep the current memtable (id "
                        + current.memtable().id() + "); only a freeze replaces it");
            }
            state = next;
            return next;
        } finally {
            stateLock.unlock();
        }
    }

    /** The current snapshot. It never changes; a later call may return a newer one. */
    public LsmStorageState state() {
        return state;
    }

    /** A new id for a memtable or an SST, larger than every id handed out before. */
    public long nextSstId() {
        return nextSstId.getAndIncrement();
    }

    /** The engine's directory. */
    public Path path() {
        return path;
    }

    /** The options the engine was opened with. */
    public LsmStorageOptions options() {
        return options;
    }

    /** The block cache every SST of this engine reads through. */
    public BlockCache blockCache() {
        return blockCache;
    }

    /**
     * Test seam, not for engine code: the state lock, so that a test can hold it and check that a
     * freeze waits for it ({@link ReentrantLock#hasQueuedThread}) instead of hoping for a race.
     */
    ReentrantLock stateLockForTests() {
        return stateLock;
    }

    /**
     * Test seam, not for engine code: the memtable lock, so that a test can hold one side of it and
     * check that a write or a freeze queues on the other.
     */
    ReentrantReadWriteLock memtableLockForTests() {
        return memtableLock;
    }

    // BEGIN SOLUTION Task 3
    /**
     * Freezes {@code full} if it is still the current memtable. Several writers can see the same
     * memtable full at once; only the first to get the lock freezes it.
     */
    private void freezeIfCurrent(MemTable full) {
        stateLock.lock();
        try {
            if (state.memtable() == full) {
                freezeLocked();
            }
        } finally {
            stateLock.unlock();
        }
    }

    /**
     * Swaps in a new memtable. The caller must hold the state lock, which keeps two freezes (and a
     * freeze and a flush) from building their new states from the same old one; checked here, so a
     * caller that forgets it fails at once instead of losing a memtable in a rare race.
     */
    private void freezeLocked() {
        if (!stateLock.isHeldByCurrentThread()) {
            throw new IllegalStateException("freezeLocked() needs the state lock, and the calling thread ("
                    + Thread.currentThread().getName() + ") does not hold it: take stateLock around the freeze, as "
                    + "forceFreezeMemtable does");
        }
        // Made before the write lock is taken, so that writers wait only for the swap itself.
        MemTable next = MemTable.create(nextSstId());
        memtableLock.writeLock().lock();
        try {
            state = state.withFrozenMemtable(next);
        } finally {
            memtableLock.writeLock().unlock();
        }
    }
    // END SOLUTION
}
