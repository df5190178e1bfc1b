package org.lsmworkbook.sst;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.kv.Bytes;

/**
 * Builds an SST file from entries added in strictly increasing key order.
 *
 * <p>Entries go into a {@link BlockBuilder}; when it is full, the block is encoded, followed by
 * its checksum, appended to the file's bytes, and its {@link BlockMeta} remembered, and a new block
 * starts. {@link #build} finishes the last block, appends the meta section and the footer (the
 * layout is in {@link SsTable}'s class comment) and writes the file in one piece with {@link
 * FileObject#create}.
 *
 * <p>A builder builds one table. It is not thread-safe.
 */
public final class SsTableBuilder {

    private final int blockSize;
    // BEGIN SOLUTION
    private BlockBuilder blockBuilder;
    private final ByteSink data = new ByteSink(1 << 16);
    private final List<BlockMeta> metas = new ArrayList<>();
    private Bytes blockFirstKey;
    private Bytes lastKey;
    private boolean built;
    // END SOLUTION

    /**
     * A builder that cuts blocks of about {@code blockSize} bytes.
     *
     * @param blockSize the target size of each block, as for {@link BlockBuilder#BlockBuilder(int)}
     * @throws IllegalArgumentException if {@code blockSize} is not in {@code [1, 65536]}
     */
    public SsTableBuilder(int blockSize) {
        // BEGIN SOLUTION Task 2
        this.blockBuilder = new BlockBuilder(blockSize); // checks the size
        this.blockSize = blockSize;
        // END SOLUTION
    }

    /**
     * Adds an entry. An empty value is a tombstone, stored like any value.
     *
     * @throws IllegalArgumentException if the key is empty, too long, or not greater than the key
     *     added before it (in this block or an earlier one), or the value is too long
     * @throws IllegalStateException if the table was already built
     */
    public void add(Bytes key, Bytes value) {
        // BEGIN SOLUTION Task 2
        checkNotBuilt();
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        // The block builder checks order within its block; across blocks it is this builder's job.
        // pit: redundant ConditionalsBoundaryMutator — the block builder holds the last key and refuses an equal one itself
        if (lastKey != null && key.compareTo(lastKey) <= 0) {
            throw new IllegalArgumentException("keys must be added in strictly increasing order, but "
                    + key + " came after " + lastKey);
        }
        if (!blockBuilder.add(key, value)) {
            finishBlock();
            blockBuilder.add(key, value); // the first entry of a new block is always accepted
        }
        if (blockFirstKey == null) {
            blockFirstKey = key;
        }
        lastKey = key;
        // END SOLUTION
    }

    /** Whether no entry was added yet. */
    public boolean isEmpty() {
        // BEGIN SOLUTION Task 2
        return lastKey == null;
        // END SOLUTION
    }

    /**
     * About how large the file would be if it were built now, without its meta section and footer:
     * the stored blocks so far plus the block being filled. Callers use it to cut tables of a target
     * size.
     */
    public int estimatedSize() {
        // BEGIN SOLUTION Task 2
        return data.size() + (blockBuilder.isEmpty() ? 0 : blockBuilder.estimatedSize() + SsTable.CHECKSUM_SIZE);
        // END SOLUTION
    }

    /**
     * Finishes the table, writes it to a new file at {@code path} (durably, see {@link
     * FileObject#create}), and returns it open for reading. The builder cannot be used afterwards.
     *
     * @param id the table's id
     * @param blockCache the cache the table reads its blocks through, or {@code null} for none
     * @param path where to write; the file must not exist
     * @throws IllegalStateException if no entry was added, or the table was already built
     * @throws IOException if the file cannot be written
     */
    public SsTable build(long id, BlockCache blockCache, Path path) throws IOException {
        // BEGIN SOLUTION Task 2
        checkNotBuilt();
        if (isEmpty()) {
            throw new IllegalStateException("cannot build an empty SST: add at least one entry first");
        }
        finishBlock();
        built = true;
        int metaOffset = data.size();
        data.put(BlockMeta.encodeList(metas));
        data.putU32(metaOffset);
        data.putU32(SsTable.FORMAT_VERSION);
        data.putU64(SsTable.MAGIC);
        // The buffer as it is, not data.toByteArray(): that would copy the whole table once more.
        FileObject file = FileObject.create(path, data.array(), data.size());
        return new SsTable(id, file, metas, metaOffset, blockCache);
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** Appends the block being filled, and its checksum, to the file, and starts a new block. */
    private void finishBlock() {
        Block block = blockBuilder.build();
        byte[] encoded = block.encode();
        int offset = data.size();
        data.put(encoded);
        data.putU32(Checksums.crc32c(encoded, 0, encoded.length));
        // Copies, so that the index does not keep the caller's (possibly large) arrays alive.
        metas.add(new BlockMeta(offset, Bytes.copyOf(blockFirstKey), Bytes.copyOf(lastKey)));
        blockBuilder = new BlockBuilder(blockSize);
        blockFirstKey = null;
    }

    private void checkNotBuilt() {
        if (built) {
            throw new IllegalStateException("this builder has already built its table; use a new builder");
        }
    }
    // END SOLUTION
}
