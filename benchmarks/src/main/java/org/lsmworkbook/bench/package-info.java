/**
 * Benchmarks of the reference engine: db_bench-style workloads run against MiniLsm and two peers,
 * and JMH microbenchmarks of each stage.
 */
package org.lsmworkbook.bench;
