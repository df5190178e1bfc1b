package org.lsmworkbook.bench;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The benchmark's values: {@link #VALUE_SIZE} bytes cut from one buffer of seeded random bytes.
 *
 * <p>The buffer is made once; each {@link #next()} copies the next slice into a fresh array. The
 * copy is deliberate: every engine gets an array it owns, as from an application that builds each
 * value anew (MiniLsm and LevelDB-iq80 keep the array they are given, RocksDB copies it). It costs
 * the same for every engine. The bytes are random, so they would not compress; no engine
 * compresses here anyway.
 */
final class Values {

    /** Bytes in every value. */
    static final int VALUE_SIZE = 100;

    /** A prime number of bytes, so that successive slices start at many different offsets. */
    private static final int BUFFER_SIZE = (1 << 20) + 7;

    private final byte[] buffer = new byte[BUFFER_SIZE];
    private int position;

    Values(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        random.nextBytes(buffer);
    }

    /** A fresh array with the next {@link #VALUE_SIZE} bytes. */
    byte[] next() {
        if (position + VALUE_SIZE > buffer.length) {
            position = 0;
        }
        byte[] value = Arrays.copyOfRange(buffer, position, position + VALUE_SIZE);
        position += VALUE_SIZE + 1; // + 1: the next slice starts at another offset modulo the size
        return value;
    }
}
