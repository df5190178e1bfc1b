/**
 * Benchmarks of the reference engine: db_bench-style workloads run against MiniLsm (with its bonus
 * tasks on and off), RocksDB and LevelDB-iq80, and JMH microbenchmarks of each stage.
 */
package org.lsmworkbook.bench;
