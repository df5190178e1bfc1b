/**
 * Day 5 of the LSM Workbook: the read path.
 *
 * <p>{@code org.lsmworkbook.read} reads across the memtables and the L0 SST files of a state
 * snapshot: the two-merge iterator, point reads, scans with exact bounds, and skipping the SSTs
 * that cannot hold what is asked for. It re-exports days 1 to 4.
 */
module org.lsmworkbook.read {
    requires transitive org.lsmworkbook.engine;

    exports org.lsmworkbook.read;
}
