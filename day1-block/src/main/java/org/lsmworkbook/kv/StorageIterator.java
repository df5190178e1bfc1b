package org.lsmworkbook.kv;

import java.io.IOException;

/**
 * A cursor over key-value entries in ascending key order: the one interface every iterator of the
 * engine implements, from a single block up to the whole database.
 *
 * <p>A fresh iterator is positioned on its first entry, or is invalid if there is none. The usual
 * loop is:
 *
 * <pre>{@code
 * for (; it.isValid(); it.next()) {
 *     use(it.key(), it.value());
 * }
 * }</pre>
 *
 * <p>{@link #key()} and {@link #value()} may only be called while {@link #isValid()} is true; they
 * may return views into the iterator's data, valid at least until the next call to {@link
 * #next()}. An empty value is a tombstone: it says the key was deleted. Which iterators hide
 * tombstones is up to each iterator's documentation.
 */
public interface StorageIterator {

    /** The current key. Only while {@link #isValid()}. */
    Bytes key();

    /** The current value; empty for a tombstone. Only while {@link #isValid()}. */
    Bytes value();

    /** True while the iterator is positioned on an entry; false once it has moved past the last. */
    boolean isValid();

    /**
     * Moves to the next entry, or makes the iterator invalid after the last one.
     *
     * @throws IOException if reading the next entry fails (for example, a damaged file)
     */
    void next() throws IOException;

    /**
     * How many underlying iterators are still active. A leaf iterator counts itself; an iterator
     * built from others adds theirs up. Tests use it to check that work which cannot matter is
     * skipped.
     */
    default int numActiveIterators() {
        return 1;
    }
}
