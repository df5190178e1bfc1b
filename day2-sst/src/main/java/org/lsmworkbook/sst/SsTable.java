package org.lsmworkbook.sst;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import org.lsmworkbook.block.BigEndian;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

/**
 * A sorted string table: an immutable file of sorted key-value entries, cut into blocks, with an
 * index of the blocks at its end.
 *
 * <h2>File layout (format version 1)</h2>
 *
 * <p>Integers are big-endian; {@code u32} and {@code u64} are unsigned.
 *
 * <pre>
 * +-----------------+-----------------+-----+-------------------+--------------+------------+
 * | stored block 0  | stored block 1  | ... | stored block n-1  | meta section | footer     |
 * +-----------------+-----------------+-----+-------------------+--------------+------------+
 * ^ offset 0                                                    ^ meta_offset   ^ size - 16
 *
 * stored block i:  Block.encode() of the block | checksum: u32 (CRC-32C of the encoded block)
 * meta section:    the block index, see {@link BlockMeta} (it carries its own CRC-32C)
 * footer:          meta_offset: u32 | format_version: u32 | magic: u64
 * </pre>
 *
 * <p>The magic number is the ASCII bytes {@code LSMWBSST} ({@link #MAGIC}); the version is
 * {@link #FORMAT_VERSION}. Stored blocks follow each other without gaps: block {@code i} runs from
 * its offset in the meta to the next block's offset, and the last block ends at {@code meta_offset}.
 *
 * <h2>File layout with a bloom filter (format version 2, bonus task 6)</h2>
 *
 * <p>A builder given bits per key for a {@link BloomFilter} writes the filter after the meta
 * section, and a footer four bytes longer that says where the filter starts:
 *
 * <pre>
 * | stored blocks ... | meta section | filter section | footer (20 bytes)                                     |
 *                     ^ meta_offset  ^ filter_offset  | filter_offset: u32 | meta_offset: u32 | format_version: u32 | magic: u64 |
 *
 * filter section:  the filter, see {@link BloomFilter} (it carries its own CRC-32C)
 * </pre>
 *
 * <p>The last 16 bytes are laid out as in version 1 (the meta offset, the version, the magic), so
 * a reader reads them first and, for version 2, the four bytes before them. The meta section then
 * ends at {@code filter_offset}, and the filter at the footer. A table without a filter is written
 * in version 1, byte for byte as before; this code reads both versions.
 *
 * <h2>Damage</h2>
 *
 * <p>Every truncation and every flipped byte of a file in this format is reported as a {@link
 * CorruptionException} naming the file: the footer, magic and version catch truncation and foreign
 * files when the table is opened; the meta's checksum catches damage to the index when it is
 * opened; each block's checksum catches damage to that block when it is read. A block is never
 * decoded before its checksum matches, so damaged data is never returned as data.
 *
 * <h2>Reading</h2>
 *
 * <p>{@link #open} reads only the footer and the meta section. Blocks are read when asked for: by
 * {@link #readBlock} from the file every time, or by {@link #readBlockCached} through the shared
 * {@link BlockCache}. An {@code SsTable} is immutable and safe to share between threads.
 */
public final class SsTable implements Closeable {

    /** The last 8 bytes of every SST file: the ASCII bytes {@code LSMWBSST}. */
    public static final long MAGIC = 0x4C534D5742535354L;

    /** The version of the layout above that this code writes for a table without a filter, and reads. */
    public static final int FORMAT_VERSION = 1;

    /** The version of a table with a bloom filter (bonus task 6), which this code also writes and reads. */
    public static final int FORMAT_VERSION_WITH_FILTER = 2;

    /** Bytes in the footer: {@code meta_offset u32 | format_version u32 | magic u64}. */
    public static final int FOOTER_SIZE = 16;

    /** Bytes in a version-2 footer: {@code filter_offset u32} and then a version-1 footer. */
    public static final int FOOTER_SIZE_WITH_FILTER = FOOTER_SIZE + 4;

    /** Bytes of the checksum that follows each encoded block. */
    public static final int CHECKSUM_SIZE = 4;

    /**
     * The largest SST file, in bytes: every offset in the file is an {@code int}. A builder refuses
     * to grow a table past it, and {@link #open} reports a larger file as damaged.
     */
    public static final int MAX_TABLE_SIZE = Integer.MAX_VALUE;

