package org.lsmworkbook.bench;

import java.io.Closeable;
import java.io.IOException;

/**
 * What the benchmark needs of a storage engine. One small adapter per engine implements it with
 * that engine's cheapest ordinary API; the workloads only ever call these methods, so every engine
 * does the same work.
 *
 * <p>The arrays passed to {@link #put} belong to the engine from then on; the caller never changes
 * them again.
 */
public interface BenchEngine extends Closeable {

    /** Stores {@code value} under {@code key}. */
    void put(byte[] key, byte[] value) throws IOException;

    /** The length of {@code key}'s value, or -1 if the key has none. Reads the value as the engine hands it out. */
    int get(byte[] key) throws IOException;

    /** A copy of {@code key}'s value, or {@code null}: for checks, not measured. */
    byte[] getCopy(byte[] key) throws IOException;

    /**
     * Positions on the first key &gt;= {@code key} and reads up to {@code count} entries from there
     * (the first one included).
     *
     * @return the entries read: fewer than {@code count} only at the end of the database
     */
    int seek(byte[] key, int count) throws IOException;

    /**
     * Reads every entry from the first key on, in order.
     *
     * @param onEntries called after every {@code every} entries, with the number read so far
     * @return the number of entries read
     */
    long scanAll(long every, ProgressCallback onEntries) throws IOException;

    /**
     * Waits until the background work that writes have caused (flushes, compactions) is done, so
     * that the next workload does not compete with it. Not measured.
     */
    default void waitForBackgroundWork() throws IOException {}

    /** Something the engine can say about its shape now (files, levels), for the progress lines; may be empty. */
    default String describe() {
        return "";
    }

    /** Called during long scans. */
    @FunctionalInterface
    interface ProgressCallback {
        void entriesRead(long entries);
    }
}
