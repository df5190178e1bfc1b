package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.engine.TestSupport.b;
import static org.lsmworkbook.engine.TestSupport.drain;
import static org.lsmworkbook.engine.TestSupport.entries;
import static org.lsmworkbook.engine.TestSupport.sst;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.engine.TestSupport.Entry;
import org.lsmworkbook.engine.TestSupport.ScriptedIterator;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

/**
 * Hidden tests of day 4: corners the public tests leave open.
 *
 * <ul>
 *   <li>{@code forced_freezes_from_several_threads_at_once_never_freeze_an_empty_memtable}: several
 *       threads are all inside {@code forceFreezeMemtable()} (held back by a change that keeps the
 *       state lock busy) before the first of them freezes a memtable with one entry; the public tests
 *       only ever have one thread that forces freezes, so an emptiness check made outside the state
 *       lock, or a freeze that takes no state lock, goes unnoticed there.
 *   <li>{@code with_a_one_byte_target_every_put_freezes_and_the_newest_of_many_memtables_wins}: a
 *       stack of fifty memtables of one entry each; {@code get} and {@code scan} must take the newest
 *       value and a tombstone on top must hide all the others.
 *   <li>{@code binary_keys_with_0x00_and_0xFF_bytes_and_every_bound_are_exact}: every pair of bounds
 *       over keys made of 0x00, 0x7F, 0x80 and 0xFF bytes, where some keys are prefixes of others,
 *       spread over three memtables with tombstones; the public tests use single bytes only.
 *   <li>{@code a_fused_scan_that_fails_while_skipping_tombstones_stays_failed}: the error comes from
 *       the inner iterator while {@code LsmIterator} skips tombstones inside {@code next()}, and
 *       {@code FusedIterator} sits on top of it; the public tests check the two layers apart.
 *   <li>{@code after_the_end_a_fused_iterator_still_reports_the_inner_count}: the table of the
 *       chapter says {@code numActiveIterators()} after the end is the inner iterator's, not 0.
 *   <li>{@code open_checks_the_order_of_every_pair_of_ssts}: the out-of-order pair is not the first
 *       one; the public tests only try a list of two.
 *   <li>{@code deep_stacks_of_tiny_memtables_behave_like_a_sorted_map}: a seeded model test of another
 *       shape: eight keys, many deletes and memtables of 48 bytes, so reads cross hundreds of layers.
 * </ul>
 */
@Tag("hidden")
@Timeout(60)
@DisplayName("Day 4 · hidden — freezes under contention, deep memtable stacks, binary bounds, fused errors")
class Day4HiddenTest {

    @TempDir
    Path dir;

    private final List<SsTable> opened = new ArrayList<>();

    @AfterEach
    void closeTables() throws IOException {
        for (SsTable table : opened) {
            table.close();
        }
    }

    // ---- Task 3: forced freezes from several threads ----------------------------------------------