    /** The smallest stored block: one entry with a one-byte key and an empty value, plus its checksum. */
    static final int MIN_STORED_BLOCK_SIZE = (2 + 1 + 2) + 2 + 2 + CHECKSUM_SIZE;

    private final long id;
    private final FileObject file;
    private final BlockCache blockCache;
    /**
     * The block index (the meta section), packed into flat arrays: a binary search over the first
     * keys then touches two arrays instead of three objects per probe (a {@link BlockMeta}, its
     * {@link Bytes}, and the bytes), which matters when the index is larger than the CPU's caches,
     * and the index holds no reference to the buffer the meta section was read into. Block {@code
     * i} spans {@code [blockOffsets[i], blockOffsets[i + 1])} of the file (the last entry is the
     * meta offset); its first key is {@code firstKeys[firstKeyStarts[i], firstKeyStarts[i + 1])},
     * and its last key likewise in {@code lastKeys}.
     */
    private final int[] blockOffsets;
    private final byte[] firstKeys;
    private final int[] firstKeyStarts;
    private final byte[] lastKeys;
    private final int[] lastKeyStarts;
    /** The table's first and last keys: views into the arrays above, made once, as every get asks for them. */
    private final Bytes firstKey;
    private final Bytes lastKey;
    /** The table's bloom filter, or null for a table without one (format version 1). */
    private final BloomFilter filter;

    /**
     * A table over an open file whose meta is already known (from {@link #open}, or from the
     * builder that has just written it). The metas are packed into the arrays above and not kept,
     * so their keys may be views into a buffer the caller then drops.
     *
     * @param blockCache may be {@code null}: {@link #readBlockCached} then reads the file
     */
    SsTable(long id, FileObject file, List<BlockMeta> blockMeta, int metaOffset, BlockCache blockCache) {
        this(id, file, blockMeta, metaOffset, blockCache, null);
    }

