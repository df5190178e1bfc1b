package org.lsmworkbook.sst;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.util.Objects;
import org.lsmworkbook.block.Block;

/**
 * Decoded blocks kept in memory, shared by every SST of an engine, bounded in bytes.
 *
 * <p>A block is identified by its SST's id and its index in that SST. Each block weighs what it
 * takes on disk, and the cache evicts blocks (by Caffeine's W-TinyLFU policy: recent and frequent
 * blocks stay) so that the total stays within {@link #capacityBytes()}.
 *
 * <p>When several threads miss the same block at the same time, only one of them reads it from
 * the file; the others wait for that read and share its result. Without this, a popular block that
 * has just been evicted would be read, checked and decoded once per waiting reader.
 *
 * <p>A load that fails is not cached: the error reaches the caller that ran the loader, and a
 * caller that was waiting for that load runs its own loader instead (so it may succeed, or fail in
 * its turn).
 */
public final class BlockCache {

    /** Reads and decodes one block on a cache miss. */
    @FunctionalInterface
    public interface BlockLoader {
        /**
         * Loads the block.
         *
         * @throws IOException if it cannot be read, or is damaged
         */
        Block load() throws IOException;
    }

    private final long capacityBytes;
    // BEGIN SOLUTION
    private final Cache<BlockId, Sized> cache;

    /**
     * The cache key. A plain class rather than a record: a record's equals and hashCode go through
     * a generic bootstrap, and every block read looks a key up.
     */
    private static final class BlockId {
        final long sstId;
        final int blockIdx;

        BlockId(long sstId, int blockIdx) {
            this.sstId = sstId;
            this.blockIdx = blockIdx;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BlockId && ((BlockId) o).sstId == sstId && ((BlockId) o).blockIdx == blockIdx;
        }

        @Override
        public int hashCode() {
            // pit: equivalent MathMutator, PrimitiveReturnsMutator — a weaker hash spreads keys worse; equals() still decides
            return 31 * Long.hashCode(sstId) + blockIdx;
        }
    }

    private record Sized(Block block, int weight) {
    }

    /** Carries a loader's checked exception through Caffeine, which takes only unchecked ones. */
    private static final class LoadFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        LoadFailure(IOException cause) {
            super(cause);
        }
    }
    // END SOLUTION

    /**
     * A cache that holds at most {@code capacityBytes} bytes of blocks.
     *
     * @param capacityBytes the budget in bytes; 0 keeps nothing (every read goes to the file)
     * @throws IllegalArgumentException if {@code capacityBytes} is negative
     */
    public BlockCache(long capacityBytes) {
        // BEGIN SOLUTION Task 5
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("block cache capacity must be 0 or more bytes, but was " + capacityBytes);
        }
        this.capacityBytes = capacityBytes;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(capacityBytes)
                .weigher((BlockId id, Sized sized) -> sized.weight())
                // Evict on the calling thread: no background pool, and sizes are exact after cleanUp().
                .executor(Runnable::run)
                .build();
        // END SOLUTION
    }

    /**
     * The block {@code blockIdx} of SST {@code sstId}: from memory if it is cached, otherwise from
     * {@code loader}, once, however many threads ask at the same time.
     *
     * @param sstId the SST's id
     * @param blockIdx the block's index in that SST
     * @param weight what the block weighs in the cache: its size in bytes on disk
     * @param loader reads the block on a miss
     * @throws IOException what {@code loader} threw; nothing is cached then
     */
    public Block getOrLoad(long sstId, int blockIdx, int weight, BlockLoader loader) throws IOException {
        // BEGIN SOLUTION Task 5
        Objects.requireNonNull(loader, "loader");
        if (weight < 0) {
            throw new IllegalArgumentException("a block's weight must be 0 or more bytes, but was " + weight);
        }
        try {
            return cache.get(new BlockId(sstId, blockIdx), id -> {
                try {
                    return new Sized(Objects.requireNonNull(loader.load(), "the loader returned null"), weight);
                } catch (IOException e) {
                    throw new LoadFailure(e);
                }
            }).block();
        } catch (LoadFailure e) {
            throw (IOException) e.getCause();
        }
        // END SOLUTION
    }

    /** The cached block, or {@code null} if it is not in the cache. Never loads. */
    public Block getIfPresent(long sstId, int blockIdx) {
        // BEGIN SOLUTION Task 5
        Sized sized = cache.getIfPresent(new BlockId(sstId, blockIdx));
        return sized == null ? null : sized.block();
        // END SOLUTION
    }

    /** The total weight of the blocks in the cache now, in bytes; at most {@link #capacityBytes()}. */
    public long weightedSize() {
        // BEGIN SOLUTION Task 5
        // pit: equivalent VoidMethodCallMutator — with the same-thread executor every write has finished its evictions already
        cache.cleanUp(); // finish pending evictions, so the figure is settled
        return cache.policy().eviction().orElseThrow().weightedSize().orElseThrow();
        // END SOLUTION
    }

    /** The budget in bytes, as given to the constructor. */
    public long capacityBytes() {
        return capacityBytes;
    }
}
