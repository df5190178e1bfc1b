package org.lsmworkbook.write;

import java.util.List;
import java.util.Objects;
import org.lsmworkbook.kv.Bytes;

/**
 * A read-only picture of a {@link MiniLsm} at one moment, for people and tools that want to look at
 * the engine without reaching into its parts: the shell's {@code dump} and {@code flush} print it.
 *
 * @param memtable the current memtable
 * @param frozen the immutable memtables, newest first
 * @param l0 the L0 SSTs, newest first
 * @param flushThreadRunning false once the flush thread has stopped, or died
 * @param flushError the error of the last background flush attempt (any {@link Throwable}), or
 *     {@code null} if it succeeded; if the flush thread died, what killed it
 * @param writeAheadLog whether the engine logs its writes (day 6's bonus task 5)
 * @param logFiles how many write-ahead logs are open (one per memtable that holds writes), or 0
 * @param logBytes the open logs' total length in bytes, or 0
 */
public record LsmStats(MemTableStats memtable, List<MemTableStats> frozen, List<SstStats> l0,
        boolean flushThreadRunning, Throwable flushError, boolean writeAheadLog, int logFiles, long logBytes) {

    /** Copies the lists, so the picture cannot change. */
    public LsmStats {
        Objects.requireNonNull(memtable, "memtable");
        frozen = List.copyOf(frozen);
        l0 = List.copyOf(l0);
    }

    /**
     * One memtable.
     *
     * @param id its id (the id its SST will get)
     * @param approximateSize its approximate size in bytes
     * @param entries how many entries it holds, tombstones included
     * @param firstKey its smallest key, or {@code null} if it is empty
     * @param lastKey its largest key, or {@code null} if it is empty
     */
    public record MemTableStats(long id, long approximateSize, long entries, Bytes firstKey, Bytes lastKey) {}

    /**
     * One SST.
     *
     * @param id its id
     * @param size its file's size in bytes
     * @param blocks how many data blocks it has
     * @param firstKey its smallest key
     * @param lastKey its largest key
     * @param filterBytes the size of its bloom filter section in the file (day 2's bonus task 6), or 0
     *     for a table without a filter
     */
    public record SstStats(long id, long size, int blocks, Bytes firstKey, Bytes lastKey, int filterBytes) {}
}
