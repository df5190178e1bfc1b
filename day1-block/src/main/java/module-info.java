/**
 * Day 1 of the LSM Workbook: the key-value vocabulary and the sorted block.
 *
 * <p>{@code org.lsmworkbook.kv} holds the types every later stage speaks: {@link
 * org.lsmworkbook.kv.Bytes}, {@link org.lsmworkbook.kv.StorageIterator}, {@link
 * org.lsmworkbook.kv.Bound} and {@link org.lsmworkbook.kv.CorruptionException}. {@code
 * org.lsmworkbook.block} holds the block: the smallest unit an SST file is made of, a sorted run of
 * key-value entries with an offset table for binary search.
 */
module org.lsmworkbook.block {
    exports org.lsmworkbook.kv;
    exports org.lsmworkbook.block;
}
