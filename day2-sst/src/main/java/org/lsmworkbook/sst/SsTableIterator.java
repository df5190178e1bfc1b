package org.lsmworkbook.sst;

import java.io.IOException;
import java.util.Objects;
import org.lsmworkbook.block.BlockIterator;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * Iterates over an SST's entries in key order, holding one block at a time.
 *
 * <p>The iterator reads blocks through {@link SsTable#readBlockCached}, so a table with a block
 * cache shares decoded blocks between iterators. When the current block runs out, {@link #next()}
 * moves to the first entry of the next block; when the last block runs out, the iterator is
 * invalid.
 *
 * <p>If reading a block fails (damage, I/O error), the exception reaches the caller of the method
 * that moved the iterator, and the iterator is invalid afterwards.
 *
 * <p>Keys and values are views into the current block. Not thread-safe.
 */
public final class SsTableIterator implements StorageIterator {

    private final SsTable table;
    // BEGIN SOLUTION
    private int blockIdx;
    /** The current block's iterator; {@code null} once the iterator is invalid. */
    private BlockIterator blockIterator;
    // END SOLUTION

    private SsTableIterator(SsTable table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /** An iterator positioned at the table's first entry. */
    public static SsTableIterator createAndSeekToFirst(SsTable table) throws IOException {
        // BEGIN SOLUTION Task 4
        SsTableIterator it = new SsTableIterator(table);
        it.seekToFirst();
        return it;
        // END SOLUTION
    }

    /**
     * An iterator positioned at the first entry whose key is {@code >= key}; invalid if there is
     * none.
     */
    public static SsTableIterator createAndSeekToKey(SsTable table, Bytes key) throws IOException {
        // BEGIN SOLUTION Task 4
        SsTableIterator it = new SsTableIterator(table);
        it.seekToKey(key);
        return it;
        // END SOLUTION
    }

    /** Moves to the table's first entry. */
    public void seekToFirst() throws IOException {
        // BEGIN SOLUTION Task 4
        loadBlock(0);
        // pit: equivalent VoidMethodCallMutator — loadBlock positions the new block iterator on its first entry already
        blockIterator.seekToFirst();
        // END SOLUTION
    }

    /**
     * Moves to the first entry whose key is {@code >= key}. A key between two blocks lands on the
     * next block's first key; a key past the table's last key makes the iterator invalid.
     */
    public void seekToKey(Bytes key) throws IOException {
        // BEGIN SOLUTION Task 4
        Objects.requireNonNull(key, "key");
        int idx = table.findBlockIdx(key);
        // The block's last key is in the meta: if it is smaller than key, skip reading the block.
        if (table.compareWithLastKey(key, idx) > 0) {
            idx++;
        }
        if (idx >= table.numBlocks()) {
            blockIterator = null;
            return;
        }
        loadBlock(idx);
        blockIterator.seekToKey(key);
        // END SOLUTION
    }

    @Override
    public Bytes key() {
        // BEGIN SOLUTION Task 4
        checkValid();
        return blockIterator.key();
        // END SOLUTION
    }

    @Override
    public Bytes value() {
        // BEGIN SOLUTION Task 4
        checkValid();
        return blockIterator.value();
        // END SOLUTION
    }

    @Override
    public boolean isValid() {
        // BEGIN SOLUTION Task 4
        return blockIterator != null && blockIterator.isValid();
        // END SOLUTION
    }

    /** Moves to the next entry, reading the next block when this one runs out. */
    @Override
    public void next() throws IOException {
        // BEGIN SOLUTION Task 4
        if (!isValid()) {
            return;
        }
        blockIterator.next();
        if (!blockIterator.isValid()) {
            if (blockIdx + 1 < table.numBlocks()) {
                loadBlock(blockIdx + 1);
                // pit: equivalent VoidMethodCallMutator — loadBlock positions the new block iterator on its first entry already
                blockIterator.seekToFirst();
            } else {
                blockIterator = null;
            }
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION
    private void loadBlock(int idx) throws IOException {
        blockIterator = null; // if the read fails, the iterator stays invalid
        blockIdx = idx;
        blockIterator = BlockIterator.createAndSeekToFirst(table.readBlockCached(idx));
    }

    private void checkValid() {
        if (!isValid()) {
            throw new IllegalStateException("the iterator is past the last entry; check isValid() first");
        }
    }
    // END SOLUTION
}