    /** Polls {@code condition} until it holds, for at most 10 s; fails with {@code what} otherwise. */
    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("waited 10 s for: " + what);
            }
            LockSupport.parkNanos(100_000);
        }
    }

    @Test
    @Tag("points=2")
    void forced_freezes_from_several_threads_at_once_never_freeze_an_empty_memtable() throws Exception {
        int freezers = 3;
        int rounds = 20;
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        for (int round = 0; round < rounds; round++) {
            engine.put(b(String.format("round-%04d", round)), b("v" + round));
            LsmStorageState before = engine.state();

            // A holder keeps the state lock busy (through updateState, whose change waits for a signal), so
            // that every freezer is inside forceFreezeMemtable() before any of them can freeze.
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                try {
                    engine.updateState(s -> {
                        holding.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return s;
                    });
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "hidden-lock-holder");
            holder.start();
            assertThat(holding.await(10, TimeUnit.SECONDS)).as("test harness: the holder took the state lock").isTrue();

            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger entered = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < freezers; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        go.await();
                        entered.incrementAndGet();
                        engine.forceFreezeMemtable();
                    } catch (Throwable e) {
                        errors.add(e);
                    }
                }, "hidden-freezer-" + t);
                threads.add(thread);
                thread.start();
            }
            go.countDown();
            await("all " + freezers + " freezers are inside forceFreezeMemtable(), waiting for the state lock (or done)",
                    () -> entered.get() == freezers && threads.stream().allMatch(t ->
                            engine.stateLockForTests().hasQueuedThread(t) || t.getState() == Thread.State.TERMINATED));
            release.countDown();
            holder.join(10_000);
            for (Thread thread : threads) {
                thread.join(10_000);
                assertThat(thread.isAlive()).as("round %d: a freezer did not finish within 10 s (a deadlock?)", round)
                        .isFalse();
            }
            assertThat(errors).as("round %d: forceFreezeMemtable() from %d threads at once must not fail", round,
                    freezers).isEmpty();
            assertThat(engine.state().immMemtables())
                    .as("round %d: one put, then %d threads call forceFreezeMemtable() at the same moment. The first "
                            + "to get the state lock freezes the memtable; the others must find the new, EMPTY one "
                            + "and do nothing, so exactly one memtable more is frozen (%d before). Check isEmpty() "
                            + "while you hold the state lock, not before you take it; and take the state lock at "
                            + "all, or a concurrent change of the state erases the freeze (Day 4, Task 3). State %s",
                            round, freezers, before.immMemtables().size(), engine.state())
                    .hasSize(before.immMemtables().size() + 1);
        }

        LsmStorageState state = engine.state();
        for (MemTable imm : state.immMemtables()) {
            assertThat(imm.isEmpty())
                    .as("frozen memtable %d is empty. %d threads called forceFreezeMemtable() together on a memtable "
                            + "holding one entry: the first froze it, and the others found the new, empty one. Check "
                            + "isEmpty() while holding the state lock, not before taking it (Day 4, Task 3)",
                            imm.id(), freezers)
                    .isFalse();
        }
        assertThat(state.immMemtables())
                .as("%d rounds of one put followed by %d simultaneous forced freezes must make exactly %d frozen "
                        + "memtables, one per round (Day 4, Task 3: forceFreezeMemtable does nothing on an empty "
                        + "memtable)", rounds, freezers, rounds)
                .hasSize(rounds);
        assertThat(state.memtable().isEmpty()).as("after the last round the current memtable is empty").isTrue();
        FreezeTest.assertIdsNewestFirst(state, "after concurrent forced freezes");
        for (int round = 0; round < rounds; round++) {
            assertThat(engine.get(b(String.format("round-%04d", round))))
                    .as("get(round-%04d) after the concurrent freezes: a freeze never loses data", round)
                    .isEqualTo(b("v" + round));
        }
    }

    // ---- Tasks 2 to 4: one entry per memtable ------------------------------------------------------

    @Test
    void with_a_one_byte_target_every_put_freezes_and_the_newest_of_many_memtables_wins() throws IOException {
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly().withTargetSstSize(1));
        for (int i = 0; i < 50; i++) {
            engine.put(b("k"), b("v" + i));
            assertThat(engine.state().memtable().isEmpty())
                    .as("targetSstSize is 1 byte, so every put fills the memtable and must freeze it right after the "
                            + "put (check approximateSize() >= targetSstSize() after writing, Day 4, Task 3); put %d "
                            + "left the current memtable non-empty", i)
                    .isTrue();
        }
        engine.put(b("other"), b("o"));
        LsmStorageState state = engine.state();
        assertThat(state.immMemtables()).as("51 puts with a 1-byte target make 51 frozen memtables").hasSize(51);
        for (MemTable imm : state.immMemtables()) {
            assertThat(imm.isEmpty()).as("frozen memtable %d holds its one entry", imm.id()).isFalse();
        }
        FreezeTest.assertIdsNewestFirst(state, "after 51 automatic freezes");
        assertThat(engine.get(b("k")))
                .as("k was put 50 times, each time into a new memtable: get must return the value of the newest "
                        + "memtable that has it (immMemtables() is newest first; stop at the first answer)")
                .isEqualTo(b("v49"));
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), 10))
                .as("a full scan over 51 frozen memtables where k has 50 versions: each key once, newest value "
                        + "(the merge must list the memtables newest first: current, then immMemtables() in order)")
                .containsExactlyElementsOf(entries("k", "v49", "other", "o"));

        engine.delete(b("k"));
        assertThat(engine.get(b("k")))
                .as("a tombstone on top of 50 older values of k: get must return null and not look further")
                .isNull();
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), 10))
                .as("a full scan after the tombstone on top of 50 values of k")
                .containsExactlyElementsOf(entries("other", "o"));
        assertThat(drain(engine.scan(Bound.included(b("k")), Bound.included(b("k"))), 10))
                .as("scan([k, k]) after k was deleted on top of 50 values: empty")
                .isEmpty();
        engine.put(b("k"), b("back"));
        assertThat(engine.get(b("k"))).as("put(k) after the delete brings it back").isEqualTo(b("back"));
    }

    // ---- Task 4: binary keys and every bound --------------------------------------------------------

    private static Bytes bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return Bytes.wrap(out);
    }

    private static boolean within(Bytes key, Bound lower, Bound upper) {
        boolean aboveLower = lower.isUnbounded()
                || (lower.isIncluded() ? key.compareTo(lower.key()) >= 0 : key.compareTo(lower.key()) > 0);
        boolean belowUpper = upper.isUnbounded()
                || (upper.isIncluded() ? key.compareTo(upper.key()) <= 0 : key.compareTo(upper.key()) < 0);
        return aboveLower && belowUpper;
    }

    @Test
    void binary_keys_with_0x00_and_0xFF_bytes_and_every_bound_are_exact() throws IOException {
        List<Bytes> keys = List.of(
                bytes(0x00), bytes(0x00, 0x00), bytes(0x00, 0xFF), bytes(0x7F), bytes(0x7F, 0xFF), bytes(0x80),
                bytes(0x80, 0x00), bytes(0xFF), bytes(0xFF, 0x00), bytes(0xFF, 0xFF), bytes(0xFF, 0xFF, 0xFF));
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        // Oldest memtable: every key.
        for (int i = 0; i < keys.size(); i++) {
            engine.put(keys.get(i), b("old-" + i));
            model.put(keys.get(i), b("old-" + i));
        }
        engine.forceFreezeMemtable();
        // Middle memtable: delete every third key, overwrite a few.
        for (int i = 0; i < keys.size(); i += 3) {
            engine.delete(keys.get(i));
            model.remove(keys.get(i));
        }
        engine.put(keys.get(1), b("mid-1"));
        model.put(keys.get(1), b("mid-1"));
        engine.put(keys.get(10), b("mid-10"));
        model.put(keys.get(10), b("mid-10"));
        engine.forceFreezeMemtable();
        // Current memtable: bring one deleted key back, delete the largest key.
        engine.put(keys.get(3), b("new-3"));
        model.put(keys.get(3), b("new-3"));
        engine.delete(keys.get(10));
        model.remove(keys.get(10));

        for (Bytes key : keys) {
            assertThat(engine.get(key)).as("get(%s) over three memtables with tombstones", key)
                    .isEqualTo(model.get(key));
        }
        List<Bound> bounds = new ArrayList<>();
        bounds.add(Bound.unbounded());
        List<Bytes> boundKeys = new ArrayList<>(keys);
        boundKeys.add(bytes(0x01));
        boundKeys.add(bytes(0xFF, 0xFF, 0xFF, 0xFF));
        for (Bytes key : boundKeys) {
            bounds.add(Bound.included(key));
            bounds.add(Bound.excluded(key));
        }
        for (Bound lower : bounds) {
            for (Bound upper : bounds) {
                List<Entry> expected = new ArrayList<>();
                for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                    if (within(e.getKey(), lower, upper)) {
                        expected.add(new Entry(e.getKey(), e.getValue()));
                    }
                }
                assertThat(drain(engine.scan(lower, upper), model.size() + 1))
                        .as("scan(%s, %s) over keys of 0x00/0x7F/0x80/0xFF bytes, some prefixes of others, in three "
                                + "memtables with tombstones: compare keys with Bytes.compareTo (unsigned, a prefix "
                                + "sorts first) in LsmIterator's upper-bound check (Day 4, Task 4)", lower, upper)
                        .containsExactlyElementsOf(expected);
            }
        }
    }

    // ---- Task 4: the iterator layers together --------------------------------------------------------

    @Test
    void a_fused_scan_that_fails_while_skipping_tombstones_stays_failed() throws IOException {
        IOException boom = new IOException("block 7 cannot be read");
        // next() #1 moves from a to b (a tombstone); next() #2, made to skip b, fails.
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "b", "", "c", "", "d", "4").failingOnNextCall(2, boom);
        FusedIterator<LsmIterator> it = new FusedIterator<>(LsmIterator.create(inner, Bound.unbounded()));
        assertThat(it.key()).as("the first live key").isEqualTo(b("a"));

        assertThatThrownBy(it::next,
                "LsmIterator.next() moves past a, finds the tombstone b and calls the inner next() again to skip "
                        + "it; that call throws. The exception must come out of FusedIterator.next() unchanged, "
                        + "through LsmIterator (Day 4, Task 4)")
                .isSameAs(boom);
        int calls = inner.calls();
        assertThat(it.isValid()).as("after the failure the fused scan is invalid").isFalse();
        assertThat(it.numActiveIterators()).as("numActiveIterators() after a failure is 0").isZero();
        assertThatThrownBy(it::key, "key() after the failure: IllegalStateException caused by the first error")
                .isInstanceOf(IllegalStateException.class).hasCause(boom);
        assertThatThrownBy(it::next, "next() after the failure: IllegalStateException caused by the first error")
                .isInstanceOf(IllegalStateException.class).hasCause(boom);
        assertThat(inner.calls())
                .as("after the failure nothing may reach the inner iterator any more, not even through LsmIterator: "
                        + "FusedIterator must check its stored failure before calling its inner iterator")
                .isEqualTo(calls);
    }

    /** An inner iterator that reports a fixed count, valid or not, and counts its calls to next(). */
    private static final class CountingInner implements StorageIterator {
        private final int count;
        private boolean valid = true;
        private int nextCalls;

        CountingInner(int count) {
            this.count = count;
        }

        @Override
        public Bytes key() {
            if (!valid) {
                throw new IllegalStateException("test iterator: key() past the end");
            }
            return b("only");
        }

        @Override
        public Bytes value() {
            if (!valid) {
                throw new IllegalStateException("test iterator: value() past the end");
            }
            return b("value");
        }

        @Override
        public boolean isValid() {
            return valid;
        }

        @Override
        public void next() {
            nextCalls++;
            valid = false;
        }

        @Override
        public int numActiveIterators() {
            return count;
        }
    }

    @Test
    void after_the_end_a_fused_iterator_still_reports_the_inner_count() throws IOException {
        CountingInner inner = new CountingInner(7);
        FusedIterator<CountingInner> it = new FusedIterator<>(inner);
        assertThat(it.numActiveIterators()).as("numActiveIterators() while valid is the inner's").isEqualTo(7);
        it.next();
        assertThat(it.isValid()).as("after the only entry the fused iterator is at its end").isFalse();
        assertThat(it.numActiveIterators())
                .as("the chapter's table: after the end (not after an error) numActiveIterators() is still the "
                        + "inner iterator's count; only a failure makes it 0 (Day 4, Task 4, FusedIterator)")
                .isEqualTo(7);
        it.next();
        assertThat(inner.nextCalls).as("next() after the end must not call the inner next()").isEqualTo(1);
        assertThatThrownBy(it::value, "value() after the end").isInstanceOf(IllegalStateException.class);
    }

    // ---- Task 1: the order check of open --------------------------------------------------------------

    @Test
    void open_checks_the_order_of_every_pair_of_ssts() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        SsTable t9 = table(9, cache);
        SsTable t6 = table(6, cache);
        SsTable t4 = table(4, cache);
        SsTable t1 = table(1, cache);
        assertThatThrownBy(() -> LsmStorageInner.open(dir.resolve("a"), LsmStorageOptions.forTests(), cache,
                List.of(t9, t4, t6)),
                "L0 SSTs 9, 4, 6: the first pair is in order, the second is not; open must check every "
                        + "neighbouring pair and throw IllegalArgumentException (Day 4, Task 1)")
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LsmStorageInner.open(dir.resolve("b"), LsmStorageOptions.forTests(), cache,
                List.of(t9, t6, t4, t4)),
                "L0 SSTs 9, 6, 4, 4: the same id twice at the end; ids must strictly decrease")
                .isInstanceOf(IllegalArgumentException.class);

        LsmStorageInner engine = LsmStorageInner.open(dir.resolve("c"), LsmStorageOptions.forTests(), cache,
                List.of(t9, t6, t1));
        assertThat(engine.state().l0SstIds()).as("SSTs 9, 6, 1 are newest first and accepted as given")
                .containsExactly(9L, 6L, 1L);
        assertThat(engine.state().memtable().id()).as("the first memtable after SSTs 9, 6, 1 has id 10").isEqualTo(10);
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            engine.put(b("k" + i), b("v"));
            engine.forceFreezeMemtable();
        }
        for (MemTable imm : engine.state().immMemtables()) {
            assertThat(imm.id()).as("every memtable id is above the SST ids").isGreaterThan(9);
            assertThat(ids.add(imm.id())).as("memtable id %d handed out twice", imm.id()).isTrue();
        }
    }

    private SsTable table(long id, BlockCache cache) throws IOException {
        SsTable table = sst(dir, id, cache, "key-of-" + id, "value-of-" + id);
        opened.add(table);
        return table;
    }

    // ---- All tasks: deep stacks against a model ----------------------------------------------------------

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {3, 1_234, 99_991})
    void deep_stacks_of_tiny_memtables_behave_like_a_sorted_map(long seed) throws IOException {
        Random random = new Random(seed);
        LsmStorageInner engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly().withTargetSstSize(48));
        List<Bytes> pool = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            pool.add(bytes(0x61 + i % 3, i < 4 ? 0xFF : 0x00, i));
        }
        pool.add(bytes(0x61));
        pool.add(bytes(0xFF));
        NavigableMap<Bytes, Bytes> model = new TreeMap<>();
        for (int op = 0; op < 2_500; op++) {
            Bytes key = pool.get(random.nextInt(pool.size()));
            int dice = random.nextInt(100);
            if (dice < 40) {
                Bytes value = b(seed + "/" + op);
                engine.put(key, value);
                model.put(key, value);
            } else if (dice < 75) {
                engine.delete(key);
                model.remove(key);
            } else if (dice < 90) {
                assertThat(engine.get(key))
                        .as("seed %d, op %d: get(%s) over %d memtables; the model says %s", seed, op, key,
                                engine.state().numMemtables(), model.get(key))
                        .isEqualTo(model.get(key));
            } else {
                Bytes a = pool.get(random.nextInt(pool.size()));
                Bound lower = random.nextBoolean() ? Bound.included(a) : Bound.excluded(a);
                Bound upper = random.nextInt(4) == 0 ? Bound.unbounded() : Bound.included(pool.get(random.nextInt(pool.size())));
                List<Entry> expected = new ArrayList<>();
                for (Map.Entry<Bytes, Bytes> e : model.entrySet()) {
                    if (within(e.getKey(), lower, upper)) {
                        expected.add(new Entry(e.getKey(), e.getValue()));
                    }
                }
                assertThat(drain(engine.scan(lower, upper), model.size() + 1))
                        .as("seed %d, op %d: scan(%s, %s) over %d memtables", seed, op, lower, upper,
                                engine.state().numMemtables())
                        .containsExactlyElementsOf(expected);
            }
        }
        assertThat(engine.state().numMemtables())
                .as("seed %d: 48-byte memtables must have been frozen automatically hundreds of times", seed)
                .isGreaterThan(100);
        for (Bytes key : pool) {
            assertThat(engine.get(key)).as("seed %d: get(%s) at the end", seed, key).isEqualTo(model.get(key));
        }
        List<Entry> all = new ArrayList<>();
        model.forEach((k, v) -> all.add(new Entry(k, v)));
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), model.size() + 1))
                .as("seed %d: a full scan at the end", seed)
                .containsExactlyElementsOf(all);
    }
}
