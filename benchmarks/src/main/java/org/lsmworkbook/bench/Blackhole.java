package org.lsmworkbook.bench;

import java.io.InterruptedIOException;

/** What the adapters share: keeping results alive, and pausing while polling. */
final class Blackhole {

    /** Written now and then, so that the JIT cannot drop the work that computed the values. */
    @SuppressWarnings("unused")
    private static volatile long sink;

    private Blackhole() {}

    /** Keeps {@code value} (a sum over what was read) from being optimised away. */
    static void consume(long value) {
        if (value == 42) {
            sink = value; // almost never true; the branch alone keeps the computation
        }
    }

    /** Sleeps {@code millis} between two polls of a condition with a deadline. */
    static void pause(long millis) throws InterruptedIOException {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the engine");
        }
    }
}
