/**
 * Day 4: the engine's options, its immutable state, writes, freezing, and memtable-only reads.
 *
 * <p>{@link org.lsmworkbook.engine.LsmStorageInner} is the engine: it owns the current {@link
 * org.lsmworkbook.engine.LsmStorageState}, replaces it with a new snapshot whenever something
 * changes, and serves reads from whatever snapshot was current when the read began. {@link
 * org.lsmworkbook.engine.LsmIterator} turns a merge of sources into what a user sees (no tombstones,
 * nothing past the upper bound), and {@link org.lsmworkbook.engine.FusedIterator} makes any
 * iterator safe to call after its end or after an error. See {@code docs/day4-engine.md}.
 */
package org.lsmworkbook.engine;
