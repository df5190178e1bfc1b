/**
 * Day 2 of the LSM Workbook: sorted string table (SST) files and the block cache.
 *
 * <p>{@code org.lsmworkbook.sst} writes sorted key-value entries to an immutable file made of
 * checksummed blocks with an index, reads them back one block at a time, and keeps hot blocks in a
 * {@link org.lsmworkbook.sst.BlockCache}. It re-exports day 1, so later stages need only require
 * this module.
 */
module org.lsmworkbook.sst {
    requires transitive org.lsmworkbook.block;
    requires com.github.benmanes.caffeine;

    exports org.lsmworkbook.sst;
}
