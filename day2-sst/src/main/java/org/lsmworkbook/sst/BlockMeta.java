package org.lsmworkbook.sst;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

/**
 * What an SST's index says about one of its blocks: where it starts in the file, and its first and
 * last keys. The list of all of them is the SST's <em>meta</em> section, which {@link SsTable#open}
 * reads so that it can find the block a key must be in without reading any block.
 *
 * <h2>Encoded layout of the meta section</h2>
 *
 * <p>Integers are big-endian; {@code u16} and {@code u32} are unsigned.
 *
 * <pre>
 * +------------------+---------+---------+-----+-------------+----------------+
 * | num_blocks: u32  | entry 0 | entry 1 | ... | entry n-1   | checksum: u32  |
 * +------------------+---------+---------+-----+-------------+----------------+
 *   \_______________ covered by the checksum (CRC-32C) ______/
 *
 * entry i:  offset: u32 | first_key_len: u16 | first_key | last_key_len: u16 | last_key
 * </pre>
 *
 * <p>Rules of a well-formed meta section, all checked by {@link #decodeList}: at least one block;
 * the checksum matches; keys are not empty; in each block {@code first_key <= last_key}; each block's
 * first key is greater than the previous block's last key; nothing follows the last entry but the
 * checksum. Whether the offsets fit the file is {@link SsTable#open}'s to check, since only it knows
 * where the blocks end.
 *
 * @param offset where the block starts in the file, counted in bytes from the start
 * @param firstKey the block's first (smallest) key
 * @param lastKey the block's last (largest) key
 */
public record BlockMeta(int offset, Bytes firstKey, Bytes lastKey) {

    /** Bytes taken by the block count and by the checksum of the meta section, each a {@code u32}. */
    static final int SIZE_OF_U32 = 4;

    /** The smallest entry: a {@code u32} offset and two one-byte keys with their {@code u16} lengths. */
    static final int MIN_ENTRY_SIZE = SIZE_OF_U32 + 2 * (Block.SIZE_OF_U16 + 1);

    /**
     * Checks the fields.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or a key is empty
     */
    public BlockMeta {
        Objects.requireNonNull(firstKey, "firstKey");
        Objects.requireNonNull(lastKey, "lastKey");
        if (offset < 0) {
            throw new IllegalArgumentException("a block's offset cannot be negative, but was " + offset);
        }
        if (firstKey.isEmpty() || lastKey.isEmpty()) {
            throw new IllegalArgumentException("a block's first and last keys are never empty");
        }
    }

    /**
     * Encodes the meta section for {@code metas}, in the layout above, checksum included.
     *
     * @param metas the blocks' metadata, in file order
     * @return the bytes of the meta section
     */
    public static byte[] encodeList(List<BlockMeta> metas) {
        // BEGIN SOLUTION Task 2
        // pit: equivalent MathMutator, MathMutator — only the first capacity of the growing sink
        ByteSink sink = new ByteSink(SIZE_OF_U32 * 2 + metas.size() * 32);
        sink.putU32(metas.size());
        for (BlockMeta meta : metas) {
            sink.putU32(meta.offset());
            sink.putU16(meta.firstKey().length());
            sink.put(meta.firstKey());
            sink.putU16(meta.lastKey().length());
            sink.put(meta.lastKey());
        }
        sink.putU32(Checksums.crc32c(sink.array(), 0, sink.size()));
        return sink.toByteArray();
        // END SOLUTION
    }

    /**
     * Decodes a meta section written by {@link #encodeList}, checking every rule above.
     *
     * <p>The keys of the result may be views into {@code encoded}; the caller must not change it.
     *
     * @param encoded the bytes of the meta section, exactly
     * @param source the file the section was read from, for error messages
     * @param fileOffset where the section starts in that file, so errors can give file offsets
     * @throws CorruptionException if the section is damaged, with {@code source} as its {@code
     *     source()}, an {@code offset()} in the file (from {@code fileOffset} to {@code fileOffset +
     *     encoded.length}), and what is wrong. Damaged input never surfaces as another exception.
     */
    public static List<BlockMeta> decodeList(byte[] encoded, String source, long fileOffset)
            throws CorruptionException {
        // BEGIN SOLUTION Task 3
        // pit: redundant ConditionalsBoundaryMutator — an 8-byte section also fails the block-count checks below
        if (encoded.length < 2 * SIZE_OF_U32) {
            throw new CorruptionException(source, fileOffset, "the meta section is " + encoded.length
                    + " bytes, too short for its block count and checksum (" + 2 * SIZE_OF_U32 + " bytes)");
        }
        int checksumAt = encoded.length - SIZE_OF_U32;
        ByteReader trailer = new ByteReader(encoded, checksumAt, encoded.length, source, fileOffset, "the meta section");
        int stored = (int) trailer.u32("the meta checksum");
        int computed = Checksums.crc32c(encoded, 0, checksumAt);
        if (stored != computed) {
            throw new CorruptionException(source, fileOffset + checksumAt, "the meta checksum does not match: stored "
                    + Checksums.hex(stored) + ", computed " + Checksums.hex(computed));
        }
        ByteReader in = new ByteReader(encoded, 0, checksumAt, source, fileOffset, "the meta section");
        long count = in.u32("the block count");
        if (count == 0) {
            throw new CorruptionException(source, fileOffset, "the block count is 0, but an SST holds at least one block");
        }
        // Checked before allocating anything sized by the count.
        // pit: redundant MathMutator — a count that passes the weakened check still runs out of bytes below, after a small allocation
        if (count > in.remaining() / MIN_ENTRY_SIZE) {
            // pit: message MathMutator — the byte count the message quotes
            throw new CorruptionException(source, fileOffset, "the block count " + count + " needs at least "
                    + count * MIN_ENTRY_SIZE + " bytes of entries, but the meta section has " + in.remaining());
        }
        List<BlockMeta> metas = new ArrayList<>((int) count);
        Bytes previousLast = null;
        for (int i = 0; i < count; i++) {
            long entryAt = in.fileOffset();
            long offset = in.u32("the offset of block " + i);
            Bytes first = in.bytes(in.u16("the first-key length of block " + i), "the first key of block " + i);
            Bytes last = in.bytes(in.u16("the last-key length of block " + i), "the last key of block " + i);
            if (offset > Integer.MAX_VALUE) {
                throw new CorruptionException(source, entryAt, "block " + i + " starts at " + offset
                        + ", beyond the largest SST this code writes");
            }
            if (first.isEmpty() || last.isEmpty()) {
                throw new CorruptionException(source, entryAt, "block " + i + " has an empty first or last key");
            }
            if (first.compareTo(last) > 0) {
                throw new CorruptionException(source, entryAt, "block " + i + "'s first key " + first
                        + " is greater than its last key " + last);
            }
            if (previousLast != null && previousLast.compareTo(first) >= 0) {
                // pit: message MathMutator — which block the message names
                throw new CorruptionException(source, entryAt, "block " + i + "'s first key " + first
                        + " is not greater than block " + (i - 1) + "'s last key " + previousLast);
            }
            metas.add(new BlockMeta((int) offset, first, last));
            previousLast = last;
        }
        if (in.remaining() != 0) {
            throw in.corrupt(in.remaining() + " stray bytes follow the last entry of the meta section");
        }
        return metas;
        // END SOLUTION
    }
}
