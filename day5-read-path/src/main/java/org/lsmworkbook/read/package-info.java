/**
 * Day 5: reads over memtables and L0 SSTs.
 *
 * <p>{@link org.lsmworkbook.read.LsmReadPath} answers {@code get} and {@code scan} from one {@link
 * org.lsmworkbook.engine.LsmStorageState} snapshot, newest source first, without taking any lock.
 * {@link org.lsmworkbook.read.TwoMergeIterator} joins the memtables' merge with the SSTs' merge,
 * and {@link org.lsmworkbook.read.KeyRanges} decides which SSTs can be skipped. See {@code
 * docs/day5-read-path.md}.
 */
package org.lsmworkbook.read;
