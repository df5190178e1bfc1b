package org.lsmworkbook.read;

import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * Whether an SST's key range, {@code [firstKey, lastKey]}, can hold a key or meet a range. The read
 * path asks before it opens an iterator on an SST: a table that cannot hold the answer is never
 * read, which saves a block read (and usually a disk read) per table.
 *
 * <pre>
 *   SST:                [ c ........ h ]
 *   get a          ✗    get d   ✓         get k   ✗
 *   scan [a, b]    ✗    scan (b, c]  ✓    scan (h, z]  ✗   (h itself is excluded)
 * </pre>
 *
 * <p>"Can" is all these answer: a table whose range holds the key may still not have it.
 */
public final class KeyRanges {

    private KeyRanges() {}

    /** True if {@code key} lies within {@code [firstKey, lastKey]}, both ends included. */
    public static boolean mayContain(Bytes firstKey, Bytes lastKey, Bytes key) {
        // BEGIN SOLUTION Task 2
        return key.compareTo(firstKey) >= 0 && key.compareTo(lastKey) <= 0;
        // END SOLUTION
    }

    /**
     * True if some key within {@code [firstKey, lastKey]} is also within {@code lower} and {@code
     * upper}: that is, the ranges overlap. A request that holds no key at all ({@code lower} above
     * {@code upper}, or both on one key with either excluded) may answer either way; the scan will
     * find nothing in it anyway.
     */
    public static boolean overlaps(Bytes firstKey, Bytes lastKey, Bound lower, Bound upper) {
        // BEGIN SOLUTION Task 2
        // The table lies wholly above the request...
        if (upper.isIncluded() && upper.key().compareTo(firstKey) < 0) {
            return false;
        }
        if (upper.isExcluded() && upper.key().compareTo(firstKey) <= 0) {
            return false;
        }
        // ...or wholly below it.
        if (lower.isIncluded() && lower.key().compareTo(lastKey) > 0) {
            return false;
        }
        return !(lower.isExcluded() && lower.key().compareTo(lastKey) >= 0);
        // END SOLUTION
    }
}
