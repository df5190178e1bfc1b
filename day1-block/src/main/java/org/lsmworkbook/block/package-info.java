/**
 * The block: a sorted run of key-value entries, a few KiB in size, with an offset table so that a
 * reader can binary-search it. SST files (day 2) are sequences of blocks.
 *
 * <p>You write three classes here: {@link org.lsmworkbook.block.BlockBuilder} (task 1), the
 * encoding and decoding in {@link org.lsmworkbook.block.Block} (task 2), and {@link
 * org.lsmworkbook.block.BlockIterator} (tasks 3 and 4). The chapter is {@code docs/day1-block.md}.
 */
package org.lsmworkbook.block;
