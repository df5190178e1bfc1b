package org.lsmworkbook.engine;

import java.io.IOException;
import java.util.Objects;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * A guard around any iterator that makes every call well defined, after the end and after an
 * error alike. This is what the engine hands to users, who cannot be expected to know the inner
 * iterator's corner cases.
 *
 * <ul>
 *   <li>While the inner iterator is valid, every call goes straight to it.
 *   <li>After the end: {@link #isValid()} is false, {@link #next()} does nothing (the inner
 *       iterator is not called again), and {@link #key()} and {@link #value()} throw {@link
 *       IllegalStateException}.
 *   <li>After an error: the {@code next()} that failed throws the inner iterator's exception
 *       unchanged. From then on {@code isValid()} is false, {@code numActiveIterators()} is 0, and
 *       {@code key()}, {@code value()} and {@code next()} throw {@link IllegalStateException} whose
 *       cause is that first exception. The inner iterator is never called again: after a failure
 *       its position means nothing.
 * </ul>
 *
 * @param <I> the inner iterator's type
 */
public final class FusedIterator<I extends StorageIterator> implements StorageIterator {

    private final I inner;
    // BEGIN SOLUTION
    /** The exception the inner iterator threw, or null if it never did. */
    private Exception failure;
    // END SOLUTION

    /**
     * Guards {@code inner}.
     *
     * @throws NullPointerException if {@code inner} is null
     */
    public FusedIterator(I inner) {
        this.inner = Objects.requireNonNull(inner, "inner");
    }

    /**
     * The current key.
     *
     * @throws IllegalStateException if the iterator is not valid, or failed earlier
     */
    @Override
    public Bytes key() {
        // BEGIN SOLUTION Task 4
        checkUsable();
        return inner.key();
        // END SOLUTION
    }

    /**
     * The current value.
     *
     * @throws IllegalStateException if the iterator is not valid, or failed earlier
     */
    @Override
    public Bytes value() {
        // BEGIN SOLUTION Task 4
        checkUsable();
        return inner.value();
        // END SOLUTION
    }

    /** True while the inner iterator is valid and has never failed. */
    @Override
    public boolean isValid() {
        // BEGIN SOLUTION Task 4
        return failure == null && inner.isValid();
        // END SOLUTION
    }

    /**
     * Moves to the next entry. Does nothing after the end.
     *
     * @throws IOException the inner iterator's exception, the first time it fails
     * @throws IllegalStateException if the iterator failed earlier
     */
    @Override
    public void next() throws IOException {
        // BEGIN SOLUTION Task 4
        if (failure != null) {
            throw new IllegalStateException("the iterator failed earlier and cannot go on: " + failure, failure);
        }
        if (!inner.isValid()) {
            return;
        }
        try {
            inner.next();
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        }
        // END SOLUTION
    }

    /** The inner iterator's count, or 0 after a failure. */
    @Override
    public int numActiveIterators() {
        // BEGIN SOLUTION Task 4
        return failure != null ? 0 : inner.numActiveIterators();
        // END SOLUTION
    }

    /** The iterator this one guards. */
    public I inner() {
        return inner;
    }

    // BEGIN SOLUTION
    private void checkUsable() {
        if (failure != null) {
            throw new IllegalStateException("the iterator failed earlier: " + failure, failure);
        }
        if (!inner.isValid()) {
            throw new IllegalStateException("the iterator is past its end; check isValid() before key() or value()");
        }
    }
    // END SOLUTION
}
