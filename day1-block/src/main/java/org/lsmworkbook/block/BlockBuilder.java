package org.lsmworkbook.block;

import java.util.Arrays;
import java.util.Objects;
import org.lsmworkbook.kv.Bytes;

/**
 * Packs key-value entries, added in strictly increasing key order, into a {@link Block} of at most
 * {@code blockSize} encoded bytes.
 *
 * <p>{@link #add} says {@code false} when the next entry would push the encoded block past {@code
 * blockSize}; the caller then builds this block and starts a new one. The one exception is the
 * first entry, which is always accepted, however large: otherwise an entry bigger than a block
 * could never be stored. Such a block is simply larger than {@code blockSize}.
 *
 * <p>The encoded size of a block with entries {@code e}, counted as {@link Block} lays it out, is
 * {@code sum(2 + key + 2 + value) + 2 * count + 2}.
 */
public final class BlockBuilder {

    /**
     * The largest block size: every offset in a block is a {@code u16}, so every entry but a lone
     * oversized one must start below 65,536.
     */
    public static final int MAX_BLOCK_SIZE = 1 << 16;

    private final int blockSize;
    // BEGIN SOLUTION
    private byte[] data;
    private int dataSize;
    private int[] offsets = new int[16];
    private int numEntries;
    private Bytes lastKey;
    // END SOLUTION

    /**
     * A builder for blocks of at most {@code blockSize} encoded bytes.
     *
     * @throws IllegalArgumentException if {@code blockSize} is not between 1 and {@link
     *     #MAX_BLOCK_SIZE}; the message names that limit as the number {@code 65536} (digits only,
     *     as the tests look for it)
     */
    public BlockBuilder(int blockSize) {
        // BEGIN SOLUTION Task 1
        if (blockSize < 1 || blockSize > MAX_BLOCK_SIZE) {
            throw new IllegalArgumentException("block size must be between 1 and " + MAX_BLOCK_SIZE
                    + " bytes (offsets are u16), but was " + blockSize);
        }
        this.blockSize = blockSize;
        this.data = new byte[blockSize];
        // END SOLUTION
    }

    /**
     * Adds an entry if it fits.
     *
     * @param key not empty, at most {@link Block#MAX_KEY_LENGTH} bytes, and greater than every key
     *     added before
     * @param value at most {@link Block#MAX_VALUE_LENGTH} bytes; empty for a tombstone
     * @return true if the entry was added; false if the block is full (nothing changed then). The
     *     first entry is always added.
     * @throws IllegalArgumentException if the key is empty, too long, or not greater than the last
     *     key, or if the value is too long; the message names the broken limit, in these words: an
     *     empty key's message contains {@code empty}; a key or value longer than {@link
     *     Block#MAX_KEY_LENGTH} or {@link Block#MAX_VALUE_LENGTH} bytes gets one that contains the
     *     number {@code 65535} (digits only); a key that is not greater than the last one, one that
     *     contains {@code increasing} (as in "keys must be added in strictly increasing order")
     */
    public boolean add(Bytes key, Bytes value) {
        // BEGIN SOLUTION Task 1
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty");
        }
        if (key.length() > Block.MAX_KEY_LENGTH) {
            throw new IllegalArgumentException("key is " + key.length() + " bytes, but a key is at most "
                    + Block.MAX_KEY_LENGTH + " bytes (its length is a u16)");
        }
        if (value.length() > Block.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("value is " + value.length() + " bytes, but a value is at most "
                    + Block.MAX_VALUE_LENGTH + " bytes (its length is a u16)");
        }
        if (lastKey != null && key.compareTo(lastKey) <= 0) {
            throw new IllegalArgumentException("keys must be added in strictly increasing order, but "
                    + key + " came after " + lastKey);
        }
        int entrySize = Block.SIZE_OF_U16 + key.length() + Block.SIZE_OF_U16 + value.length();
        // An entry also costs its u16 offset.
        if (numEntries > 0 && estimatedSize() + entrySize + Block.SIZE_OF_U16 > blockSize) {
            return false;
        }
        // pit: equivalent ConditionalsBoundaryMutator — growing when the entry fits exactly changes only the spare capacity
        if (dataSize + entrySize > data.length) {
            // pit: equivalent MathMutator — another growth factor changes only the spare capacity, never the bytes
            data = Arrays.copyOf(data, Math.max(2 * data.length, dataSize + entrySize));
        }
        if (numEntries == offsets.length) {
            offsets = Arrays.copyOf(offsets, 2 * offsets.length);
        }
        offsets[numEntries++] = dataSize;
        BigEndian.putU16(data, dataSize, key.length());
        key.copyTo(data, dataSize + Block.SIZE_OF_U16);
        dataSize += Block.SIZE_OF_U16 + key.length();
        BigEndian.putU16(data, dataSize, value.length());
        value.copyTo(data, dataSize + Block.SIZE_OF_U16);
        dataSize += Block.SIZE_OF_U16 + value.length();
        lastKey = key;
        return true;
        // END SOLUTION
    }

    /** True if no entry has been added yet. */
    public boolean isEmpty() {
        // BEGIN SOLUTION Task 1
        return numEntries == 0;
        // END SOLUTION
    }

    /**
     * The size in bytes that {@code build().encode()} would have now: entries, offsets and the
     * count. For an empty builder, 2 (just the count).
     */
    public int estimatedSize() {
        // BEGIN SOLUTION Task 1
        return dataSize + Block.SIZE_OF_U16 * numEntries + Block.SIZE_OF_U16;
        // END SOLUTION
    }

    /**
     * The block of every entry added so far. The builder is left as it was.
     *
     * @throws IllegalStateException if no entry was added: a block holds at least one
     */
    public Block build() {
        // BEGIN SOLUTION Task 1
        if (numEntries == 0) {
            throw new IllegalStateException("cannot build an empty block: add at least one entry first");
        }
        return new Block(Arrays.copyOf(data, dataSize), Arrays.copyOf(offsets, numEntries));
        // END SOLUTION
    }

    /**
     * Empties the builder, so that it starts the next block as a new builder of the same block size
     * would: no entries, an {@link #estimatedSize()} of 2, no last key to compare the next key with,
     * and {@link #build()} refused until an entry is added. Blocks built before are not affected.
     *
     * <p>An SST builder (day 2) fills one block after another through one block builder and resets
     * it after each block, rather than allocate a new buffer for every block.
     */
    public void reset() {
        // BEGIN SOLUTION Task 1
        dataSize = 0;
        numEntries = 0;
        lastKey = null;
        // END SOLUTION
    }
}
