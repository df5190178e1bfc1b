package org.lsmworkbook.engine;

import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.sst.BloomFilter;

/**
 * How the engine sizes its blocks, memtables, SST files and block cache.
 *
 * <p>The engine freezes the current memtable once its {@linkplain
 * org.lsmworkbook.memtable.MemTable#approximateSize() approximate size} reaches {@link
 * #targetSstSize()}, so one memtable becomes one SST file of about that size. The flush thread of
 * day 6 starts flushing once more than {@link #numMemtableLimit()} memtables (the current one plus
 * the frozen ones) are in memory, and writers wait while more than {@link #stallMemtableLimit()}
 * are: that bound is what keeps memory from growing when writes come faster than flushes.
 *
 * <p>Use a preset and change what you need with the {@code with...} methods:
 * <pre>{@code
 * LsmStorageOptions options = LsmStorageOptions.defaults().withTargetSstSize(64 << 20);
 * }</pre>
 *
 * @param blockSize the size a data block is filled to, in bytes (1 to {@link
 *     BlockBuilder#MAX_BLOCK_SIZE})
 * @param targetSstSize the memtable size, in bytes, at which the memtable is frozen (at least 1)
 * @param numMemtableLimit how many memtables may be in memory before the flush thread flushes the
 *     oldest frozen one (at least 1)
 * @param stallMemtableLimit how many memtables may be in memory before writers wait for the flush
 *     (more than {@code numMemtableLimit})
 * @param blockCacheSize the block cache's budget in bytes (0 or more; 0 caches nothing)
 * @param bloomBitsPerKey 0 for SSTs without a bloom filter (the core course), or the bits per key of
 *     the filter each flushed SST gets (day 2's bonus task 6: 1 to {@link
 *     BloomFilter#MAX_BITS_PER_KEY}; 10 makes about 1% of reads of absent keys
 *     read a block)
 * @param writeAheadLog false for an engine without a log (the core course: a write is durable once
 *     its memtable is flushed), or true for one that appends every write to its memtable's log
 *     before acknowledging it (day 6's bonus task 5)
 */
