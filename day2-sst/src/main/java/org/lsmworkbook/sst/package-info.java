/**
 * Sorted string tables (SSTs): immutable files of sorted key-value entries, cut into checksummed
 * blocks, with an index of the blocks at the end; and the cache of decoded blocks they share.
 *
 * <p>You write {@link org.lsmworkbook.sst.FileObject} (task 1), {@link
 * org.lsmworkbook.sst.SsTableBuilder} and the meta encoding in {@link org.lsmworkbook.sst.BlockMeta}
 * (task 2), opening and reading in {@link org.lsmworkbook.sst.SsTable} (task 3), {@link
 * org.lsmworkbook.sst.SsTableIterator} (task 4), and {@link org.lsmworkbook.sst.BlockCache} (task 5).
 * The file layout is in {@link org.lsmworkbook.sst.SsTable}'s class comment. The chapter is {@code
 * docs/day2-sst.md}.
 */
package org.lsmworkbook.sst;
