package org.lsmworkbook.bench;

/**
 * The benchmark's keys: 16 ASCII digits, zero-padded, so that byte order is number order.
 *
 * <p>Key number {@code i} (0 &lt;= i &lt; N) is the decimal of {@code 10 * i}, for example {@code
 * present(42)} is {@code "0000000000000420"}. A key that cannot exist, {@code missing(i)}, is the
 * decimal of {@code 10 * i + 5}: also 16 bytes, never equal to a present key, and sorted between
 * {@code present(i)} and {@code present(i + 1)}. So the missing keys lie inside the key range of
 * every file, as in db_bench's {@code readmissing}: no engine can answer them from the range alone.
 */
public final class Keys {

    /** Bytes in every key. */
    public static final int KEY_SIZE = 16;

    /** The largest key number: {@code 10 * i + 5} must still fit in 16 decimal digits. */
    public static final long MAX_INDEX = 999_999_999_999_999L;

    private Keys() {}

    /** The key of entry {@code i}: 16 digits of {@code 10 * i}. */
    public static byte[] present(long i) {
        byte[] key = new byte[KEY_SIZE];
        encode(checkIndex(i) * 10, key, 0);
        return key;
    }

    /** A key that no fill writes, sorted just after {@code present(i)}: 16 digits of {@code 10 * i + 5}. */
    public static byte[] missing(long i) {
        byte[] key = new byte[KEY_SIZE];
        encode(checkIndex(i) * 10 + 5, key, 0);
        return key;
    }

    /** The key number of a present key, or -1 if {@code key} is not one (wrong length, not digits, a missing key). */
    public static long indexOf(byte[] key) {
        if (key.length != KEY_SIZE) {
            return -1;
        }
        long n = 0;
        for (byte b : key) {
            if (b < '0' || b > '9') {
                return -1;
            }
            n = n * 10 + (b - '0');
        }
        return n % 10 == 0 ? n / 10 : -1;
    }

    /** Writes {@code value} as 16 zero-padded decimal digits into {@code dest} at {@code offset}. */
    static void encode(long value, byte[] dest, int offset) {
        long v = value;
        for (int i = offset + KEY_SIZE - 1; i >= offset; i--) {
            dest[i] = (byte) ('0' + (int) (v % 10));
            v /= 10;
        }
        if (v != 0 || value < 0) {
            throw new IllegalArgumentException(value + " does not fit in " + KEY_SIZE + " decimal digits");
        }
    }

    private static long checkIndex(long i) {
        if (i < 0 || i > MAX_INDEX) {
            throw new IllegalArgumentException("key number must be between 0 and " + MAX_INDEX + ", but was " + i);
        }
        return i;
    }
}
