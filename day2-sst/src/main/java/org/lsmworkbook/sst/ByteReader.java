package org.lsmworkbook.sst;

import org.lsmworkbook.block.BigEndian;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;

/**
 * Reads big-endian fields (with {@link BigEndian}) from a range of a byte array, refusing to read
 * past the range's end.
 *
 * <p>Given code for decoding the SST's meta and footer: every read names what it reads, so that a
 * damaged file is reported as "the first key of block 3 runs past the end of the meta" with the
 * file name and the byte offset in the file, never as an {@code ArrayIndexOutOfBoundsException}.
 */
final class ByteReader {

    private final byte[] buf;
    private final int end;
    private final String source;
    private final long fileOffsetOfBuf;
    private final String region;
    private int pos;

    /**
     * @param buf the bytes
     * @param from where reading starts
     * @param end where the readable range ends (exclusive)
     * @param source the file name, for error messages
     * @param fileOffsetOfBuf where {@code buf[0]} sits in the file, so errors give file offsets
     * @param region what the range is ("the meta", "the footer"), for error messages
     */
    ByteReader(byte[] buf, int from, int end, String source, long fileOffsetOfBuf, String region) {
        this.buf = buf;
        this.pos = from;
        this.end = end;
        this.source = source;
        this.fileOffsetOfBuf = fileOffsetOfBuf;
        this.region = region;
    }

    /** Bytes left before the end of the range. */
    int remaining() {
        return end - pos;
    }

    /** The file offset of the next byte to be read. */
    long fileOffset() {
        return fileOffsetOfBuf + pos;
    }

    int u16(String what) throws CorruptionException {
        require(2, what);
        int value = BigEndian.getU16(buf, pos);
        pos += 2;
        return value;
    }

    /** An unsigned 32-bit field, as a non-negative {@code long}. */
    long u32(String what) throws CorruptionException {
        require(4, what);
        long value = BigEndian.getU32(buf, pos);
        pos += 4;
        return value;
    }

    long u64(String what) throws CorruptionException {
        require(8, what);
        long value = BigEndian.getU64(buf, pos);
        pos += 8;
        return value;
    }

    /** The next {@code length} bytes, as a view of the buffer (not a copy). */
    Bytes bytes(int length, String what) throws CorruptionException {
        require(length, what);
        Bytes bytes = Bytes.wrap(buf, pos, length);
        pos += length;
        return bytes;
    }

    /** A {@link CorruptionException} at the current position, naming the file. */
    CorruptionException corrupt(String problem) {
        return new CorruptionException(source, fileOffset(), problem);
    }

    private void require(int length, String what) throws CorruptionException {
        if (length > end - pos) {
            throw corrupt(what + " (" + length + " bytes) runs past the end of " + region
                    + ", which has " + (end - pos) + " bytes left");
        }
    }
}
