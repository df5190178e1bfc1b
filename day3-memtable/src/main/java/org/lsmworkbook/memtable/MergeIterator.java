package org.lsmworkbook.memtable;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/**
 * Merges several sorted iterators into one sorted iterator, with a heap.
 *
 * <p>The children are given as a list, and their position in the list is their priority: when two
 * children are on the same key, the one with the <em>lower index</em> wins. The merge yields that
 * key once, with the winner's value, and the other children skip it. The engine lists its sources
 * newest first, so the newest value of a key wins, tombstones included: this iterator does not hide
 * tombstones.
 *
 * <p>Each child must yield strictly ascending keys, and once handed to {@link #create} it belongs
 * to the merge: nobody else may move it.
 *
 * <p><b>Layout.</b> The child that holds the current entry is kept in {@code current}, outside the
 * heap; every other valid child is in {@code heap}, ordered by its current key and then by its
 * index. An exhausted child is dropped: it is in neither.
 *
 * <p><b>Errors.</b> If a child's {@link #next()} throws, the exception reaches the caller of this
 * iterator's {@link #next()} unchanged, and the merge iterator is <em>broken</em>: it lets go of all
 * its children (the failing one is never put back into the heap), {@link #isValid()} is false,
 * {@link #numActiveIterators()} is 0, {@link #next()} does nothing and {@link #key()} and {@link
 * #value()} throw {@link IllegalStateException}. Going on would be wrong: the failing child may hold
 * the newest value of some key, and skipping it would silently give an older one.
 *
 * <p>The merge copies no keys or values, and {@link #next()} allocates nothing: it only moves
 * children in and out of the heap.
 *
 * @param <I> the type of the children
 */
public final class MergeIterator<I extends StorageIterator> implements StorageIterator {

    /**
     * One child in the heap: the iterator and its index in the list given to {@link #create}.
     * Ordered by the iterator's current key, then by index, so that on equal keys the lower index
     * comes first. Only valid iterators may be compared.
     */
    private static final class HeapWrapper<I extends StorageIterator> implements Comparable<HeapWrapper<I>> {

        final int index;
        final I iterator;

        HeapWrapper(int index, I iterator) {
            this.index = index;
            this.iterator = iterator;
        }

        @Override
        public int compareTo(HeapWrapper<I> other) {
            // BEGIN SOLUTION Task 3
            int byKey = iterator.key().compareTo(other.iterator.key());
            return byKey != 0 ? byKey : Integer.compare(index, other.index);
            // END SOLUTION
        }
    }

    /** The valid children other than {@link #current}, smallest (key, index) first. */
    private final PriorityQueue<HeapWrapper<I>> heap;
    /** The child whose entry is the current one; null when the merge iterator is invalid. */
    private HeapWrapper<I> current;

    private MergeIterator(int numChildren) {
        this.heap = new PriorityQueue<>(Math.max(1, numChildren));
    }

    /**
     * A merge of {@code iters}, positioned on the smallest key of them all; invalid if every child
     * is (or if the list is empty). Invalid children are dropped at once.
     *
     * @param iters the children, highest priority first; the list is not kept, the children are
     * @throws NullPointerException if the list or one of its elements is null
     */
    public static <I extends StorageIterator> MergeIterator<I> create(List<I> iters) {
        // BEGIN SOLUTION Task 3
        Objects.requireNonNull(iters, "iters");
        MergeIterator<I> merge = new MergeIterator<>(iters.size());
        for (int i = 0; i < iters.size(); i++) {
            I child = Objects.requireNonNull(iters.get(i), "iters contains null");
            if (child.isValid()) {
                merge.heap.add(new HeapWrapper<>(i, child));
            }
        }
        merge.current = merge.heap.poll();
        return merge;
        // END SOLUTION
    }

    /** The current key: the smallest key among the children. */
    @Override
    public Bytes key() {
        // BEGIN SOLUTION Task 3
        checkValid();
        return current.iterator.key();
        // END SOLUTION
    }

    /** The value of the current key in the child with the lowest index that has the key. */
    @Override
    public Bytes value() {
        // BEGIN SOLUTION Task 3
        checkValid();
        return current.iterator.value();
        // END SOLUTION
    }

    @Override
    public boolean isValid() {
        // BEGIN SOLUTION Task 3
        return current != null;
        // END SOLUTION
    }

    /**
     * Moves to the next key: every child on the current key moves one step (so that the key is
     * yielded once), and the child with the smallest (key, index) becomes current. Does nothing
     * once this iterator is invalid.
     *
     * @throws IOException if a child's {@code next()} throws it; this iterator is then broken (see
     *     the class comment). Unchecked exceptions of a child break it the same way.
     */
    @Override
    public void next() throws IOException {
        // BEGIN SOLUTION Task 3
        if (current == null) {
            return;
        }
        Bytes key = current.iterator.key();
        // Children on the same key lost to current (they sort after it) and so sit at the top of
        // the heap. Take each out, move it past the key, and put it back if it has more.
        HeapWrapper<I> top;
        while ((top = heap.peek()) != null && top.iterator.key().compareTo(key) == 0) {
            heap.poll();
            advance(top);
            if (top.iterator.isValid()) {
                heap.add(top);
            }
        }
        HeapWrapper<I> previous = current;
        advance(previous);
        if (previous.iterator.isValid()) {
            top = heap.peek();
            // pit: equivalent ConditionalsBoundaryMutator — two children never compare equal: ties on the key are broken by the index
            if (top == null || previous.compareTo(top) < 0) {
                return; // still the smallest: no need to go through the heap
            }
            heap.add(previous);
        }
        current = heap.poll();
        // END SOLUTION
    }

    /**
     * The sum of {@link StorageIterator#numActiveIterators()} over the children still in play:
     * the current one and those in the heap. 0 once this iterator is invalid.
     */
    @Override
    public int numActiveIterators() {
        // BEGIN SOLUTION Task 3
        if (current == null) {
            return 0;
        }
        int active = current.iterator.numActiveIterators();
        for (HeapWrapper<I> child : heap) {
            active += child.iterator.numActiveIterators();
        }
        return active;
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** Moves one child a step; if it throws, breaks this iterator and lets the exception through. */
    private void advance(HeapWrapper<I> child) throws IOException {
        try {
            child.iterator.next();
        } catch (Throwable t) {
            // The child was taken out of the heap before this call, and it stays out; so do the
            // others. Rethrowing t keeps its type: javac knows it is an IOException or unchecked.
            current = null;
            // pit: equivalent VoidMethodCallMutator — once current is null every method returns before it looks at the heap; clearing only drops references
            heap.clear();
            throw t;
        }
    }

    private void checkValid() {
        if (current == null) {
            throw new IllegalStateException("the merge iterator is past its last entry, or broken by an error in a child; "
                    + "check isValid() first");
        }
    }
    // END SOLUTION
}
