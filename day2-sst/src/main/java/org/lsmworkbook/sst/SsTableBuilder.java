package org.lsmworkbook.sst;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.lsmworkbook.block.BigEndian;
import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.kv.Bytes;

/**
 * Writes an SST file from entries added in strictly increasing key order, streaming it to disk one
 * block at a time.
 *
 * <p>The constructor creates the file ({@link FileObject#createWriter}). Entries go into one
 * {@link BlockBuilder}; when it is full, the block is encoded and written to the file at once,
 * followed by its checksum, its {@link BlockMeta} is remembered, and the block builder is {@link
 * BlockBuilder#reset() reset} for the next block. {@link #build} writes the last block, the meta
 * section and the footer (the layout is in {@link SsTable}'s class comment), forces the file and
 * returns the table. So a builder holds one block and the index in memory, never the whole table.
 *
 * <p><b>A file that looks complete is a complete one.</b> The footer, with its magic number, is
 * written last, and {@code build} returns only once the file is forced. A builder that fails
 * half-way, because a write fails or the caller gives up and calls {@link #close()} before {@code
 * build}, deletes its file (see {@link FileObject.Writer}), and can then no longer be used. Offsets
 * are {@code int}s: a table whose blocks would reach past {@link SsTable#MAX_TABLE_SIZE} bytes fails
 * with an {@code ArithmeticException}, and {@code close()} deletes its file. A rejected entry ({@code
 * IllegalArgumentException} from {@link #add}) is not a failure: it changes nothing.
 *
 * <p><b>Bonus task 6: a bloom filter.</b> A builder made with bits per key ({@link
 * #SsTableBuilder(int, int, Path)}) also remembers each key's {@link BloomFilter#hash hash}, and
 * {@code build} writes a {@link BloomFilter} of them after the meta section, in format version 2.
 *
 * <p>A builder writes one table. It is not thread-safe.
 */
public final class SsTableBuilder implements Closeable {

    private final int blockSize;
    // BEGIN SOLUTION
    private final BlockBuilder blockBuilder;
    private final FileObject.Writer out;
    private final List<BlockMeta> metas = new ArrayList<>();
    private Bytes blockFirstKey;
    private Bytes lastKey;
    private boolean done;
    // END SOLUTION
    /** 0 for no filter, or the bloom filter's bits per key (bonus task 6). Given: set by the constructor. */
    private int bloomBitsPerKey;
    // BEGIN SOLUTION Task 6 (bonus: bloom filter)
    /** The hashes of the keys added so far, for the filter. */
    private long[] keyHashes = new long[256];
    private int numKeys;
    // END SOLUTION

    /**
     * Creates the file at {@code path} and a builder that cuts blocks of about {@code blockSize}
     * bytes into it.
     *
     * @param blockSize the target size of each block, as for {@link BlockBuilder#BlockBuilder(int)}
     * @param path where to write the table; the file must not exist
     * @throws IllegalArgumentException if {@code blockSize} is not in {@code [1, 65536]}; no file is
     *     created then
     * @throws java.nio.file.FileAlreadyExistsException if {@code path} exists
     * @throws IOException if the file cannot be created
     */
    public SsTableBuilder(int blockSize, Path path) throws IOException {
        // BEGIN SOLUTION Task 2
        this.blockBuilder = new BlockBuilder(blockSize); // checks the size before the file exists
        this.blockSize = blockSize;
        this.out = FileObject.createWriter(path);
        // END SOLUTION
    }

    /**
     * Creates the file at {@code path} and a builder that cuts blocks of about {@code blockSize}
     * bytes into it and, if {@code bloomBitsPerKey} is not 0, writes a {@link BloomFilter} of its
     * keys with that many bits per key (bonus task 6: the table is then written in format version
     * 2, see {@link SsTable}). With 0 it writes exactly what {@link #SsTableBuilder(int, Path)} does.
     *
     * @param blockSize the target size of each block, as for {@link BlockBuilder#BlockBuilder(int)}
     * @param bloomBitsPerKey 0 for no filter, or the filter's bits per key (1 to {@link
     *     BloomFilter#MAX_BITS_PER_KEY})
     * @param path where to write the table; the file must not exist
     * @throws IllegalArgumentException if {@code blockSize} is not in {@code [1, 65536]} or {@code
     *     bloomBitsPerKey} is out of range; no file is created then
     * @throws java.nio.file.FileAlreadyExistsException if {@code path} exists
     * @throws IOException if the file cannot be created
     */
    public SsTableBuilder(int blockSize, int bloomBitsPerKey, Path path) throws IOException {
        this(blockSize, checkBloomBitsPerKey(bloomBitsPerKey, path)); // checked before the file exists
        this.bloomBitsPerKey = bloomBitsPerKey;
    }

    /** Returns {@code path} if {@code bloomBitsPerKey} is valid: a check that runs before {@code this(...)}. */
    private static Path checkBloomBitsPerKey(int bloomBitsPerKey, Path path) {
        if (bloomBitsPerKey < 0 || bloomBitsPerKey > BloomFilter.MAX_BITS_PER_KEY) {
            throw new IllegalArgumentException("bloomBitsPerKey must be 0 (no filter) or between 1 and "
                    + BloomFilter.MAX_BITS_PER_KEY + ", but was " + bloomBitsPerKey);
        }
        return path;
    }

