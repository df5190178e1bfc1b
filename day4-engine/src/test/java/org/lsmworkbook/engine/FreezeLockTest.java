package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.engine.TestSupport.b;

import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.CallInThread.Outcome;
import org.lsmworkbook.memtable.MemTable;

/**
 * A freeze takes the state lock and swaps the memtable under the memtable lock's write side; a
 * put that waited for a freeze writes into the new memtable. Checked with controlled
 * interleavings instead of races: the test holds a lock itself (through the engine's test seams)
 * and watches whether the freeze, forced or automatic, queues on it.
 */
// A separate thread: a test stuck on an engine lock (a deadlock) still fails at the limit.
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
@DisplayName("Day 4 · Task 3 — a freeze takes the state lock and swaps the memtable under the write lock")
class FreezeLockTest {

    private static final String STATE_LOCK_RULE = "docs/day4-engine.md, Task 3 and \"Two locks\": a freeze must take "
            + "the state lock (stateLock) and hold it while it reads the state, makes the new snapshot and installs it; "
            + "otherwise a change made at the same time (day 6's flush through updateState) starts from the same "
            + "snapshot and one of the two is lost, with the memtable it held (the lost update the chapter draws).";

    private static final String WRITE_LOCK_RULE = "docs/day4-engine.md, Task 3 and \"Two locks\": a freeze must swap "
            + "the memtable under the write side of memtableLock, so that it waits for every writer between reading "
            + "the state and putting into its memtable; otherwise such a writer puts into a memtable that is already "
            + "frozen, and day 6's flush may miss the write.";

    private static final String LOCK_ORDER_RULE = "docs/day4-engine.md, \"Two locks\": the order is always the "
            + "state lock first, then the memtable write lock; a writer holds only the read side, and lets go of it "
            + "before it asks for the state lock. With one order there is no deadlock.";

    @TempDir
    Path dir;

    private static String ids(LsmStorageState state) {
        StringBuilder out = new StringBuilder("memtable " + state.memtable().id() + ", frozen [");
        for (MemTable imm : state.immMemtables()) {
            out.append(' ').append(imm.id());
        }
        return out.append(" ]").toString();
    }

    // ---- the state lock ------------------------------------------------------------------------------

