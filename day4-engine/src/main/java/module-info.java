/**
 * Day 4 of the LSM Workbook: the engine.
 *
 * <p>{@code org.lsmworkbook.engine} holds the engine's options, its immutable state, the writes, the
 * freezing of full memtables, and reads over the memtables. It re-exports days 1 to 3, so later
 * stages need only require this module.
 */
module org.lsmworkbook.engine {
    requires transitive org.lsmworkbook.memtable;

    exports org.lsmworkbook.engine;
}
