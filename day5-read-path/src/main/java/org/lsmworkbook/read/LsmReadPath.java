package org.lsmworkbook.read;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.lsmworkbook.engine.FusedIterator;
import org.lsmworkbook.engine.LsmIterator;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.memtable.MemTableIterator;
import org.lsmworkbook.memtable.MergeIterator;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableIterator;

/**
 * Reads across everything a state snapshot holds: the current memtable, the frozen memtables and
 * the L0 SSTs, newest first.
 *
 * <pre>
 *   get(k):  memtable → immMemtables[0] → … → l0[0] → l0[1] → …     stop at the first source
 *                                                                   that has k (a tombstone too)
 *   scan:    LsmIterator( TwoMergeIterator( MergeIterator(memtables), MergeIterator(L0 SSTs) ) )
 * </pre>
 *
 * <p>Every method works on the snapshot it is given and takes no lock: a snapshot never changes, so
 * a read may take as long as it needs (reading files included) while writes, freezes and flushes
 * go on. Pass {@link org.lsmworkbook.engine.LsmStorageInner#state()}.
 *
 * <p>SSTs whose key range cannot hold the key, or cannot meet the scanned range, are skipped (see
 * {@link KeyRanges}), and so are SSTs whose bloom filter says a key is absent ({@link
 * SsTable#mayContain}, day 2's bonus task 6); a scan's {@link FusedIterator#numActiveIterators()} counts only the sources
 * it actually opened.
 */
public final class LsmReadPath {

    private LsmReadPath() {}

    /**
     * The newest value of {@code key} in {@code state}, or {@code null} if no source has it or its
     * newest value is a tombstone.
     *
     * @throws IOException if an SST cannot be read; {@link org.lsmworkbook.kv.CorruptionException}
     *     if it is damaged
     * @throws NullPointerException if an argument is null
     */
    public static Bytes get(LsmStorageState state, Bytes key) throws IOException {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(key, "key");
        // BEGIN SOLUTION Task 3
        Bytes value = state.memtable().get(key);
        if (value != null) {
            return live(value);
        }
        for (MemTable imm : state.immMemtables()) {
            value = imm.get(key);
            if (value != null) {
                return live(value);
            }
        }
        for (SsTable table : state.l0Sstables()) {
            // The key range first (free), then the table's bloom filter (day 2's bonus; without one,
            // mayContain is always true): either can rule the table out without reading a block.
            if (!KeyRanges.mayContain(table.firstKey(), table.lastKey(), key) || !table.mayContain(key)) {
                continue;
            }
            SsTableIterator it = SsTableIterator.createAndSeekToKey(table, key);
            if (it.isValid() && it.key().equals(key)) {
                return live(it.value());
            }
        }
        return null;
        // END SOLUTION
    }

    /**
     * The live entries of {@code state} with keys within {@code lower} and {@code upper}, in key
     * order, each key once with its newest value. Both bounds are exact: an included key is there if
     * it is live, an excluded key never is, in memtables and SSTs alike.
     *
     * @throws IOException if an SST cannot be read while the iterator is built
     * @throws NullPointerException if an argument is null
     */
    public static FusedIterator<LsmIterator> scan(LsmStorageState state, Bound lower, Bound upper)
            throws IOException {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lower, "lower");
        Objects.requireNonNull(upper, "upper");
        // BEGIN SOLUTION Task 4
        List<MemTableIterator> memtables = new ArrayList<>(state.numMemtables());
        memtables.add(state.memtable().scan(lower, upper));
        for (MemTable imm : state.immMemtables()) {
            memtables.add(imm.scan(lower, upper));
        }
        List<SsTableIterator> tables = new ArrayList<>(state.l0SstIds().size());
        for (SsTable table : state.l0Sstables()) {
            if (KeyRanges.overlaps(table.firstKey(), table.lastKey(), lower, upper)) {
                tables.add(seekToLower(table, lower));
            }
        }
        TwoMergeIterator<MergeIterator<MemTableIterator>, MergeIterator<SsTableIterator>> merged =
                TwoMergeIterator.create(MergeIterator.create(memtables), MergeIterator.create(tables));
        return new FusedIterator<>(LsmIterator.create(merged, upper));
        // END SOLUTION
    }

    // BEGIN SOLUTION
    /** An iterator on {@code table}'s first key within {@code lower}. */
    private static SsTableIterator seekToLower(SsTable table, Bound lower) throws IOException {
        if (lower.isUnbounded()) {
            return SsTableIterator.createAndSeekToFirst(table);
        }
        SsTableIterator it = SsTableIterator.createAndSeekToKey(table, lower.key());
        if (lower.isExcluded() && it.isValid() && it.key().equals(lower.key())) {
            it.next();
        }
        return it;
    }

    /** {@code null} for a tombstone, the value otherwise. */
    private static Bytes live(Bytes value) {
        return value.isEmpty() ? null : value;
    }
    // END SOLUTION
}
