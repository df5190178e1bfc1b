/**
 * Day 3 of the LSM Workbook: the memtable and the merge iterator.
 *
 * <p>{@code org.lsmworkbook.memtable} holds the in-memory sorted table that every write lands in
 * first, and the iterator that merges many sorted sources into one. It re-exports days 1 and 2, so
 * later stages need only require this module.
 */
module org.lsmworkbook.memtable {
    requires transitive org.lsmworkbook.sst;

    exports org.lsmworkbook.memtable;
}
