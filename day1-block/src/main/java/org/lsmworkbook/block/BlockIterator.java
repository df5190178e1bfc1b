package org.lsmworkbook.block;

import java.util.Objects;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * Walks the entries of one {@link Block} in key order, and seeks to a key by binary search over
 * the block's offsets.
 *
 * <p>Keys and values are views into the block's data ({@link Bytes#wrap(byte[], int, int)}), not
 * copies: iterating a block allocates no byte arrays. They stay valid as long as the block does,
 * which is forever, since blocks are immutable.
 *
 * <p>Tombstones (empty values) are entries like any other here; hiding them is the engine's job.
 * After the last entry the iterator is invalid; {@link #next()} then does nothing, and {@link
 * #key()} and {@link #value()} throw {@link IllegalStateException}.
 */
public final class BlockIterator implements StorageIterator {

    private final Block block;
    // BEGIN SOLUTION
    /** The current entry's index; {@code block.numEntries()} once past the end. */
    private int index;
    private Bytes key;
    private Bytes value;
    // END SOLUTION

    private BlockIterator(Block block) {
        this.block = Objects.requireNonNull(block, "block");
    }

    /** An iterator positioned on the block's first entry. */
    public static BlockIterator createAndSeekToFirst(Block block) {
        // BEGIN SOLUTION Task 3
        BlockIterator it = new BlockIterator(block);
        it.seekToFirst();
        return it;
        // END SOLUTION
    }

    /**
     * An iterator positioned on the first entry whose key is greater than or equal to {@code key};
     * invalid if every key in the block is smaller.
     */
    public static BlockIterator createAndSeekToKey(Block block, Bytes key) {
        // BEGIN SOLUTION Task 4
        BlockIterator it = new BlockIterator(block);
        it.seekToKey(key);
        return it;
        // END SOLUTION
    }

    /** Moves to the first entry of the block. */
    public void seekToFirst() {
        // BEGIN SOLUTION Task 3
        moveTo(0);
        // END SOLUTION
    }

    /**
     * Moves to the first entry whose key is greater than or equal to {@code key}, or makes the
     * iterator invalid if there is none. Works in any direction, from any position.
     */
    public void seekToKey(Bytes key) {
        // BEGIN SOLUTION Task 4
        Objects.requireNonNull(key, "key");
        // Binary search for the first entry whose key is >= key: entries [0, lo) are smaller,
        // entries [hi, n) are not.
        // Each probe compares with the key in place in the block's data: no view is made for it.
        byte[] data = block.data();
        int lo = 0;
        int hi = block.numEntries();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            int at = block.offset(mid);
            int keyFrom = at + Block.SIZE_OF_U16;
            if (key.compareTo(data, keyFrom, keyFrom + BigEndian.getU16(data, at)) > 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        moveTo(lo);
        // END SOLUTION
    }

    @Override
    public Bytes key() {
        // BEGIN SOLUTION Task 3
        checkValid();
        return key;
        // END SOLUTION
    }

    @Override
    public Bytes value() {
        // BEGIN SOLUTION Task 3
        checkValid();
        return value;
        // END SOLUTION
    }

    @Override
    public boolean isValid() {
        // BEGIN SOLUTION Task 3
        return index < block.numEntries();
        // END SOLUTION
    }

    @Override
    public void next() {
        // BEGIN SOLUTION Task 3
        if (isValid()) {
            moveTo(index + 1);
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** Positions on entry {@code i}, or past the end when {@code i == numEntries()}. */
    private void moveTo(int i) {
        index = i;
        if (!isValid()) {
            key = null; // past the end: drop the views rather than keep stale ones
            value = null;
            return;
        }
        byte[] data = block.data();
        int at = block.offset(i);
        int keyLength = BigEndian.getU16(data, at);
        int keyFrom = at + Block.SIZE_OF_U16;
        int valueAt = keyFrom + keyLength;
        key = Bytes.wrap(data, keyFrom, keyLength);
        value = Bytes.wrap(data, valueAt + Block.SIZE_OF_U16, BigEndian.getU16(data, valueAt));
    }

    private void checkValid() {
        if (!isValid()) {
            throw new IllegalStateException("the iterator is past the last entry; check isValid() first");
        }
    }
    // END SOLUTION
}
