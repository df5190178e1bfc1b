package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.engine.TestSupport.b;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.CallInThread.Outcome;

/**
 * {@code put} writes under the read side of the memtable lock, checked with a controlled
 * interleaving instead of a race: the test itself holds one side of the lock (through the engine's
 * test seam) and watches whether a {@code put} in another thread queues on it.
 */
// A separate thread: a test stuck on an engine lock (a deadlock) still fails at the limit.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@DisplayName("Day 4 · Task 2 — put holds the memtable lock's read side")
class PutLockTest {

    @TempDir
    Path dir;

    @Test
    void a_put_waits_while_the_memtable_write_lock_is_held() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        ReentrantReadWriteLock memtableLock = engine.memtableLockForTests();
        CallInThread put;
        memtableLock.writeLock().lock(); // what a freeze holds while it swaps the memtable
        try {
            put = CallInThread.start("put-k", () -> engine.put(b("k"), b("v")));
            Outcome outcome = put.awaitQueuedOrFinished(memtableLock::hasQueuedThread);
            put.assertQueued(outcome, "docs/day4-engine.md, Task 2 and \"Two locks\": put must take the read side of "
                    + "memtableLock before it reads the state, and hold it until its put is done, so that a freeze "
                    + "(which swaps the memtable under the write side) never falls between the two steps. The test held "
                    + "the write side, as a freeze does, and called put(k, v) in another thread.");
            assertThat(engine.state().memtable().get(b("k")))
                    .as("while the write side is held, the waiting put(k, v) must not have written anything yet")
                    .isNull();
        } finally {
            memtableLock.writeLock().unlock();
        }
        assertThat(put.awaitFinished("put(k, v)")).as("put(k, v) once the write side was let go: what it threw").isNull();
        assertThat(engine.get(b("k"))).as("get(k) after the waiting put(k, v) went through").isEqualTo(b("v"));
    }

    @Test
    void writers_share_the_read_side_and_do_not_wait_for_each_other() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        ReentrantReadWriteLock memtableLock = engine.memtableLockForTests();
        memtableLock.readLock().lock(); // another writer, between reading the state and its put
        try {
            CallInThread put = CallInThread.start("put-k", () -> engine.put(b("k"), b("v")));
            Outcome outcome = put.awaitQueuedOrFinished(memtableLock::hasQueuedThread);
            put.assertFinishedWithoutWaiting(outcome, "docs/day4-engine.md, \"Two locks\": many writers hold the read "
                    + "side of memtableLock at once, so writers do not slow each other down; put must take the read "
                    + "side, not the write side. The test held the read side, as another writer does, and called "
                    + "put(k, v) in another thread; it should have returned at once.");
        } finally {
            memtableLock.readLock().unlock();
        }
        assertThat(engine.get(b("k"))).as("get(k) after put(k, v)").isEqualTo(b("v"));
    }
}
