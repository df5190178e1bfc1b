package org.lsmworkbook.bench;

/**
 * The memory budget every engine gets, so that the comparison is like for like.
 *
 * @param writeBufferSize bytes of writes a memtable takes before it is frozen and flushed
 * @param blockSize bytes an SST data block is filled to
 * @param blockCacheSize the block cache's budget in bytes
 */
public record EngineSettings(long writeBufferSize, int blockSize, long blockCacheSize) {

    /**
     * The benchmark's settings: 64 MiB memtables, 4 KiB blocks, a 32 MiB block cache. Each engine
     * also keeps at most two memtables (one taking writes, one being flushed).
     */
    public static EngineSettings standard() {
        return new EngineSettings(64L << 20, 4096, 32L << 20);
    }

    /**
     * These settings with another write buffer size.
     *
     * @param bytes the write buffer size
     * @return the settings
     */
    public EngineSettings withWriteBufferSize(long bytes) {
        return new EngineSettings(bytes, blockSize, blockCacheSize);
    }

    public EngineSettings {
        if (writeBufferSize < 1 || writeBufferSize > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("writeBufferSize must be between 1 and 2^31-1 bytes, but was "
                    + writeBufferSize);
        }
        if (blockSize < 1) {
            throw new IllegalArgumentException("blockSize must be at least 1, but was " + blockSize);
        }
        if (blockCacheSize < 0) {
            throw new IllegalArgumentException("blockCacheSize must be 0 or more, but was " + blockCacheSize);
        }
    }
}
