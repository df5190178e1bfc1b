package org.lsmworkbook.sst;

import java.util.Arrays;
import org.lsmworkbook.kv.Bytes;

/**
 * A growable byte array that SST files are assembled in, with big-endian writers for the integer
 * fields of the format. Given code: it has nothing to teach, and every writer of the format needs it.
 */
final class ByteSink {

    /** The largest array a JVM reliably allocates; an SST built in memory cannot be larger. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

    /** The size from which the array grows by a quarter rather than doubling. */
    private static final int GENTLE_GROWTH_FROM = 16 << 20;

    private byte[] buf;
    private int size;

    ByteSink(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    /** How many bytes have been written so far; also the offset the next byte will have. */
    int size() {
        return size;
    }

    void put(byte[] bytes) {
        put(bytes, 0, bytes.length);
    }

    void put(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buf, size, length);
        size += length;
    }

    void put(Bytes bytes) {
        ensure(bytes.length());
        bytes.copyTo(buf, size);
        size += bytes.length();
    }

    /** Writes the low 16 bits of {@code value}, big-endian. */
    void putU16(int value) {
        ensure(2);
        buf[size++] = (byte) (value >>> 8);
        buf[size++] = (byte) value;
    }

    /** Writes {@code value} as 4 bytes, big-endian. */
    void putU32(int value) {
        ensure(4);
        for (int shift = 24; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
    }

    /** Writes {@code value} as 8 bytes, big-endian. */
    void putU64(long value) {
        ensure(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[size++] = (byte) (value >>> shift);
        }
    }

    /** The bytes written so far, in an array of exactly {@link #size()} bytes. */
    byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    /** The internal array; only its first {@link #size()} bytes are meaningful. */
    byte[] array() {
        return buf;
    }

    private void ensure(int extra) {
        if (extra > MAX_SIZE - size) {
            throw new IllegalStateException("an SST file is built in memory and can be at most "
                    + MAX_SIZE + " bytes; it already holds " + size + " bytes and " + extra + " more were added");
        }
        if (size + extra > buf.length) {
            // Doubling is cheap for small tables, but a 64 MiB table would grow into a 128 MiB
            // array while the old one is still live, next to full memtables on the same heap.
            // Past 16 MiB the array grows by a quarter: a few more copies, a third less peak.
            long step = buf.length < GENTLE_GROWTH_FROM ? buf.length : buf.length / 4;
            long grown = Math.max((long) buf.length + step, (long) size + extra);
            buf = Arrays.copyOf(buf, (int) Math.min(grown, MAX_SIZE));
        }
    }
}
