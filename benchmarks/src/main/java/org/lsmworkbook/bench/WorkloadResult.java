package org.lsmworkbook.bench;

/**
 * What one measured workload did on one engine.
 *
 * @param workload the workload
 * @param ops the operations measured: puts, gets, entries read ({@code readseq}) or seeks
 * @param nanos the wall-clock time they took
 * @param found gets that found a value ({@code readrandom}, {@code readmissing}), or entries read
 *     ({@code readseq}, {@code seekrandom}); equal to {@code ops} for the fills
 * @param problem {@code null} if the engine answered as it must (every key found, no missing key
 *     found, every entry seen); otherwise what was wrong. A problem means a bug in the engine or in
 *     the benchmark, never just a slow run.
 */
public record WorkloadResult(Workload workload, long ops, long nanos, long found, String problem) {

    public WorkloadResult {
        if (ops < 0 || nanos < 0) {
            throw new IllegalArgumentException("ops and nanos must be 0 or more, but were " + ops + " and " + nanos);
        }
        if (problem != null && problem.isBlank()) {
            problem = null;
        }
    }

    /** Operations per second; 0 if nothing was measured. */
    public double opsPerSecond() {
        return nanos == 0 ? 0 : ops * 1e9 / nanos;
    }

    /** Microseconds per operation; 0 if nothing was measured. */
    public double microsPerOp() {
        return ops == 0 ? 0 : nanos / 1e3 / ops;
    }

    /** True if the engine answered as it must. */
    public boolean isCorrect() {
        return problem == null;
    }
}
