/**
 * Day 6 of the LSM Workbook: the write path and the finished engine.
 *
 * <p>{@code org.lsmworkbook.write} flushes frozen memtables into L0 SST files, runs the background
 * flush thread, holds writers back when flushing falls behind, and puts it all together as {@link
 * org.lsmworkbook.write.MiniLsm}, with a shell to play with it. It re-exports days 1 to 5.
 */
module org.lsmworkbook.write {
    requires transitive org.lsmworkbook.read;

    exports org.lsmworkbook.write;
}
