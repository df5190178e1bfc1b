package org.lsmworkbook.bench;

/**
 * How much memory one engine's JVM used over its whole run (warm-ups included). A value of -1 means
 * unknown.
 *
 * @param peakHeapBytes the most the heap held, garbage included: the largest heap seen just before a
 *     garbage collection (or at the end, if that is larger). At most {@code -Xmx}.
 * @param maxHeapAfterGcBytes the most the heap still held right after a garbage collection: close to
 *     the largest live set
 * @param peakRssBytes the process's peak resident memory ({@code VmHWM} on Linux): heap, native memory
 *     (RocksDB's memtables and cache live there) and the JVM itself
 */
public record MemoryReport(long peakHeapBytes, long maxHeapAfterGcBytes, long peakRssBytes) {

    /** Nothing known. */
    public static MemoryReport unknown() {
        return new MemoryReport(-1, -1, -1);
    }
}
