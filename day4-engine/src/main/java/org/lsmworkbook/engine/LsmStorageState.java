package org.lsmworkbook.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.SsTable;

/**
 * One snapshot of what the engine holds: the memtable that takes writes, the frozen memtables
 * waiting to be flushed, and the L0 SST files.
 *
 * <p>A snapshot never changes. Every change (a freeze, a flush) makes a new snapshot from the old
 * one and installs it in one step, so a reader that took a snapshot sees a consistent picture for as
 * long as it likes, without any lock: <em>copy on write</em>. The lists and the map are unmodifiable
 * copies; the memtables themselves are shared, and only the current {@link #memtable()} still takes
 * writes.
 *
 * <pre>
 *   newest data ─────────────────────────────────────────────► oldest data
 *   memtable │ immMemtables[0] … immMemtables[n-1] │ l0SstIds[0] … l0SstIds[m-1]
 *   (writes)  (frozen, newest first)                 (SST files, newest first)
 * </pre>
 *
 * <p>The class is final and every field is final (an architecture test checks it).
 */
public final class LsmStorageState {

    private final MemTable memtable;
    private final List<MemTable> immMemtables;
    private final List<Long> l0SstIds;
    private final Map<Long, SsTable> sstables;
    /** {@link #l0SstIds} resolved once, because every read walks them. */
    private final List<SsTable> l0Sstables;

    /**
     * A snapshot of the given parts. The lists and the map are copied into unmodifiable ones, so
     * nobody can change a snapshot after the fact.
     *
     * @param memtable the memtable that takes writes
     * @param immMemtables the frozen memtables, newest first
     * @param l0SstIds the ids of the L0 SST files, newest first
     * @param sstables every SST by id; it must hold an entry for each id in {@code l0SstIds}
     * @throws NullPointerException if anything is null
     * @throws IllegalArgumentException if an id in {@code l0SstIds} has no SST in {@code sstables},
     *     or appears twice
     */
    public LsmStorageState(
            MemTable memtable, List<MemTable> immMemtables, List<Long> l0SstIds, Map<Long, SsTable> sstables) {
        this.memtable = Objects.requireNonNull(memtable, "memtable");
        this.immMemtables = List.copyOf(immMemtables);
        this.l0SstIds = List.copyOf(l0SstIds);
        this.sstables = Map.copyOf(sstables);
        List<SsTable> tables = new ArrayList<>(this.l0SstIds.size());
        for (Long id : this.l0SstIds) {
            SsTable table = this.sstables.get(id);
            if (table == null) {
                throw new IllegalArgumentException(
                        "L0 SST " + id + " has no SsTable in sstables " + this.sstables.keySet());
            }
            tables.add(table);
        }
        if (this.l0SstIds.stream().distinct().count() != this.l0SstIds.size()) {
            throw new IllegalArgumentException("an SST id appears twice in l0SstIds " + this.l0SstIds);
        }
        this.l0Sstables = List.copyOf(tables);
    }

    /** The state of an engine that holds nothing yet but {@code memtable}. */
    public static LsmStorageState create(MemTable memtable) {
        return new LsmStorageState(memtable, List.of(), List.of(), Map.of());
    }

    /**
     * A new snapshot in which the current memtable is frozen: it becomes the newest immutable
     * memtable, and {@code next} takes its place. The SSTs stay as they are, and so does this
     * snapshot.
     *
     * @throws NullPointerException if {@code next} is null
     */
    public LsmStorageState withFrozenMemtable(MemTable next) {
        // BEGIN SOLUTION Task 1
        Objects.requireNonNull(next, "next");
        List<MemTable> imm = new ArrayList<>(immMemtables.size() + 1);
        imm.add(memtable);
        imm.addAll(immMemtables);
        return new LsmStorageState(next, imm, l0SstIds, sstables);
        // END SOLUTION
    }

    /** The memtable that takes writes. */
    public MemTable memtable() {
        return memtable;
    }

    /** The frozen memtables, newest first; unmodifiable. */
    public List<MemTable> immMemtables() {
        return immMemtables;
    }

    /** How many memtables are in memory: the current one plus the frozen ones. */
    public int numMemtables() {
        return 1 + immMemtables.size();
    }

    /** The ids of the L0 SSTs, newest first; unmodifiable. */
    public List<Long> l0SstIds() {
        return l0SstIds;
    }

    /** Every SST of this snapshot by id; unmodifiable. */
    public Map<Long, SsTable> sstables() {
        return sstables;
    }

    /** The L0 SSTs in the order of {@link #l0SstIds()}, newest first; unmodifiable. */
    public List<SsTable> l0Sstables() {
        return l0Sstables;
    }

    /** The memtable ids and SST ids, for messages and debugging. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder("LsmStorageState{memtable=").append(memtable.id()).append(", immMemtables=[");
        for (int i = 0; i < immMemtables.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(immMemtables.get(i).id());
        }
        return out.append("], l0SstIds=").append(l0SstIds).append('}').toString();
    }
}
