/**
 * JMH microbenchmarks of each stage of the reference engine, and {@link
 * org.lsmworkbook.bench.jmh.JmhRunner}, which runs them all and prints a short summary.
 *
 * <p>One class per subject, from the bottom of the engine up:
 *
 * <ul>
 *   <li>{@link org.lsmworkbook.bench.jmh.BlockBenchmark}: building, decoding and walking one block
 *       (day 1), in MB/s;
 *   <li>{@link org.lsmworkbook.bench.jmh.SsTableBenchmark}: walking a whole SST file (day 2), with a
 *       warm block cache and without one, in MB/s;
 *   <li>{@link org.lsmworkbook.bench.jmh.MemTableBenchmark}: a put into the memtable (day 3) against
 *       a put of the same keys into a bare {@link java.util.concurrent.ConcurrentSkipListMap}, the
 *       floor for this design;
 *   <li>{@link org.lsmworkbook.bench.jmh.MergeIteratorBenchmark}: the heap merge of 8 sorted
 *       sources (day 3);
 *   <li>{@link org.lsmworkbook.bench.jmh.GetBenchmark}: a point lookup in the finished engine (day 6)
 *       on a hit and on a miss, from the memtable and from L0 SSTs.
 * </ul>
 *
 * <p>Every data set is made from a fixed seed by {@link org.lsmworkbook.bench.jmh.BenchData}:
 * 16-byte keys and 100-byte values, as in {@code db_bench}. Run one benchmark with a JMH regular
 * expression, for example {@code ./workbook bench --jmh MemTable}.
 */
package org.lsmworkbook.bench.jmh;
