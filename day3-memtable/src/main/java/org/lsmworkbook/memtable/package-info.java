/**
 * The memtable: the sorted in-memory table that every write lands in first, and the merge iterator
 * that turns many sorted sources into one.
 *
 * <p>You write three things here: {@link org.lsmworkbook.memtable.MemTable} (task 1), {@link
 * org.lsmworkbook.memtable.MemTableIterator} with {@link
 * org.lsmworkbook.memtable.MemTable#scan(org.lsmworkbook.kv.Bound, org.lsmworkbook.kv.Bound)} (task
 * 2), and {@link org.lsmworkbook.memtable.MergeIterator} (task 3). The chapter is {@code
 * docs/day3-memtable.md}.
 */
package org.lsmworkbook.memtable;