    @Test
    void a_forced_freeze_waits_for_the_state_lock() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        engine.put(b("a"), b("1"));
        LsmStorageState before = engine.state();
        ReentrantLock stateLock = engine.stateLockForTests();
        CallInThread freeze;
        stateLock.lock(); // as another change of the state does (updateState)
        try {
            freeze = CallInThread.start("freezer", engine::forceFreezeMemtable);
            Outcome outcome = freeze.awaitQueuedOrFinished(stateLock::hasQueuedThread);
            freeze.assertQueued(outcome, STATE_LOCK_RULE + " The test held the state lock and called "
                    + "forceFreezeMemtable() in another thread.");
            assertThat(engine.memtableLockForTests().isWriteLocked())
                    .as(LOCK_ORDER_RULE + " The freeze waits for the state lock while it holds the write side.")
                    .isFalse();
            assertThat(engine.state())
                    .as("while the test holds the state lock, the waiting freeze must not have changed the state")
                    .isSameAs(before);
        } finally {
            stateLock.unlock();
        }
        assertThat(freeze.awaitFinished("forceFreezeMemtable()")).as("what the freeze threw").isNull();
        assertThat(engine.state().immMemtables())
                .as("after the state lock was let go the freeze went through: the old memtable is frozen; state %s",
                        ids(engine.state()))
                .containsExactly(before.memtable());
    }

    @Test
    void the_automatic_freeze_in_put_waits_for_the_state_lock() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly().withTargetSstSize(1));
        LsmStorageState before = engine.state();
        ReentrantLock stateLock = engine.stateLockForTests();
        CallInThread put;
        stateLock.lock();
        try {
            put = CallInThread.start("put-k", () -> engine.put(b("k"), b("v")));
            Outcome outcome = put.awaitQueuedOrFinished(stateLock::hasQueuedThread);
            put.assertQueued(outcome, STATE_LOCK_RULE + " With a 1-byte target every put freezes; the test held the "
                    + "state lock and called put(k, v) in another thread.");
            assertThat(engine.memtableLockForTests().getReadLockCount())
                    .as(LOCK_ORDER_RULE + " put waits for the state lock (to freeze) while it still holds the read side.")
                    .isZero();
            assertThat(engine.memtableLockForTests().isWriteLocked())
                    .as(LOCK_ORDER_RULE + " put's freeze waits for the state lock while it holds the write side.")
                    .isFalse();
            assertThat(engine.state().memtable())
                    .as("while the test holds the state lock, the freeze in put must not have swapped the memtable")
                    .isSameAs(before.memtable());
        } finally {
            stateLock.unlock();
        }
        assertThat(put.awaitFinished("put(k, v)")).as("what put(k, v) threw").isNull();
        assertThat(engine.state().immMemtables())
                .as("after the state lock was let go, put's freeze went through; state %s", ids(engine.state()))
                .containsExactly(before.memtable());
        assertThat(engine.get(b("k"))).as("get(k) after put(k, v) froze its memtable").isEqualTo(b("v"));
    }

    @Test
    void writers_that_found_a_memtable_full_do_not_freeze_its_successor() throws Exception {
        // 10-byte target: each of the two puts below fills the memtable; the test's own put does not.
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly().withTargetSstSize(10));
        MemTable full = engine.state().memtable();
        ReentrantLock stateLock = engine.stateLockForTests();
        CallInThread first;
        CallInThread second;
        stateLock.lock();
        try {
            first = CallInThread.start("put-a", () -> engine.put(b("a"), b("twenty bytes of value")));
            second = CallInThread.start("put-b", () -> engine.put(b("b"), b("twenty bytes of value")));
            first.assertQueued(first.awaitQueuedOrFinished(stateLock::hasQueuedThread), STATE_LOCK_RULE
                    + " The test held the state lock, and put(a) filled the memtable past its 10-byte target.");
            second.assertQueued(second.awaitQueuedOrFinished(stateLock::hasQueuedThread), STATE_LOCK_RULE
                    + " The test held the state lock, and put(b) filled the memtable past its 10-byte target.");
            assertThat(engine.memtableLockForTests().getReadLockCount())
                    .as(LOCK_ORDER_RULE + " put(a) and put(b) wait for the state lock (to freeze) while they still hold "
                            + "the read side.")
                    .isZero();
            // Both writers wait to freeze memtable `full`. Someone else freezes it first, and a small write
            // lands in its successor, which is far below the target.
            engine.forceFreezeMemtable();
            engine.put(b("c"), b("1"));
        } finally {
            stateLock.unlock();
        }
        assertThat(first.awaitFinished("put(a)")).as("what put(a) threw").isNull();
        assertThat(second.awaitFinished("put(b)")).as("what put(b) threw").isNull();
        LsmStorageState state = engine.state();
        assertThat(state.immMemtables())
                .as("docs/day4-engine.md, \"Freezing, and why the critical section is short\": several writers can find "
                        + "the same memtable full; only the first to get the state lock may freeze it, and the others "
                        + "must check that it is still the current memtable (==) and do nothing if not. Here put(a) and "
                        + "put(b) both found memtable %d full, it was frozen before they got the state lock, and its "
                        + "successor holds only c (2 bytes, below the 10-byte target); it must not be frozen. State %s",
                        full.id(), ids(state))
                .containsExactly(full);
        assertThat(state.memtable().get(b("c"))).as("the successor memtable still takes writes").isEqualTo(b("1"));
    }

    // ---- the memtable lock's write side --------------------------------------------------------------

    @Test
    void a_forced_freeze_waits_for_a_writer_that_holds_the_read_side() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        engine.put(b("a"), b("1"));
        LsmStorageState before = engine.state();
        ReentrantReadWriteLock memtableLock = engine.memtableLockForTests();
        CallInThread freeze;
        memtableLock.readLock().lock(); // a writer between reading the state and putting into its memtable
        try {
            freeze = CallInThread.start("freezer", engine::forceFreezeMemtable);
            Outcome outcome = freeze.awaitQueuedOrFinished(memtableLock::hasQueuedThread);
            freeze.assertQueued(outcome, WRITE_LOCK_RULE + " The test held the read side, as such a writer does, and "
                    + "called forceFreezeMemtable() in another thread.");
            assertThat(engine.state().memtable())
                    .as("while a writer holds the read side, the freeze must not have swapped the memtable")
                    .isSameAs(before.memtable());
        } finally {
            memtableLock.readLock().unlock();
        }
        assertThat(freeze.awaitFinished("forceFreezeMemtable()")).as("what the freeze threw").isNull();
        assertThat(engine.state().immMemtables())
                .as("after the read side was let go the freeze went through; state %s", ids(engine.state()))
                .containsExactly(before.memtable());
    }

    @Test
    void the_automatic_freeze_in_put_waits_for_a_writer_that_holds_the_read_side() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly().withTargetSstSize(1));
        LsmStorageState before = engine.state();
        ReentrantReadWriteLock memtableLock = engine.memtableLockForTests();
        CallInThread put;
        memtableLock.readLock().lock();
        try {
            put = CallInThread.start("put-k", () -> engine.put(b("k"), b("v")));
            Outcome outcome = put.awaitQueuedOrFinished(memtableLock::hasQueuedThread);
            put.assertQueued(outcome, WRITE_LOCK_RULE + " With a 1-byte target every put freezes; the test held the "
                    + "read side, as another writer does, and called put(k, v) in another thread. Its write may go "
                    + "through at once (writers share the read side), its freeze may not. (And put must let go of "
                    + "its own read side before it freezes: a thread that holds the read side and asks for the write "
                    + "side waits for itself forever.)");
            assertThat(engine.state().memtable())
                    .as("while another writer holds the read side, the freeze in put must not have swapped the memtable")
                    .isSameAs(before.memtable());
        } finally {
            memtableLock.readLock().unlock();
        }
        assertThat(put.awaitFinished("put(k, v)")).as("what put(k, v) threw").isNull();
        assertThat(engine.state().immMemtables())
                .as("after the read side was let go, put's freeze went through; state %s", ids(engine.state()))
                .containsExactly(before.memtable());
    }

    // ---- a write that waited for a freeze ------------------------------------------------------------

    @Test
    void a_put_that_waited_for_a_freeze_writes_into_the_new_memtable() throws Exception {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        engine.put(b("a"), b("1"));
        MemTable first = engine.state().memtable();
        ReentrantReadWriteLock memtableLock = engine.memtableLockForTests();
        CallInThread put;
        memtableLock.writeLock().lock();
        try {
            put = CallInThread.start("put-k", () -> engine.put(b("k"), b("v")));
            Outcome outcome = put.awaitQueuedOrFinished(memtableLock::hasQueuedThread);
            put.assertQueued(outcome, "docs/day4-engine.md, Task 2 and \"Two locks\": put must take the read side of "
                    + "memtableLock before it reads the state. The test held the write side and called put(k, v) in "
                    + "another thread.");
            // The write lock is reentrant: this thread may freeze while it holds it, as a freeze would.
            engine.forceFreezeMemtable();
        } finally {
            memtableLock.writeLock().unlock();
        }
        assertThat(put.awaitFinished("put(k, v)")).as("what put(k, v) threw").isNull();
        LsmStorageState state = engine.state();
        assertThat(first.get(b("k")))
                .as("docs/day4-engine.md, \"Two locks\": put(k, v) waited for the memtable lock while memtable %d was "
                        + "frozen, yet it wrote into memtable %d, which was already frozen (a flush may have missed it). "
                        + "Read the state only once you hold the read side; state %s", first.id(), first.id(), ids(state))
                .isNull();
        assertThat(state.memtable().get(b("k")))
                .as("put(k, v) that waited for the freeze must write into the new current memtable %d; state %s",
                        state.memtable().id(), ids(state))
                .isEqualTo(b("v"));
    }
}
