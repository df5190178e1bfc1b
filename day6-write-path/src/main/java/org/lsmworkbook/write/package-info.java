/**
 * Day 6: flushing, the flush thread, the write stall, and the finished engine.
 *
 * <p>{@link org.lsmworkbook.write.MemTableFlusher} turns the oldest frozen memtable into an SST file
 * that is complete and durable before anyone can see it; {@link org.lsmworkbook.write.SstDirectory}
 * finds those files again when the engine reopens; {@link org.lsmworkbook.write.FlushThread}
 * flushes in the background and makes writers wait when memory fills up; {@link
 * org.lsmworkbook.write.MiniLsm} is the engine a user opens, and {@link
 * org.lsmworkbook.write.LsmShell} a command line for it. See {@code docs/day6-write-path.md}.
 *
 * <p>This is the only stage that creates files and threads.
 */
package org.lsmworkbook.write;
