package org.lsmworkbook.read;

import java.io.IOException;
import java.util.Objects;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * Merges two sorted iterators of different types into one; on equal keys {@code A} wins and {@code
 * B}'s entry is skipped.
 *
 * <p>Why not a {@link org.lsmworkbook.memtable.MergeIterator}? That one merges many iterators of one
 * type. The engine has two kinds of sources, the memtables' merge and the SSTs' merge, and the
 * memtables always hold the newer data; this iterator joins exactly two, with a fixed winner and no
 * heap.
 *
 * <pre>
 *   a: 1:a1        3:a3   5:a5
 *   b:      2:b2   3:b3          7:b7
 *   →  1:a1 2:b2   3:a3   5:a5   7:b7      (3:b3 is hidden by 3:a3)
 * </pre>
 *
 * <p>Both inputs must be sorted by key, each key at most once.
 *
 * @param <A> the type of the iterator that wins ties (newer data)
 * @param <B> the type of the other iterator
 */
public final class TwoMergeIterator<A extends StorageIterator, B extends StorageIterator>
        implements StorageIterator {

    private final A a;
    private final B b;
    // BEGIN SOLUTION
    /** Whether the current entry is {@code a}'s; otherwise it is {@code b}'s. */
    private boolean useA;
    // END SOLUTION

    private TwoMergeIterator(A a, B b) {
        this.a = a;
        this.b = b;
    }

    /**
     * The merge of {@code a} and {@code b}, positioned on the smallest key of either.
     *
     * @throws IOException if {@code b} fails while an entry hidden by {@code a} is skipped
     * @throws NullPointerException if an argument is null
     */
    public static <A extends StorageIterator, B extends StorageIterator> TwoMergeIterator<A, B> create(A a, B b)
            throws IOException {
        Objects.requireNonNull(a, "a");
        Objects.requireNonNull(b, "b");
        TwoMergeIterator<A, B> merged = new TwoMergeIterator<>(a, b);
        // BEGIN SOLUTION Task 1
        merged.settle();
        return merged;
        // END SOLUTION
    }

    /**
     * The current key: the smaller of the two current keys. On an invalid merge it does not check
     * anything itself: it asks {@code b}, which is invalid too, so it does what {@code b.key()} does
     * there ({@link org.lsmworkbook.memtable.MergeIterator} throws {@link IllegalStateException}).
     * Check {@link #isValid()} first; the read path's {@code FusedIterator} makes it safe for users.
     */
    @Override
    public Bytes key() {
        // BEGIN SOLUTION Task 1
        return useA ? a.key() : b.key();
        // END SOLUTION
    }

    /**
     * The current value: {@code a}'s when both have the key. On an invalid merge it does what {@code
     * b.value()} does, like {@link #key()}.
     */
    @Override
    public Bytes value() {
        // BEGIN SOLUTION Task 1
        return useA ? a.value() : b.value();
        // END SOLUTION
    }

    /** True while either iterator has an entry left. */
    @Override
    public boolean isValid() {
        // BEGIN SOLUTION Task 1
        return useA ? a.isValid() : b.isValid();
        // END SOLUTION
    }

    /** Moves past the current key, in both iterators if both had it. Does nothing when invalid. */
    @Override
    public void next() throws IOException {
        // BEGIN SOLUTION Task 1
        if (useA) {
            a.next();
        } else if (b.isValid()) {
            b.next();
        } else {
            return;
        }
        settle();
        // END SOLUTION
    }

    /** The sources still active in both iterators together. */
    @Override
    public int numActiveIterators() {
        // BEGIN SOLUTION Task 1
        return a.numActiveIterators() + b.numActiveIterators();
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** Skips {@code b}'s entry if {@code a} has the same key, then picks the smaller side. */
    private void settle() throws IOException {
        if (!a.isValid()) {
            useA = false;
            return;
        }
        if (!b.isValid()) {
            useA = true;
            return;
        }
        int cmp = a.key().compareTo(b.key());
        if (cmp == 0) {
            b.next(); // a's value is newer; b's is hidden
        }
        useA = cmp <= 0;
    }
    // END SOLUTION
}
