package org.lsmworkbook.engine;

import java.io.IOException;
import java.util.Objects;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * What a user sees of a scan: the entries of a merged iterator without the deleted ones, up to the
 * upper bound.
 *
 * <p>The inner iterator (usually a {@link org.lsmworkbook.memtable.MergeIterator} of every source,
 * newest first) already yields each key once, with its newest value. Two things are left to do here:
 * <ul>
 *   <li>skip every entry whose value is empty: that is a tombstone, the key was deleted;
 *   <li>stop at the upper bound: the first key past it makes this iterator invalid, and the inner
 *       iterator is not moved any further. (Memtables can stop at the bound themselves; SST
 *       iterators cannot, so the check is made once, here.)
 * </ul>
 *
 * <p>The lower bound is the inner iterator's business: it must start at the first key in range.
 */
public final class LsmIterator implements StorageIterator {

    private final StorageIterator inner;
    private final Bound upper;
    // BEGIN SOLUTION
    /** Whether the inner iterator stands on a live key within the upper bound. */
    private boolean valid;
    // END SOLUTION

    private LsmIterator(StorageIterator inner, Bound upper) {
        this.inner = inner;
        this.upper = upper;
    }

    /**
     * An iterator over {@code inner}'s live entries up to {@code upper}, positioned on the first one
     * (skipping tombstones at the start).
     *
     * @throws IOException if the inner iterator fails while tombstones are skipped
     * @throws NullPointerException if an argument is null
     */
    public static LsmIterator create(StorageIterator inner, Bound upper) throws IOException {
        Objects.requireNonNull(inner, "inner");
        Objects.requireNonNull(upper, "upper");
        LsmIterator iterator = new LsmIterator(inner, upper);
        // BEGIN SOLUTION Task 4
        iterator.skipToLiveEntry();
        return iterator;
        // END SOLUTION
    }

    /**
     * The current key.
     *
     * @throws IllegalStateException if the iterator is not valid
     */
    @Override
    public Bytes key() {
        // BEGIN SOLUTION Task 4
        checkValid();
        return inner.key();
        // END SOLUTION
    }

    /**
     * The current value; never empty, since tombstones are skipped.
     *
     * @throws IllegalStateException if the iterator is not valid
     */
    @Override
    public Bytes value() {
        // BEGIN SOLUTION Task 4
        checkValid();
        return inner.value();
        // END SOLUTION
    }

    /** True while the iterator stands on a live entry within the upper bound. */
    @Override
    public boolean isValid() {
        // BEGIN SOLUTION Task 4
        return valid;
        // END SOLUTION
    }

    /** Moves to the next live entry; does nothing once the iterator is invalid. */
    @Override
    public void next() throws IOException {
        // BEGIN SOLUTION Task 4
        if (!valid) {
            return;
        }
        valid = false; // stays false if the inner iterator throws
        inner.next();
        skipToLiveEntry();
        // END SOLUTION
    }

    /** The inner iterator's count: this iterator adds no source of its own. */
    @Override
    public int numActiveIterators() {
        return inner.numActiveIterators();
    }

    // BEGIN SOLUTION
    /** Moves the inner iterator past tombstones; becomes invalid at its end or past the upper bound. */
    private void skipToLiveEntry() throws IOException {
        while (inner.isValid() && inner.value().isEmpty() && withinUpper(inner.key())) {
            inner.next();
        }
        valid = inner.isValid() && withinUpper(inner.key());
    }

    private boolean withinUpper(Bytes key) {
        switch (upper.kind()) {
            case INCLUDED:
                return key.compareTo(upper.key()) <= 0;
            case EXCLUDED:
                return key.compareTo(upper.key()) < 0;
            default:
                return true;
        }
    }

    private void checkValid() {
        if (!valid) {
            throw new IllegalStateException("the iterator is not valid (past its end or the upper bound "
                    + upper + "); check isValid() before key() or value()");
        }
    }
    // END SOLUTION
}
