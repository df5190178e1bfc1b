package org.lsmworkbook.block;

/**
 * Reads and writes the fixed-width integers of the workbook's file formats: unsigned, big-endian
 * (most significant byte first), at a position of a byte array.
 *
 * <p>Given code, the one place the byte order is spelled out: blocks (day 1) and SST files (day 2)
 * both use it. The getters return unsigned values: a {@code u16} as an {@code int} from 0 to
 * 65,535, a {@code u32} as a {@code long} from 0 to 2<sup>32</sup> - 1. A {@code u64} comes back as
 * a {@code long} with the same 64 bits (negative when the top bit is set). The putters write the low
 * 16, 32 or 64 bits of the value and ignore the rest. Positions are not checked beyond what the
 * array itself checks: reading or writing past its end throws {@code
 * ArrayIndexOutOfBoundsException}, so callers that read untrusted bytes check lengths first.
 */
public final class BigEndian {

    private BigEndian() {
    }

    /** The {@code u16} at {@code buf[at]} and {@code buf[at + 1]}, as 0 to 65,535. */
    public static int getU16(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 8) | (buf[at + 1] & 0xFF);
    }

    /** Writes the low 16 bits of {@code value} at {@code buf[at]} and {@code buf[at + 1]}. */
    public static void putU16(byte[] buf, int at, int value) {
        buf[at] = (byte) (value >>> 8);
        buf[at + 1] = (byte) value;
    }

    /** The {@code u32} at {@code buf[at]} to {@code buf[at + 3]}, as 0 to 4,294,967,295. */
    public static long getU32(byte[] buf, int at) {
        return getI32(buf, at) & 0xFFFF_FFFFL;
    }

    /**
     * The same 4 bytes as {@link #getU32}, as an {@code int} (negative when the top bit is set): for
     * fields that are compared bit for bit, like a checksum.
     */
    public static int getI32(byte[] buf, int at) {
        return ((buf[at] & 0xFF) << 24) | ((buf[at + 1] & 0xFF) << 16) | ((buf[at + 2] & 0xFF) << 8)
                | (buf[at + 3] & 0xFF);
    }

    /** Writes the low 32 bits of {@code value} at {@code buf[at]} to {@code buf[at + 3]}. */
    public static void putU32(byte[] buf, int at, long value) {
        buf[at] = (byte) (value >>> 24);
        buf[at + 1] = (byte) (value >>> 16);
        buf[at + 2] = (byte) (value >>> 8);
        buf[at + 3] = (byte) value;
    }

    /** The 8 bytes at {@code buf[at]} to {@code buf[at + 7]}, as the 64 bits of a {@code long}. */
    public static long getU64(byte[] buf, int at) {
        return ((long) getI32(buf, at) << 32) | (getI32(buf, at + 4) & 0xFFFF_FFFFL);
    }

    /** Writes {@code value} at {@code buf[at]} to {@code buf[at + 7]}. */
    public static void putU64(byte[] buf, int at, long value) {
        putU32(buf, at, value >>> 32);
        putU32(buf, at + 4, value);
    }
}
