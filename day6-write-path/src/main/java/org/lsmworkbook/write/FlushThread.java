package org.lsmworkbook.write;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.lsmworkbook.engine.LsmStorageInner;

/**
 * The background thread that flushes frozen memtables, and the write stall that waits for it.
 *
 * <p><b>The trigger.</b> While more than {@link
 * org.lsmworkbook.engine.LsmStorageOptions#numMemtableLimit()} memtables are in memory (the current
 * one plus the frozen ones), the thread flushes the oldest frozen one, again and again. Otherwise it
 * sleeps until a writer {@linkplain #wakeUp() wakes it}, or at most {@link #IDLE_WAIT_MILLIS}, after
 * which it looks again anyway (so a lost wake-up costs a moment, never a hang).
 *
 * <p><b>The stall.</b> Writes can come faster than flushes. Rather than let memtables pile up until
 * memory runs out, a writer calls {@link #awaitRoom()} first, which returns at once while at most
 * {@link org.lsmworkbook.engine.LsmStorageOptions#stallMemtableLimit()} memtables are in memory, and
 * otherwise waits until a flush has made room.
 *
 * <p><b>Errors.</b> A failed flush loses nothing (see {@link MemTableFlusher}); the thread keeps the
 * error, whatever was thrown ({@link Throwable}: an {@link OutOfMemoryError} or another {@link Error}
 * too), and tries again after a wait of at most {@link #RETRY_WAIT_MILLIS}. A stalled writer that
 * finds the last flush failed does not wait for ever: it gets an {@link IOException} that carries the
 * flush's error. Should the thread itself end with an uncaught throwable, that throwable becomes
 * {@link #lastError()} and {@link #death()}, stalled writers are woken, and {@link #isRunning()} turns
 * false: a dead thread is never mistaken for a busy one.
 *
 * <p><b>The waits, exactly.</b> Each wait is a {@code work.await} under {@code lock}, ended early by
 * any signal of {@code work}: from {@link #wakeUp()} (which signals only while {@link #needsFlush()}
 * holds), from a writer stalled in {@link #awaitRoom()}, or from {@link #close()}. After a failed
 * attempt the thread waits up to {@link #RETRY_WAIT_MILLIS} whether or not there is work (there
 * is: the memtable that failed is still waiting), so a writer's wake-up can start the retry sooner.
 * When there is nothing to do it checks again under {@code lock}, and waits up to {@link
 * #IDLE_WAIT_MILLIS} only if there is still nothing to do, so a wake-up that came just before is
 * not lost. It never waits once {@link #close()} has been called. The waits are the fields {@code
 * idleWaitMillis} and {@code retryWaitMillis}: the constants, unless a test gave the thread others.
 */
public final class FlushThread implements AutoCloseable {

    /** How long the idle thread sleeps before it checks the memtables again without being woken. */
    public static final long IDLE_WAIT_MILLIS = 50;
    /**
     * The longest the thread waits after a failed flush before it tries again; a {@link #wakeUp()}
     * or a stalled writer ends the wait sooner.
     */
    public static final long RETRY_WAIT_MILLIS = 100;

    private final LsmStorageInner inner;
    private final MemTableFlusher flusher;
    private final Thread thread;
    /** Guards the waiting and waking below. */
    private final ReentrantLock lock = new ReentrantLock();
    /** Signalled when there may be work for the thread, or it should stop. */
    private final Condition work = lock.newCondition();
    /** Signalled after every flush attempt, for stalled writers. */
    private final Condition flushed = lock.newCondition();
    private volatile boolean stopping;
    /** The error of the last flush attempt, or null if it succeeded. */
    private volatile Throwable lastError;
    /** What ended the thread before {@link #close()} asked it to stop, or null. */
    private volatile Throwable death;
    /** The longest idle wait, and the longest wait by a stalled writer: {@link #IDLE_WAIT_MILLIS}. */
    private final long idleWaitMillis;
    /** The longest wait after a failed flush: {@link #RETRY_WAIT_MILLIS}. */
    private final long retryWaitMillis;

    /**
     * A flush thread for {@code inner} using {@code flusher}; it starts running at once, as a
     * daemon thread named {@code lsm-flush}.
     */
    public FlushThread(LsmStorageInner inner, MemTableFlusher flusher) {
        this(inner, flusher, IDLE_WAIT_MILLIS, RETRY_WAIT_MILLIS);
    }