    /**
     * A table over an open file, as above, with a bloom filter.
     *
     * @param filter the table's filter, or {@code null} for none
     */
    SsTable(long id, FileObject file, List<BlockMeta> blockMeta, int metaOffset, BlockCache blockCache,
            BloomFilter filter) {
        this.filter = filter;
        this.id = id;
        this.file = Objects.requireNonNull(file, "file");
        this.blockCache = blockCache;
        int n = blockMeta.size();
        if (n == 0) {
            throw new IllegalArgumentException("an SST holds at least one block");
        }
        this.blockOffsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
            blockOffsets[i] = blockMeta.get(i).offset();
        }
        blockOffsets[n] = metaOffset;
        this.firstKeyStarts = new int[n + 1];
        this.firstKeys = pack(blockMeta, true, firstKeyStarts);
        this.lastKeyStarts = new int[n + 1];
        this.lastKeys = pack(blockMeta, false, lastKeyStarts);
        this.firstKey = firstKey(0);
        this.lastKey = lastKey(n - 1);
    }

    /** The first (or last) keys of {@code metas}, one after another; {@code starts} gets where each begins. */
    private static byte[] pack(List<BlockMeta> metas, boolean first, int[] starts) {
        long total = 0;
        for (BlockMeta meta : metas) {
            total += (first ? meta.firstKey() : meta.lastKey()).length();
        }
        byte[] packed = new byte[Math.toIntExact(total)];
        int at = 0;
        for (int i = 0; i < metas.size(); i++) {
            Bytes key = first ? metas.get(i).firstKey() : metas.get(i).lastKey();
            starts[i] = at;
            key.copyTo(packed, at);
            at += key.length();
        }
        starts[metas.size()] = at;
        return packed;
    }

    /**
     * Opens the SST in {@code file}: reads and checks its footer and meta section, and no block.
     *
     * <p>On success the table owns {@code file} and closes it in {@link #close()}. On failure the
     * caller still owns it.
     *
     * @param id the table's id, which the block cache keys its blocks by
     * @param blockCache the shared cache, or {@code null} for none
     * @param file the open file
     * @throws CorruptionException if the footer or the meta section is damaged, or the file is not
     *     an SST of this format; the message names the file (its path, {@code file.path().toString()},
     *     as the exception's source) and the offset of the damage. A wrong magic number is reported
     *     with the word {@code magic}, an unknown format version with the word {@code version}.
     * @throws IOException if the file cannot be read
     */
    public static SsTable open(long id, BlockCache blockCache, FileObject file) throws IOException {
        // BEGIN SOLUTION Task 3
        Objects.requireNonNull(file, "file");
        String source = file.path().toString();
        long size = file.size();
        // pit: redundant ConditionalsBoundaryMutator — a file of just a footer also fails the meta-offset check below
        if (size < FOOTER_SIZE) {
            throw new CorruptionException(source, 0, "the file is " + size + " bytes, too short for the "
                    + FOOTER_SIZE + "-byte footer of an SST");
        }
        // Offsets and sizes below are ints: a larger file is not one this code wrote.
        if (size > MAX_TABLE_SIZE) {
            throw new CorruptionException(source, 0, "the file is " + size
                    + " bytes, larger than any SST this code writes (" + MAX_TABLE_SIZE + " bytes)");
        }
        long footerAt = size - FOOTER_SIZE;
        ByteReader footer = new ByteReader(file.read(footerAt, FOOTER_SIZE), 0, FOOTER_SIZE, source, footerAt, "the footer");
        long metaAt = footer.u32("the meta offset");
        long version = footer.u32("the format version");
        long magic = footer.u64("the magic number");
        if (magic != MAGIC) {
            throw new CorruptionException(source, size - 8, String.format(
                    "the magic number is 0x%016x, not 0x%016x (\"LSMWBSST\"): this is not an SST file, or it was cut short",
                    magic, MAGIC));
        }
        if (version != FORMAT_VERSION && version != FORMAT_VERSION_WITH_FILTER) {
            // pit: message MathMutator — the offset of the version field, still inside the file
            throw new CorruptionException(source, footerAt + 4, "format version " + version
                    + " is not supported; this code reads versions " + FORMAT_VERSION + " and "
                    + FORMAT_VERSION_WITH_FILTER);
        }
        // Where the meta section ends: at the footer, or (version 2) at the filter.
        long metaEnd = footerAt;
        long filterAt = -1;
        if (version == FORMAT_VERSION_WITH_FILTER) {
            // pit: redundant ConditionalsBoundaryMutator — a 20-byte file also fails the filter-offset check below
            if (size < FOOTER_SIZE_WITH_FILTER) {
                throw new CorruptionException(source, 0, "the file is " + size + " bytes, too short for the "
                        + FOOTER_SIZE_WITH_FILTER + "-byte footer of format version " + FORMAT_VERSION_WITH_FILTER);
            }
            footerAt = size - FOOTER_SIZE_WITH_FILTER;
            filterAt = new ByteReader(file.read(footerAt, 4), 0, 4, source, footerAt, "the footer")
                    .u32("the filter offset");
            // pit: redundant ConditionalsBoundaryMutator, ConditionalsBoundaryMutator — an empty meta section fails decodeList, an empty filter section BloomFilter.decode
            if (filterAt < metaAt || filterAt > footerAt) {
                throw new CorruptionException(source, footerAt, "the filter offset " + filterAt + " of this format"
                        + " version 2 file is outside the file: the filter section must start after the meta section"
                        + " (offset " + metaAt + ") and end at the footer (offset " + footerAt + ")");
            }
            metaEnd = filterAt;
        }
        // pit: redundant ConditionalsBoundaryMutator — a meta section of 0 bytes fails decodeList
        if (metaAt < MIN_STORED_BLOCK_SIZE || metaAt > metaEnd) {
            throw new CorruptionException(source, footerAt, "the meta offset " + metaAt + " is outside the file: "
                    + "the meta section must start after at least one block (" + MIN_STORED_BLOCK_SIZE
                    // pit: message NegateConditionalsMutator, ConditionalsBoundaryMutator — which section the message names
                    + " bytes) and end at the " + (filterAt < 0 ? "footer" : "filter section") + " (offset " + metaEnd + ")");
        }
        int metaOffset = (int) metaAt;
        List<BlockMeta> metas = BlockMeta.decodeList(
                file.read(metaOffset, (int) (metaEnd - metaOffset)), source, metaOffset);
        // The blocks tile [0, metaOffset): the first starts at 0, and each holds at least one entry.
        if (metas.get(0).offset() != 0) {
            throw new CorruptionException(source, metaOffset, "block 0 starts at " + metas.get(0).offset()
                    + ", but the first block starts at 0");
        }
        for (int i = 1; i < metas.size(); i++) {
            // pit: redundant MathMutator — the meta's checksum vouches for the offsets; this catches only a writer's bug
            int gap = metas.get(i).offset() - metas.get(i - 1).offset();
            if (gap < MIN_STORED_BLOCK_SIZE) {
                // pit: message MathMutator — which block the message names
                throw new CorruptionException(source, metaOffset, "block " + i + " starts " + gap + " bytes after block "
                        + (i - 1) + ", but a block with its checksum takes at least " + MIN_STORED_BLOCK_SIZE + " bytes");
            }
        }
        int lastStart = metas.get(metas.size() - 1).offset();
        // pit: redundant MathMutator — the meta's checksum vouches for the offsets; this catches only a writer's bug
        if (metaOffset - lastStart < MIN_STORED_BLOCK_SIZE) {
            throw new CorruptionException(source, metaOffset, "the last block starts at " + lastStart
                    + ", too close to the meta section at " + metaOffset + " to hold an entry and its checksum");
        }
        BloomFilter filter = null;
        // pit: equivalent ConditionalsBoundaryMutator — filterAt is -1 or at least the meta offset, never 0
        if (filterAt >= 0) {
            int filterLength = (int) (footerAt - filterAt);
            filter = BloomFilter.decode(file.read(filterAt, filterLength), 0, filterLength, source, filterAt);
        }
        return new SsTable(id, file, metas, metaOffset, blockCache, filter);
        // END SOLUTION
    }

    /**
     * Reads block {@code blockIdx} from the file, checks its checksum, and decodes it. Does not
     * use the cache.
     *
     * @throws IllegalArgumentException if {@code blockIdx} is not in {@code [0, numBlocks())}
     * @throws CorruptionException if the block is damaged; the message names the file (its path as
     *     the exception's source), the block as {@code "block " + blockIdx} (for example "block 3"),
     *     and the offset
     * @throws IOException if the file cannot be read
     */
    public Block readBlock(int blockIdx) throws IOException {
        // BEGIN SOLUTION Task 3
        checkBlockIdx(blockIdx);
        int start = blockOffsets[blockIdx];
        int stored = storedBlockSize(blockIdx);
        byte[] bytes = file.read(start, stored);
        int encodedLength = stored - CHECKSUM_SIZE;
        // open() checked that every stored block holds its checksum, so the read is in range. The
        // error messages are built only on failure: this runs for every block read from disk.
        int expected = BigEndian.getI32(bytes, encodedLength);
        int actual = Checksums.crc32c(bytes, 0, encodedLength);
        if (expected != actual) {
            throw new CorruptionException(file.path().toString(), start, "block " + blockIdx
                    + " does not match its checksum: stored " + Checksums.hex(expected) + ", computed "
                    + Checksums.hex(actual));
        }
        try {
            // The checksum after the block is left out by the length: no copy of the block for it.
            return Block.decode(bytes, encodedLength);
        } catch (CorruptionException e) {
            // The checksum matched, so the writer wrote a bad block; report it against the file.
            // pit: redundant MathMutator, NegateConditionalsMutator — a block whose checksum matches was written by the encoder and decodes
            long at = e.offset() == CorruptionException.UNKNOWN_OFFSET ? start : start + e.offset();
            throw new CorruptionException(file.path().toString(), at, "block " + blockIdx + ": " + e.problem(), e);
        }
        // END SOLUTION
    }

    /**
     * Block {@code blockIdx}, from the block cache if the table has one (loading it on a miss with
     * {@link #readBlock}), otherwise from the file.
     *
     * @throws IllegalArgumentException if {@code blockIdx} is not in {@code [0, numBlocks())}
     * @throws CorruptionException if the block has to be read and is damaged
     * @throws IOException if the block has to be read and the file cannot be read
     */
    public Block readBlockCached(int blockIdx) throws IOException {
        if (blockCache == null) {
            return readBlock(blockIdx);
        }
        // BEGIN SOLUTION Task 5
        checkBlockIdx(blockIdx);
        return blockCache.getOrLoad(id, blockIdx, storedBlockSize(blockIdx), () -> readBlock(blockIdx));
        // END SOLUTION
    }

    /**
     * The index of the block that holds {@code key} if the table holds it: the last block whose
     * first key is {@code <= key}, or block 0 if {@code key} is smaller than every key. A binary
     * search over the blocks' first keys, which reads no block.
     *
     * <p>The key may still be absent, or (when it falls between two blocks) larger than every key
     * of the block returned; then the next entry at or after {@code key} is the first of the next
     * block.
     */
    public int findBlockIdx(Bytes key) {
        // BEGIN SOLUTION Task 3
        Objects.requireNonNull(key, "key");
        // Blocks [0, lo) have first key <= key, blocks [hi, n) have first key > key.
        // The first keys are packed in one array (see the fields), so no object is touched per probe.
        int lo = 0;
        int hi = numBlocks();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (key.compareTo(firstKeys, firstKeyStarts[mid], firstKeyStarts[mid + 1]) >= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return Math.max(0, lo - 1);
        // END SOLUTION
    }

    /**
     * Whether the table may hold {@code key}: false only if its bloom filter (bonus task 6) says the
     * key was never added. A table without a filter always says true. Reads nothing from the file;
     * it does not look at the table's key range either (see {@link #firstKey()} and {@link
     * #lastKey()} for that).
     *
     * @param key the key
     * @return false if the key is surely absent
     */
    public boolean mayContain(Bytes key) {
        Objects.requireNonNull(key, "key");
        return filter == null || filter.mayContain(key);
    }

    /** The table's bloom filter (bonus task 6), or empty for a table written without one. */
    public java.util.Optional<BloomFilter> bloomFilter() {
        return java.util.Optional.ofNullable(filter);
    }

    /** How many blocks the table holds; at least one. */
    public int numBlocks() {
        return blockOffsets.length - 1;
    }

    /**
     * What the meta section says about block {@code blockIdx}: its offset, first key and last key.
     * Made on each call from the packed index; the keys are views into it, not copies.
     */
    public BlockMeta blockMeta(int blockIdx) {
        checkBlockIdx(blockIdx);
        return new BlockMeta(blockOffsets[blockIdx], firstKey(blockIdx), lastKey(blockIdx));
    }

    /** The smallest key in the table. */
    public Bytes firstKey() {
        return firstKey;
    }

    /** The largest key in the table. */
    public Bytes lastKey() {
        return lastKey;
    }

    /** The file's size in bytes. */
    public long tableSize() {
        return file.size();
    }

    /** The table's id. */
    public long id() {
        return id;
    }

    /** The file the table is read from. */
    public FileObject file() {
        return file;
    }

    /** Closes the file. Cached blocks of this table stay in the cache until they are evicted. */
    @Override
    public void close() throws IOException {
        file.close();
    }

    @Override
    public String toString() {
        return "SsTable[id " + id + ", " + file.path() + ", " + numBlocks() + " blocks, "
                + firstKey() + " .. " + lastKey() + "]";
    }

    /** Bytes block {@code blockIdx} takes in the file, checksum included. */
    int storedBlockSize(int blockIdx) {
        return blockOffsets[blockIdx + 1] - blockOffsets[blockIdx];
    }

    /**
     * Compares {@code key} with the last key of block {@code blockIdx}, as {@code
     * key.compareTo(blockMeta(blockIdx).lastKey())} would, from the packed copy of the meta.
     */
    int compareWithLastKey(Bytes key, int blockIdx) {
        return key.compareTo(lastKeys, lastKeyStarts[blockIdx], lastKeyStarts[blockIdx + 1]);
    }

    private Bytes firstKey(int blockIdx) {
        int from = firstKeyStarts[blockIdx];
        return Bytes.wrap(firstKeys, from, firstKeyStarts[blockIdx + 1] - from);
    }

    private Bytes lastKey(int blockIdx) {
        int from = lastKeyStarts[blockIdx];
        return Bytes.wrap(lastKeys, from, lastKeyStarts[blockIdx + 1] - from);
    }

    private void checkBlockIdx(int blockIdx) {
        int n = numBlocks();
        if (blockIdx < 0 || blockIdx >= n) {
            throw new IllegalArgumentException("block index " + blockIdx + " is out of range: "
                    + file.path() + " has " + n + " blocks (0 to " + (n - 1) + ")");
        }
    }
}