    /**
     * Adds an entry. An empty value is a tombstone, stored like any value. When the entry does not
     * fit the block being filled, that block is written to the file first.
     *
     * @throws IllegalArgumentException if the key is empty, too long, or not greater than the key
     *     added before it (in this block or an earlier one), or the value is too long; nothing
     *     changes then
     * @throws IllegalStateException if the table was already built, or the builder was closed or
     *     failed
     * @throws IOException if a block cannot be written; the file is deleted then
     */
    public void add(Bytes key, Bytes value) throws IOException {
        // BEGIN SOLUTION Task 2
        checkUsable();
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
        // pit: equivalent ConditionalsBoundaryMutator — with 0 bits per key, build never reads the hashes
        if (bloomBitsPerKey > 0) {
            addToFilter(key);
        }
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
     * the stored blocks written so far plus the block being filled. Callers use it to cut tables of
     * a target size.
     */
    public long estimatedSize() {
        // BEGIN SOLUTION Task 2
        return out.size() + (blockBuilder.isEmpty() ? 0 : blockBuilder.estimatedSize() + SsTable.CHECKSUM_SIZE);
        // END SOLUTION
    }

    /**
     * Finishes the table: writes the last block, the meta section and the footer, forces the file
     * (see {@link FileObject.Writer#finish}), and returns the table open for reading. The builder
     * cannot be used afterwards.
     *
     * @param id the table's id
     * @param blockCache the cache the table reads its blocks through, or {@code null} for none
     * @throws IllegalStateException if no entry was added (the builder stays usable then), or the
     *     table was already built, or the builder was closed or failed
     * @throws IOException if the file cannot be written or forced; the file is deleted then
     */
    public SsTable build(long id, BlockCache blockCache) throws IOException {
        // BEGIN SOLUTION Task 2
        // pit: redundant VoidMethodCallMutator — a second build finds the block builder empty or the writer done, and either refuses with an IllegalStateException
        checkUsable();
        if (isEmpty()) {
            throw new IllegalStateException("cannot build an empty SST: add at least one entry first");
        }
        finishBlock();
        done = true;
        int metaOffset = Math.toIntExact(out.size()); // offsets are ints
        byte[] meta = BlockMeta.encodeList(metas);
        out.write(meta, 0, meta.length);
        BloomFilter filter = null;
        byte[] footer;
        if (bloomBitsPerKey == 0) {
            footer = new byte[SsTable.FOOTER_SIZE];
            BigEndian.putU32(footer, 0, metaOffset);
            BigEndian.putU32(footer, 4, SsTable.FORMAT_VERSION);
            BigEndian.putU64(footer, 8, SsTable.MAGIC);
        } else {
            int filterOffset = Math.toIntExact(out.size());
            filter = buildFilter();
            byte[] encoded = filter.encode();
            out.write(encoded, 0, encoded.length);
            footer = new byte[SsTable.FOOTER_SIZE_WITH_FILTER];
            BigEndian.putU32(footer, 0, filterOffset);
            BigEndian.putU32(footer, 4, metaOffset);
            BigEndian.putU32(footer, 8, SsTable.FORMAT_VERSION_WITH_FILTER);
            BigEndian.putU64(footer, 12, SsTable.MAGIC);
        }
        out.write(footer, 0, footer.length); // last: until it is there, the file is not an SST
        FileObject file = out.finish();
        return new SsTable(id, file, metas, metaOffset, blockCache, filter);
        // END SOLUTION
    }

    /**
     * Gives up the table if it was not built: deletes the file. Does nothing after {@link #build}
     * (the table owns the file then) or a first {@code close()}. Use the builder in a
     * try-with-resources statement, so that an exception between the constructor and {@code build}
     * leaves no file behind.
     *
     * @throws IOException if the file cannot be closed or deleted
     */
    @Override
    public void close() throws IOException {
        // BEGIN SOLUTION Task 2
        done = true;
        out.close();
        // END SOLUTION
    }

    /** Remembers {@code key}'s {@link BloomFilter#hash hash} for the filter (bonus task 6). */
    private void addToFilter(Bytes key) {
        // BEGIN SOLUTION Task 6 (bonus: bloom filter)
        if (numKeys == keyHashes.length) {
            keyHashes = Arrays.copyOf(keyHashes, Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, 2L * numKeys)));
        }
        keyHashes[numKeys++] = BloomFilter.hash(key);
        // END SOLUTION
    }

    /** The filter of every key added (bonus task 6); the hashes are dropped. */
    private BloomFilter buildFilter() {
        // BEGIN SOLUTION Task 6 (bonus: bloom filter)
        BloomFilter filter = BloomFilter.build(keyHashes, numKeys, bloomBitsPerKey);
        keyHashes = null;
        return filter;
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** Writes the block being filled, and its checksum, to the file, and starts a new block. */
    private void finishBlock() throws IOException {
        byte[] encoded = blockBuilder.build().encode();
        int offset = Math.toIntExact(out.size()); // offsets are ints
        byte[] checksum = new byte[SsTable.CHECKSUM_SIZE];
        BigEndian.putU32(checksum, 0, Checksums.crc32c(encoded, 0, encoded.length));
        done = true; // until both writes succeed: a failed write has deleted the file
        out.write(encoded, 0, encoded.length);
        out.write(checksum, 0, checksum.length);
        done = false;
        // Copies, so that the index does not keep the caller's (possibly large) arrays alive.
        metas.add(new BlockMeta(offset, Bytes.copyOf(blockFirstKey), Bytes.copyOf(lastKey)));
        blockBuilder.reset();
        blockFirstKey = null;
    }

    private void checkUsable() {
        if (done) {
            throw new IllegalStateException("this builder has built its table, was closed, or failed; use a new builder");
        }
    }
    // END SOLUTION
}