public record LsmStorageOptions(
        int blockSize, long targetSstSize, int numMemtableLimit, int stallMemtableLimit, long blockCacheSize,
        int bloomBitsPerKey, boolean writeAheadLog) {

    /**
     * Options without a write-ahead log: {@code writeAheadLog} false.
     *
     * @param blockSize the size a data block is filled to
     * @param targetSstSize the memtable size at which the memtable is frozen
     * @param numMemtableLimit how many memtables may be in memory before the oldest frozen one is flushed
     * @param stallMemtableLimit how many memtables may be in memory before writers wait
     * @param blockCacheSize the block cache's budget in bytes
     * @param bloomBitsPerKey the bits per key of each SST's bloom filter, or 0 for none
     */
    public LsmStorageOptions(int blockSize, long targetSstSize, int numMemtableLimit, int stallMemtableLimit,
            long blockCacheSize, int bloomBitsPerKey) {
        this(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize, bloomBitsPerKey, false);
    }

    /**
     * Options without bloom filters and without a write-ahead log: {@code bloomBitsPerKey} 0, {@code
     * writeAheadLog} false.
     *
     * @param blockSize the size a data block is filled to
     * @param targetSstSize the memtable size at which the memtable is frozen
     * @param numMemtableLimit how many memtables may be in memory before the oldest frozen one is flushed
     * @param stallMemtableLimit how many memtables may be in memory before writers wait
     * @param blockCacheSize the block cache's budget in bytes
     */
    public LsmStorageOptions(int blockSize, long targetSstSize, int numMemtableLimit, int stallMemtableLimit,
            long blockCacheSize) {
        this(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize, 0, false);
    }

    /** Checks every limit, and says which one was broken. */
    public LsmStorageOptions {
        if (blockSize < 1 || blockSize > BlockBuilder.MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("blockSize must be between 1 and " + BlockBuilder.MAX_BLOCK_SIZE
                    + " bytes (block offsets are u16), but was " + blockSize);
        }
        if (targetSstSize < 1) {
            throw new IllegalArgumentException("targetSstSize must be at least 1 byte, but was " + targetSstSize);
        }
        if (numMemtableLimit < 1) {
            throw new IllegalArgumentException("numMemtableLimit must be at least 1 (the current memtable), but was "
                    + numMemtableLimit);
        }
        if (stallMemtableLimit <= numMemtableLimit) {
            throw new IllegalArgumentException("stallMemtableLimit must be more than numMemtableLimit ("
                    + numMemtableLimit + "), or writers would wait before the flush thread starts, but was "
                    + stallMemtableLimit);
        }
        if (blockCacheSize < 0) {
            throw new IllegalArgumentException("blockCacheSize must be 0 or more bytes, but was " + blockCacheSize);
        }
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > BloomFilter.MAX_BITS_PER_KEY) {
            throw new IllegalArgumentException("bloomBitsPerKey must be 0 (no bloom filters) or between 1 and "
                    + BloomFilter.MAX_BITS_PER_KEY + ", but was " + bloomBitsPerKey);
        }
    }

    /**
     * Sizes for real use: 4 KiB blocks, 2 MiB memtables, flushing past 2 memtables, writers waiting
     * past 4, and a 32 MiB block cache.
     */
    public static LsmStorageOptions defaults() {
        return new LsmStorageOptions(4096, 2L << 20, 2, 4, 32L << 20);
    }

    /**
     * Small sizes for tests that want many blocks, freezes and SSTs from few keys: 128-byte blocks,
     * 1 KiB memtables, flushing past 2 memtables, writers waiting past 4, a 1 MiB block cache.
     */
    public static LsmStorageOptions forTests() {
        return new LsmStorageOptions(128, 1024, 2, 4, 1L << 20);
    }

    /**
     * Sizes for tests of memtables alone: the memtable never fills up (1 GiB), so nothing is frozen
     * unless the test asks; 4 KiB blocks and a 1 MiB block cache.
     */
    public static LsmStorageOptions memtableOnly() {
        return new LsmStorageOptions(4096, 1L << 30, 1000, 1001, 1L << 20);
    }

    /** These options with another block size. */
    public LsmStorageOptions withBlockSize(int blockSize) {
        return new LsmStorageOptions(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize,
                bloomBitsPerKey, writeAheadLog);
    }

    /** These options with another target SST (and memtable) size. */
    public LsmStorageOptions withTargetSstSize(long targetSstSize) {
        return new LsmStorageOptions(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize,
                bloomBitsPerKey, writeAheadLog);
    }

    /** These options with other memtable limits: when flushing starts, and when writers wait. */
    public LsmStorageOptions withMemtableLimits(int numMemtableLimit, int stallMemtableLimit) {
        return new LsmStorageOptions(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize,
                bloomBitsPerKey, writeAheadLog);
    }

    /** These options with another block cache budget. */
    public LsmStorageOptions withBlockCacheSize(long blockCacheSize) {
        return new LsmStorageOptions(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize,
                bloomBitsPerKey, writeAheadLog);
    }

    /**
     * These options with bloom filters of {@code bloomBitsPerKey} bits per key in every SST the
     * engine flushes (day 2's bonus task 6), or none for 0.
     */
    public LsmStorageOptions withBloomBitsPerKey(int bloomBitsPerKey) {
        return new LsmStorageOptions(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize,
                bloomBitsPerKey, writeAheadLog);
    }

    /**
     * These options with the write-ahead log on or off (day 6's bonus task 5): with it on, every
     * write is appended to its memtable's log before it is acknowledged, {@code sync()} forces the
     * log, and opening the engine replays the logs of memtables that were never flushed.
     */
    public LsmStorageOptions withWriteAheadLog(boolean writeAheadLog) {
        return new LsmStorageOptions(blockSize, targetSstSize, numMemtableLimit, stallMemtableLimit, blockCacheSize,
                bloomBitsPerKey, writeAheadLog);
    }
}
