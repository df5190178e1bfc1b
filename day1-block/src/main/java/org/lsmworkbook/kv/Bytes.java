package org.lsmworkbook.kv;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable string of bytes: the type of every key and value in the engine.
 *
 * <p>A {@code Bytes} is a window {@code [offset, offset + length)} onto a byte array. {@link
 * #wrap(byte[])} and {@link #slice(int, int)} make views that share the array, so reading a key out
 * of a block costs no copy; {@link #copyOf(byte[])} makes an independent copy. Whoever hands an
 * array to {@code wrap} promises not to change it afterwards: that promise is what makes sharing
 * safe.
 *
 * <p>Order is <em>unsigned</em> lexicographic, as in every LSM engine: byte {@code 0x80} sorts after
 * {@code 0x7F}, although Java's signed {@code byte} says {@code (byte) 0x80 < 0x7F}. A proper prefix
 * sorts before the longer string. {@link #equals} and {@link #hashCode} compare content, never the
 * backing array.
 */
public final class Bytes implements Comparable<Bytes> {

    private static final byte[] NO_BYTES = new byte[0];

    /** The empty byte string. As a value it is a tombstone: the mark of a deleted key. */
    public static final Bytes EMPTY = new Bytes(NO_BYTES, 0, 0);

    private final byte[] array;
    private final int offset;
    private final int length;

    private Bytes(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** The UTF-8 bytes of {@code text}. */
    public static Bytes of(String text) {
        Objects.requireNonNull(text, "text");
        return wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A view of the whole array, without copying. The caller must not change the array later. */
    public static Bytes wrap(byte[] array) {
        Objects.requireNonNull(array, "array");
        return array.length == 0 ? EMPTY : new Bytes(array, 0, array.length);
    }

    /**
     * A view of {@code array[offset, offset + length)}, without copying. The caller must not
     * change that range later.
     *
     * @throws IndexOutOfBoundsException if the range does not lie inside the array
     */
    public static Bytes wrap(byte[] array, int offset, int length) {
        Objects.requireNonNull(array, "array");
        Objects.checkFromIndexSize(offset, length, array.length);
        return length == 0 ? EMPTY : new Bytes(array, offset, length);
    }

    /** An independent copy of the whole array. */
    public static Bytes copyOf(byte[] array) {
        Objects.requireNonNull(array, "array");
        return copyOf(array, 0, array.length);
    }

    /**
     * An independent copy of {@code array[from, to)}.
     *
     * @throws IndexOutOfBoundsException if the range does not lie inside the array
     */
    public static Bytes copyOf(byte[] array, int from, int to) {
        Objects.requireNonNull(array, "array");
        Objects.checkFromToIndex(from, to, array.length);
        return from == to ? EMPTY : new Bytes(Arrays.copyOfRange(array, from, to), 0, to - from);
    }

    /** An independent copy of {@code bytes}, sharing nothing with the array behind it. */
    public static Bytes copyOf(Bytes bytes) {
        return copyOf(bytes.array, bytes.offset, bytes.offset + bytes.length);
    }

    /** The number of bytes. */
    public int length() {
        return length;
    }

    /** True if this is the empty string (as a value: a tombstone). */
    public boolean isEmpty() {
        return length == 0;
    }

    /**
     * The byte at {@code index}, as an unsigned value from 0 to 255.
     *
     * @throws IndexOutOfBoundsException if {@code index} is not in {@code [0, length())}
     */
    public int byteAt(int index) {
        Objects.checkIndex(index, length);
        return array[offset + index] & 0xFF;
    }

    /**
     * A view of bytes {@code [from, to)} of this string, sharing its array.
     *
     * @throws IndexOutOfBoundsException if the range does not lie inside {@code [0, length()]}
     */
    public Bytes slice(int from, int to) {
        Objects.checkFromToIndex(from, to, length);
        if (from == 0 && to == length) {
            return this;
        }
        return from == to ? EMPTY : new Bytes(array, offset + from, to - from);
    }

    /** A new array holding these bytes. */
    public byte[] toByteArray() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /**
     * Copies these bytes into {@code dest} at {@code destOffset}: the way to serialise a key or a
     * value without an intermediate array.
     *
     * @throws IndexOutOfBoundsException if {@code dest} has no room for {@link #length()} bytes there
     */
    public void copyTo(byte[] dest, int destOffset) {
        Objects.checkFromIndexSize(destOffset, length, dest.length);
        System.arraycopy(array, offset, dest, destOffset, length);
    }

    /** The bytes decoded as UTF-8 (malformed sequences become U+FFFD). */
    public String toUtf8String() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    /**
     * Compares as unsigned bytes, left to right; a proper prefix sorts first. Java's bytes are
     * signed, so comparing them with {@code <} would put {@code 0x80} before {@code 0x7F}.
     */
    @Override
    public int compareTo(Bytes other) {
        return Arrays.compareUnsigned(
                array, offset, offset + length,
                other.array, other.offset, other.offset + other.length);
    }

    /**
     * Compares these bytes with {@code array[from, to)}, in the same unsigned order as {@link
     * #compareTo(Bytes)}: the way to compare with a key that sits inside a larger array (a block, an
     * index) without wrapping it in a {@code Bytes} first.
     *
     * @throws IndexOutOfBoundsException if the range does not lie inside the array
     */
    public int compareTo(byte[] other, int from, int to) {
        return Arrays.compareUnsigned(array, offset, offset + length, other, from, to);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Bytes)) {
            return false;
        }
        Bytes other = (Bytes) o;
        return Arrays.equals(
                array, offset, offset + length,
                other.array, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset, end = offset + length; i < end; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    /**
     * A readable rendering for messages and debugging: printable ASCII as itself, every other byte
     * as {@code \xNN}, in double quotes; for example {@code "key\x80"}. Long strings are cut after
     * 64 bytes and the full length is given.
     */
    @Override
    public String toString() {
        int shown = Math.min(length, 64);
        StringBuilder sb = new StringBuilder(shown + 16).append('"');
        for (int i = 0; i < shown; i++) {
            int b = array[offset + i] & 0xFF;
            if (b == '"' || b == '\\') {
                sb.append('\\').append((char) b);
            } else if (b >= 0x20 && b < 0x7F) {
                sb.append((char) b);
            } else {
                sb.append("\\x").append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            }
        }
        sb.append('"');
        if (shown < length) {
            sb.append("...(").append(length).append(" bytes)");
        }
        return sb.toString();
    }
}