    /**
     * Test seam, not for engine code: a flush thread whose waits last {@code idleWaitMillis} and
     * {@code retryWaitMillis}. With waits of an hour, only a signal ends a wait, so a signal that
     * is missing shows as a writer or a flush that never comes, without a test timing anything.
     */
    FlushThread(LsmStorageInner inner, MemTableFlusher flusher, long idleWaitMillis, long retryWaitMillis) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.flusher = Objects.requireNonNull(flusher, "flusher");
        this.idleWaitMillis = idleWaitMillis;
        this.retryWaitMillis = retryWaitMillis;
        this.thread = new Thread(this::runGuarded, "lsm-flush");
        // A daemon, so that a program that forgets close() can still exit; close() is what persists data.
        thread.setDaemon(true);
        thread.start();
    }

    /** True if more memtables are in memory than the flush trigger allows. */
    public boolean needsFlush() {
        return inner.state().numMemtables() > inner.options().numMemtableLimit();
    }

    /** Tells the thread there may be work; cheap when there is none. Writers call it after a write. */
    public void wakeUp() {
        if (!needsFlush()) {
            return;
        }
        lock.lock();
        try {
            work.signal();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once at most {@code stallMemtableLimit} memtables are in memory, waiting for the flush
     * thread if there are more. Writers call it before every write.
     *
     * @throws IOException if writers must wait and the last flush failed (its error is the cause)
     * @throws InterruptedIOException if the thread is interrupted while it waits
     * @throws IllegalStateException if writers must wait and the thread was stopped
     */
    public void awaitRoom() throws IOException {
        if (!mustStall()) {
            return; // the common case: no lock at all
        }
        // BEGIN SOLUTION Task 3
        lock.lock();
        try {
            while (mustStall()) {
                Throwable error = lastError;
                if (error != null) {
                    throw new IOException("writes are stalled (" + inner.state().numMemtables()
                            + " memtables in memory) and the flush failed: " + error, error);
                }
                if (stopping) {
                    throw new IllegalStateException("writes are stalled and the flush thread was stopped");
                }
                work.signal();
                flushed.await(idleWaitMillis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for a flush to make room for writes");
        } finally {
            lock.unlock();
        }
        // END SOLUTION
    }

    /**
     * The error of the last flush attempt, or {@code null} if it succeeded (or none was made). Any
     * {@link Throwable} counts, {@link Error}s included; if the thread died, what killed it.
     */
    public Throwable lastError() {
        return lastError;
    }

    /**
     * What ended the thread without {@link #close()} asking it to (an exception or error that
     * escaped {@code run()}), or {@code null} while it runs or after a regular stop.
     */
    public Throwable death() {
        return death;
    }

    /** True until {@link #close()} has stopped the thread, or the thread died (see {@link #death()}). */
    public boolean isRunning() {
        return thread.isAlive();
    }

    /**
     * Stops the thread and waits for it to end. A flush in progress is finished first; frozen
     * memtables that are left are the caller's to flush. Calling it again does nothing.
     *
     * @throws InterruptedIOException if interrupted while waiting; the thread will still stop
     */
    @Override
    public void close() throws InterruptedIOException {
        stopping = true;
        lock.lock();
        try {
            work.signalAll();
            flushed.signalAll();
        } finally {
            lock.unlock();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the flush thread to stop");
        }
    }

    /**
     * Runs {@link #run()}, and if anything escapes it, records it as the thread's {@linkplain #death()
     * death} and its {@linkplain #lastError() last error} and wakes stalled writers, which then fail
     * with it instead of waiting for a flush that will never come.
     */
    private void runGuarded() {
        try {
            run();
        } catch (Throwable t) {
            death = t;
            lastError = t;
            lock.lock();
            try {
                flushed.signalAll();
            } finally {
                lock.unlock();
            }
        }
    }

    private boolean mustStall() {
        return inner.state().numMemtables() > inner.options().stallMemtableLimit();
    }

    /** The thread's loop: flush while the trigger says so, sleep otherwise. */
    private void run() {
        // BEGIN SOLUTION Task 3
        while (!stopping) {
            if (needsFlush()) {
                boolean failed = false;
                try {
                    flusher.flushOldest();
                    lastError = null;
                } catch (Throwable e) { // an Error too: a flush thread that dies would stall every writer
                    lastError = e;
                    failed = true;
                }
                signalFlushed();
                if (failed) {
                    sleep(retryWaitMillis);
                }
            } else {
                sleep(idleWaitMillis);
            }
        }
        // END SOLUTION
    }

    // BEGIN SOLUTION
    private void signalFlushed() {
        lock.lock();
        try {
            flushed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits for a wake-up, a stop, or {@code millis}, whichever comes first. */
    private void sleep(long millis) {
        lock.lock();
        try {
            if (!stopping && (lastError != null || !needsFlush())) {
                work.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            // Nobody else interrupts this thread; treat it as a request to stop.
            stopping = true;
        } finally {
            lock.unlock();
        }
    }
    // END SOLUTION
}
