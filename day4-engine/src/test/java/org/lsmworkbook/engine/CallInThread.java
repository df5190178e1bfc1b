package org.lsmworkbook.engine;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/**
 * One engine call run in a thread of its own, so that a test can hold a lock of the engine and
 * watch whether the call queues on it. The outcome does not depend on timing: the test waits until
 * the call either queues on the lock or finishes, whichever happens, with a generous deadline that
 * only a call stuck somewhere else reaches.
 */
final class CallInThread {

    /** An engine call; it may throw anything. */
    interface Call {
        void run() throws Exception;
    }

    /** What the call did while the test held the lock. */
    enum Outcome {
        QUEUED_ON_THE_LOCK,
        FINISHED,
        NEITHER
    }

    private static final long DEADLINE_SECONDS = 10;

    private final Thread thread;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();

    private CallInThread(String name, Call call) {
        thread = new Thread(() -> {
            try {
                call.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        }, name);
        thread.setDaemon(true);
    }

    /** Starts {@code call} in a new thread called {@code name}. */
    static CallInThread start(String name, Call call) {
        CallInThread started = new CallInThread(name, call);
        started.thread.start();
        return started;
    }

    /** The thread the call runs in. */
    Thread thread() {
        return thread;
    }

    /**
     * Waits until {@code queuedOn} says the call's thread queues on the lock the test holds, or the
     * call finished, for at most 10 s.
     */
    Outcome awaitQueuedOrFinished(Predicate<Thread> queuedOn) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(DEADLINE_SECONDS);
        while (System.nanoTime() - deadline < 0) {
            if (queuedOn.test(thread)) {
                return Outcome.QUEUED_ON_THE_LOCK;
            }
            if (!thread.isAlive()) {
                return Outcome.FINISHED;
            }
            LockSupport.parkNanos(200_000);
        }
        return Outcome.NEITHER;
    }

    /**
     * Waits for the call to finish (at most 10 s) and returns what it threw, or null; an
     * {@link AssertionError} if it is still running then.
     */
    Throwable awaitFinished(String what) throws InterruptedException {
        thread.join(TimeUnit.SECONDS.toMillis(DEADLINE_SECONDS));
        if (thread.isAlive()) {
            throw new AssertionError(what + " did not finish within " + DEADLINE_SECONDS + " s after the test let go of "
                    + "the lock: a deadlock? Stack of " + thread.getName() + ": " + stackOf(thread));
        }
        return failure.get();
    }

    /**
     * Fails unless the call queued on the lock; the message is {@code rule} followed by what the call
     * did, and what it threw (if anything) is the cause, so its stack shows the line that threw.
     */
    void assertQueued(Outcome outcome, String rule) {
        if (outcome != Outcome.QUEUED_ON_THE_LOCK) {
            AssertionError error = new AssertionError(rule + " But " + describe(outcome) + ".");
            if (failure.get() != null) {
                error.initCause(failure.get());
            }
            throw error;
        }
    }

    /**
     * Fails if the call queued on the lock (or got stuck) instead of finishing; the message is
     * {@code rule} followed by what the call did, and what it threw is the cause.
     */
    void assertFinishedWithoutWaiting(Outcome outcome, String rule) {
        if (outcome != Outcome.FINISHED || failure.get() != null) {
            AssertionError error = new AssertionError(rule + " But " + describe(outcome) + ".");
            if (failure.get() != null) {
                error.initCause(failure.get());
            }
            throw error;
        }
    }

    /** What the call threw so far, or null. */
    Throwable failure() {
        return failure.get();
    }

    /** A short description of the outcome for a failure message, with what the call threw. */
    String describe(Outcome outcome) {
        return switch (outcome) {
            case QUEUED_ON_THE_LOCK -> "it queued on the lock";
            case FINISHED -> "it returned without waiting" + (failure.get() == null ? "" : ", throwing " + failure.get());
            case NEITHER -> "after " + DEADLINE_SECONDS + " s it had neither queued on the lock nor finished; stack: "
                    + stackOf(thread);
        };
    }

    private static String stackOf(Thread t) {
        StringBuilder out = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            out.append("\n    at ").append(e);
        }
        return out.toString();
    }
}
