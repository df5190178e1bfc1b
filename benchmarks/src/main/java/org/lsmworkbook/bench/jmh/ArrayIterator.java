package org.lsmworkbook.bench.jmh;

import java.util.Objects;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * A {@link StorageIterator} over two arrays of sorted keys and their values: the cheapest possible
 * source, so that a benchmark of an iterator built on top of it measures that iterator and not its
 * sources.
 */
final class ArrayIterator implements StorageIterator {

    private final Bytes[] keys;
    private final Bytes[] values;
    private int index;

    /** An iterator on the first of {@code keys}, which must be sorted and as many as the values. */
    ArrayIterator(Bytes[] keys, Bytes[] values) {
        this.keys = Objects.requireNonNull(keys, "keys");
        this.values = Objects.requireNonNull(values, "values");
        if (keys.length != values.length) {
            throw new IllegalArgumentException(keys.length + " keys but " + values.length + " values");
        }
    }

    @Override
    public Bytes key() {
        return keys[index];
    }

    @Override
    public Bytes value() {
        return values[index];
    }

    @Override
    public boolean isValid() {
        return index < keys.length;
    }

    @Override
    public void next() {
        if (index < keys.length) {
            index++;
        }
    }
}
