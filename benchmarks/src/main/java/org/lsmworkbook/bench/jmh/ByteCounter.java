package org.lsmworkbook.bench.jmh;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Counts the bytes a throughput benchmark has processed, so that JMH reports a rate of bytes next
 * to the rate of operations.
 *
 * <p>JMH measures operations per second. For a block or a table, the interesting rate is bytes per
 * second, and an operation (one whole block, one whole table) has a known size. A benchmark adds
 * that size to {@link #bytes} on every operation; because the counter is of type {@link
 * AuxCounters.Type#OPERATIONS}, JMH divides it by the measured time just like the operations, and
 * prints it as a secondary result named {@code bytes} in "ops/s", which here means bytes per second.
 * {@link JmhRunner} turns it into MB/s (10<sup>6</sup> bytes per second) in its summary.
 *
 * <p>Counting real bytes rather than multiplying afterwards keeps the rate right if a benchmark's
 * operation ever varies in size.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class ByteCounter {

    /** Bytes processed in this iteration. Public: JMH reads it. */
    public long bytes;

    /** Starts every iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        bytes = 0;
    }
}
