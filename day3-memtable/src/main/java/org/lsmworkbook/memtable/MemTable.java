package org.lsmworkbook.memtable;

import java.util.Arrays;
import java.util.Collections;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * The in-memory table that every write lands in first: a sorted map from key to value, kept in a
 * {@link ConcurrentSkipListMap} ordered by {@link Arrays#compareUnsigned(byte[], byte[])}, the
 * same unsigned order as {@link Bytes#compareTo}.
 *
 * <p>A memtable only grows. A put of a key that is already there replaces its value; a delete is a
 * put of {@link Bytes#EMPTY}, a <em>tombstone</em>, which is stored like any other value so that it
 * can hide older values of the key in older memtables and SST files. Nothing is ever removed.
 *
 * <p><b>Keys are arrays of their own; values are stored as given.</b> The skip list holds each key
 * as a {@code byte[]} copied from the {@link Bytes} given to {@link #put} ({@link
 * Bytes#toByteArray()}), not as the {@code Bytes} itself. Finding a key's place in the list is
 * nearly all of a put's time, and every comparison on the way follows pointers that are likely
 * cache misses: from a node to a {@code Bytes} to its array is one more than from a node straight
 * to an array. The copy of a 16-byte key costs less than that pointer saves, and a memtable entry
 * is one object smaller. Values are never compared, and are stored as given, without copying: {@link
 * Bytes} are immutable, and whoever wrapped an array promised not to change it.
 *
 * <p>A memtable is safe for concurrent use without locks: any number of threads may {@link #put},
 * {@link #get} and {@link #scan} at the same time. A scan is <em>weakly consistent</em> (see {@link
 * MemTableIterator}).
 */
public final class MemTable {

    /**
     * The entries, sorted by key: each key an array of its own, in unsigned byte order. Look keys up
     * as arrays ({@code key.toByteArray()}): {@code get(Object)} also accepts a {@code Bytes}, which
     * then fails inside the comparator with a {@link ClassCastException}.
     */
    private final ConcurrentSkipListMap<byte[], Bytes> map = new ConcurrentSkipListMap<>(Arrays::compareUnsigned);
    /** The running total that {@link #approximateSize()} reports. */
    private final LongAdder approximateSize = new LongAdder();
    private final long id;

    private MemTable(long id) {
        this.id = id;
    }

    /** A new, empty memtable with the given id. The engine numbers memtables and SSTs together. */
    public static MemTable create(long id) {
        // BEGIN SOLUTION Task 1
        return new MemTable(id);
        // END SOLUTION
    }

    /**
     * Stores {@code value} under {@code key}, replacing any value the key had. An empty value is a
     * tombstone and is stored like any other value. The key is stored as a copy of its bytes, the
     * value as given.
     *
     * <p>Adds {@code key.length() + value.length()} to {@link #approximateSize()}, also when the key
     * was already there.
     *
     * @throws NullPointerException if {@code key} or {@code value} is null; the message names it
     *     ({@code "key"} or {@code "value"})
     * @throws IllegalArgumentException if {@code key} is empty (keys are never empty), or the key or
     *     the value is longer than a block can store ({@link Block#MAX_KEY_LENGTH}, {@link
     *     Block#MAX_VALUE_LENGTH}): refused now, it cannot fail later when the memtable is flushed.
     *     The message of an empty key contains {@code empty}; that of a key or value too long
     *     contains the limit as the number {@code 65535} (digits only)
     */
    public void put(Bytes key, Bytes value) {
        // BEGIN SOLUTION Task 1
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (key.isEmpty()) {
            throw new IllegalArgumentException("key must not be empty (an empty value is a tombstone, but keys are never empty)");
        }
        if (key.length() > Block.MAX_KEY_LENGTH || value.length() > Block.MAX_VALUE_LENGTH) {
            throw new IllegalArgumentException("a key is at most " + Block.MAX_KEY_LENGTH + " bytes and a value at most "
                    + Block.MAX_VALUE_LENGTH + " bytes (what a block can store), but this key is " + key.length()
                    + " bytes and the value " + value.length());
        }
        map.put(key.toByteArray(), value);
        approximateSize.add((long) key.length() + value.length());
        // END SOLUTION
    }

    /**
     * The value stored under {@code key}: null if the key was never put, an empty {@link Bytes} if
     * its latest value is a tombstone. The caller must tell the two apart: a tombstone means
     * "deleted, do not look further", null means "not here, ask an older table".
     *
     * @throws NullPointerException if {@code key} is null
     */
    public Bytes get(Bytes key) {
        // BEGIN SOLUTION Task 1
        Objects.requireNonNull(key, "key");
        return map.get(key.toByteArray());
        // END SOLUTION
    }

    /**
     * An iterator over the entries whose keys lie between {@code lower} and {@code upper}, in key
     * order, tombstones included. Each bound is {@link Bound#unbounded()}, {@link
     * Bound#included(Bytes)} or {@link Bound#excluded(Bytes)}, and is honoured exactly.
     *
     * <p>A range that holds no key, such as {@code (included("d"), included("b"))} or {@code
     * (excluded("c"), excluded("c"))}, gives an iterator that is invalid from the start; it is not
     * an error.
     *
     * @throws NullPointerException if a bound is null
     */
    public MemTableIterator scan(Bound lower, Bound upper) {
        // BEGIN SOLUTION Task 2
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        NavigableMap<byte[], Bytes> range;
        if (lower.isUnbounded() && upper.isUnbounded()) {
            range = map;
        } else if (lower.isUnbounded()) {
            range = map.headMap(upper.key().toByteArray(), upper.isIncluded());
        } else if (upper.isUnbounded()) {
            range = map.tailMap(lower.key().toByteArray(), lower.isIncluded());
        } else if (lower.key().compareTo(upper.key()) > 0) {
            // subMap refuses from > to; an upside-down range simply holds nothing.
            range = Collections.emptyNavigableMap();
        } else {
            range = map.subMap(lower.key().toByteArray(), lower.isIncluded(), upper.key().toByteArray(),
                    upper.isIncluded());
        }
        return new MemTableIterator(range);
        // END SOLUTION
    }

    /**
     * An estimate of the memory this memtable holds: the sum of {@code key.length() +
     * value.length()} over every {@link #put} so far. It is approximate, because an overwritten
     * value still counts and the skip list's own nodes do not, and it only ever grows. The engine
     * compares it with a limit to decide when to freeze this memtable and start a new one.
     */
    public long approximateSize() {
        // BEGIN SOLUTION Task 1
        return approximateSize.sum();
        // END SOLUTION
    }

    /** The id this memtable was created with. */
    public long id() {
        // BEGIN SOLUTION Task 1
        return id;
        // END SOLUTION
    }

    /** True if nothing was put yet. A memtable holding only tombstones is not empty. */
    public boolean isEmpty() {
        // BEGIN SOLUTION Task 1
        return map.isEmpty();
        // END SOLUTION
    }
}
