package org.lsmworkbook.memtable;

import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * Walks a range of a {@link MemTable} in key order. {@link MemTable#scan} makes one from a view of
 * the skip list ({@code subMap}, {@code headMap}, {@code tailMap} or the whole map).
 *
 * <p>The current entry is kept in two fields, because a {@link java.util.Iterator} can only hand
 * out each entry once while {@link #key()} and {@link #value()} may be asked any number of times.
 * Tombstones (empty values) are entries like any other here.
 *
 * <p>The iterator is <em>weakly consistent</em>, like every iterator of {@link
 * java.util.concurrent.ConcurrentSkipListMap}: it sees every entry that was in its range when it was
 * made, may or may not see entries put while it runs, and never throws {@link
 * java.util.ConcurrentModificationException}. Keys come strictly ascending, each once. If a key is
 * overwritten while the iterator runs, the iterator gives either value.
 *
 * <p>After the last entry the iterator is invalid; {@link #next()} then does nothing, and {@link
 * #key()} and {@link #value()} throw {@link IllegalStateException}.
 */
public final class MemTableIterator implements StorageIterator {

    /**
     * The entries of the range, from the skip list's (weakly consistent) iterator. Keys are the
     * memtable's own arrays (see {@link MemTable}); {@link #key()} gives them as {@link Bytes}.
     */
    private final Iterator<Map.Entry<byte[], Bytes>> entries;
    // BEGIN SOLUTION
    /** The current entry's key; null once the iterator is past the end. */
    private Bytes key;
    private Bytes value;
    // END SOLUTION

    /** An iterator over {@code range}, positioned on its first entry; invalid if it has none. */
    MemTableIterator(NavigableMap<byte[], Bytes> range) {
        this.entries = Objects.requireNonNull(range, "range").entrySet().iterator();
        // BEGIN SOLUTION Task 2
        advance();
        // END SOLUTION
    }

    @Override
    public Bytes key() {
        // BEGIN SOLUTION Task 2
        checkValid();
        return key;
        // END SOLUTION
    }

    @Override
    public Bytes value() {
        // BEGIN SOLUTION Task 2
        checkValid();
        return value;
        // END SOLUTION
    }

    @Override
    public boolean isValid() {
        // BEGIN SOLUTION Task 2
        return key != null;
        // END SOLUTION
    }

    /** Moves to the next entry of the range; does nothing once the iterator is invalid. */
    @Override
    public void next() {
        // BEGIN SOLUTION Task 2
        if (isValid()) {
            advance();
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** Takes the next entry from the skip list's iterator, or becomes invalid if there is none. */
    private void advance() {
        if (entries.hasNext()) {
            Map.Entry<byte[], Bytes> entry = entries.next();
            key = Bytes.wrap(entry.getKey()); // a view: the memtable never changes its key arrays
            value = entry.getValue();
        } else {
            key = null;
            value = null;
        }
    }

    private void checkValid() {
        if (!isValid()) {
            throw new IllegalStateException("the iterator is past the last entry of its range; check isValid() first");
        }
    }
    // END SOLUTION
}
