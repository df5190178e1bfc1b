package org.lsmworkbook.sst;

import java.util.Arrays;
import org.lsmworkbook.block.BigEndian;
import org.lsmworkbook.kv.Bytes;

/**
 * A growable byte array that the SST's meta section is assembled in, with writers for the integer
 * fields of the format (big-endian, through {@link BigEndian}). Given code: it has nothing to teach.
 * The blocks themselves never pass through it: the builder streams them to the file.
 */
final class ByteSink {

    /** The largest array a JVM reliably allocates. */
    static final int MAX_SIZE = Integer.MAX_VALUE - 8;

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
        BigEndian.putU16(buf, size, value);
        size += 2;
    }

    /** Writes {@code value} as 4 bytes, big-endian. */
    void putU32(long value) {
        ensure(4);
        BigEndian.putU32(buf, size, value);
        size += 4;
    }

    /** Writes {@code value} as 8 bytes, big-endian. */
    void putU64(long value) {
        ensure(8);
        BigEndian.putU64(buf, size, value);
        size += 8;
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
            throw new IllegalStateException("a byte sink holds at most " + MAX_SIZE + " bytes; it already holds "
                    + size + " bytes and " + extra + " more were added");
        }
        if (size + extra > buf.length) {
            long grown = Math.max(2L * buf.length, (long) size + extra);
            buf = Arrays.copyOf(buf, (int) Math.min(grown, MAX_SIZE));
        }
    }
}
