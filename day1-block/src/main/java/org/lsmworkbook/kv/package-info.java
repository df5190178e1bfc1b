/**
 * The vocabulary every stage of the engine speaks: byte strings, iterators, range bounds and the
 * exception for damaged data. This code is given; the chapters build on it.
 */
package org.lsmworkbook.kv;
