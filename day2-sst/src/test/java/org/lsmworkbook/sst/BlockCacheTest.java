package org.lsmworkbook.sst;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.sst.TestTables.build;
import static org.lsmworkbook.sst.TestTables.drain;
import static org.lsmworkbook.sst.TestTables.numbered;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.block.Block;
import org.lsmworkbook.block.BlockBuilder;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.CorruptionException;
import org.lsmworkbook.sst.TestTables.Entry;

@Timeout(20)
@DisplayName("Day 2 · Task 5 — BlockCache")
class BlockCacheTest {

    @TempDir
    Path dir;

    /** A new Block object (a new instance on every call) holding one entry. */
    private static Block block(String key) {
        BlockBuilder builder = new BlockBuilder(4096);
        builder.add(Bytes.of(key), Bytes.of("value of " + key));
        return builder.build();
    }

    /** A loader that counts its calls and returns a new block each time. */
    private static final class CountingLoader implements BlockCache.BlockLoader {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public Block load() {
            calls.incrementAndGet();
            return block("k");
        }
    }

    @Test
    void a_second_get_returns_the_cached_block_without_loading_again() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        CountingLoader loader = new CountingLoader();
        Block first = cache.getOrLoad(1, 0, 100, loader);
        Block second = cache.getOrLoad(1, 0, 100, loader);
        assertThat(second)
                .as("getOrLoad(1, 0, ...) twice: the second call must return the very Block object the first one "
                        + "loaded (it is cached), not a new one")
                .isSameAs(first);
        assertThat(loader.calls.get()).as("loader calls for two getOrLoad(1, 0, ...) in a row: only the first misses")
                .isEqualTo(1);
        assertThat(cache.getIfPresent(1, 0)).as("getIfPresent(1, 0) after it was loaded").isSameAs(first);
        assertThat(cache.getIfPresent(1, 1)).as("getIfPresent(1, 1), never loaded: null (and no load)").isNull();
        assertThat(cache.getIfPresent(2, 0)).as("getIfPresent(2, 0), another SST's block 0: null").isNull();
    }

    @Test
    void blocks_are_keyed_by_sst_id_and_block_index() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        Block a = cache.getOrLoad(1, 0, 100, () -> block("a"));
        Block b = cache.getOrLoad(2, 0, 100, () -> block("b"));
        Block c = cache.getOrLoad(1, 1, 100, () -> block("c"));
        assertThat(b).as("getOrLoad(2, 0) after getOrLoad(1, 0): another SST's block 0 is another block").isNotSameAs(a);
        assertThat(c).as("getOrLoad(1, 1) after getOrLoad(1, 0): another block of the same SST").isNotSameAs(a);
        assertThat(cache.getIfPresent(1, 0)).as("getIfPresent(1, 0)").isSameAs(a);
        assertThat(cache.getIfPresent(2, 0)).as("getIfPresent(2, 0)").isSameAs(b);
        assertThat(cache.getIfPresent(1, 1)).as("getIfPresent(1, 1)").isSameAs(c);
        assertThat(cache.weightedSize()).as("weightedSize() of three cached blocks weighing 100 bytes each").isEqualTo(300);
    }

    @Test
    void the_cache_stays_within_its_capacity_in_bytes() throws IOException {
        BlockCache cache = new BlockCache(1_000);
        assertThat(cache.capacityBytes()).as("capacityBytes() of new BlockCache(1000)").isEqualTo(1_000);
        for (int i = 0; i < 60; i++) {
            cache.getOrLoad(1, i, 100, () -> block("k"));
            assertThat(cache.weightedSize())
                    .as("weightedSize() after loading %d blocks of 100 bytes into a cache of 1000 bytes: at most the "
                            + "capacity (Caffeine's maximumWeight with a weigher returning each block's weight)", i + 1)
                    .isLessThanOrEqualTo(cache.capacityBytes());
        }
        assertThat(cache.weightedSize()).as("weightedSize() of a cache that has loaded 60 blocks of 100 bytes").isPositive();
        int present = 0;
        for (int i = 0; i < 60; i++) {
            present += cache.getIfPresent(1, i) != null ? 1 : 0;
        }
        assertThat(present).as("blocks of 100 bytes still in a cache of 1000 bytes").isLessThanOrEqualTo(10);
    }

    @Test
    void a_cache_of_zero_bytes_keeps_nothing() throws IOException {
        BlockCache cache = new BlockCache(0);
        CountingLoader loader = new CountingLoader();
        assertThat(cache.getOrLoad(1, 0, 100, loader)).as("getOrLoad of a cache of 0 bytes still returns the block").isNotNull();
        assertThat(cache.weightedSize()).as("weightedSize() of a cache of 0 bytes (after cleanUp())").isZero();
        assertThat(cache.getIfPresent(1, 0)).as("getIfPresent(1, 0) in a cache of 0 bytes: nothing is kept").isNull();
        cache.getOrLoad(1, 0, 100, loader);
        assertThat(loader.calls.get()).as("a cache of 0 bytes keeps nothing: every getOrLoad loads").isEqualTo(2);
    }

    @Test
    void a_negative_capacity_is_an_illegal_argument() {
        assertThatThrownBy(() -> new BlockCache(-1),
                "new BlockCache(-1): IllegalArgumentException (0 is allowed: it caches nothing)")
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_failing_load_reaches_the_caller_and_is_not_cached() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        IOException io = new IOException("disk on fire");
        Throwable thrown = catchThrowable(() -> cache.getOrLoad(1, 0, 100, () -> {
            throw io;
        }));
        assertThat(thrown)
                .as("getOrLoad whose loader throws an IOException: that very exception, not wrapped (Caffeine only "
                        + "lets unchecked exceptions through: wrap it inside the function and unwrap it outside)")
                .isSameAs(io);
        CorruptionException corrupt = new CorruptionException("x.sst", 12, "checksum mismatch");
        thrown = catchThrowable(() -> cache.getOrLoad(1, 0, 100, () -> {
            throw corrupt;
        }));
        assertThat(thrown).as("getOrLoad whose loader throws a CorruptionException: that very exception").isSameAs(corrupt);
        assertThat(cache.getIfPresent(1, 0)).as("getIfPresent after failed loads: nothing was cached").isNull();
        assertThat(cache.weightedSize()).as("weightedSize() after failed loads").isZero();

        CountingLoader loader = new CountingLoader();
        Block block = cache.getOrLoad(1, 0, 100, loader);
        assertThat(loader.calls.get()).as("the next getOrLoad after a failed one must load again").isEqualTo(1);
        assertThat(cache.getIfPresent(1, 0)).as("and then the block is cached").isSameAs(block);
    }

    /**
     * Eight threads miss the same block at the same time; the loader must run once and every thread
     * must get its block.
     *
     * <p>The race is forced, not left to timing luck. The loader, once called, does not return until
     * either (a) every other thread has announced it is about to call {@code getOrLoad} and is now
     * parked (BLOCKED or WAITING) — which a correct cache does: it makes them wait for the running
     * load — or (b) the loader has been called a second time, which is what a naive "look up; if
     * absent, load and put" cache does: the other threads find nothing and load too. A deadline of a
     * few seconds only guards against a cache that makes the threads spin. So a correct cache always
     * gives exactly 1 call, and a naive one gives 2 to 8 every time.
     */
    @Test
    void concurrent_misses_on_one_block_load_it_once() throws Exception {
        Set<Thread.State> parked = EnumSet.of(Thread.State.BLOCKED, Thread.State.WAITING, Thread.State.TIMED_WAITING);
        int n = 8;
        for (int round = 0; round < 5; round++) {
            BlockCache cache = new BlockCache(1 << 20);
            AtomicInteger calls = new AtomicInteger();
            AtomicInteger aboutToCall = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            BlockCache.BlockLoader loader = () -> {
                calls.incrementAndGet();
                Thread me = Thread.currentThread();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < deadline && calls.get() == 1) {
                    boolean othersParked = aboutToCall.get() == n;
                    for (Thread t : threads) {
                        if (t != me && !parked.contains(t.getState())) {
                            othersParked = false;
                        }
                    }
                    if (othersParked) {
                        break;
                    }
                    Thread.onSpinWait();
                }
                return block("shared");
            };
            CountDownLatch start = new CountDownLatch(1);
            AtomicReferenceArray<Object> results = new AtomicReferenceArray<>(n);
            for (int i = 0; i < n; i++) {
                int slot = i;
                threads.add(new Thread(() -> {
                    try {
                        start.await();
                        aboutToCall.incrementAndGet();
                        results.set(slot, cache.getOrLoad(1, 0, 100, loader));
                    } catch (Throwable e) {
                        results.set(slot, e);
                    }
                }, "block-cache-reader-" + i));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(10));
                assertThat(t.isAlive()).as("%s finished its getOrLoad within 10 s", t.getName()).isFalse();
            }
            Object first = results.get(0);
            for (int i = 0; i < n; i++) {
                assertThat(results.get(i))
                        .as("round %d: what thread %d got from getOrLoad(1, 0, ...) (a Block, not an exception)", round, i)
                        .isInstanceOf(Block.class);
            }
            assertThat(calls.get())
                    .as("round %d: %d threads missed block (1, 0) at the same time; the loader ran %d times. It must run "
                            + "once: use Caffeine's Cache.get(key, function), which makes the other threads wait for "
                            + "the running load, not getIfPresent followed by put", round, n, calls.get())
                    .isEqualTo(1);
            for (int i = 0; i < n; i++) {
                assertThat(results.get(i))
                        .as("round %d: thread %d must get the same Block object as thread 0 (the one load's result)", round, i)
                        .isSameAs(first);
            }
        }
    }

    @Test
    void readBlockCached_reads_each_block_from_the_file_once() throws Exception {
        List<Entry> entries = numbered(200);
        Path path = dir.resolve("t.sst");
        BlockCache cache = new BlockCache(1 << 20);
        try (SsTable table = build(path, 256, entries, 5, cache)) {
            int n = table.numBlocks();
            assertThat(n).as("the table spans several blocks").isGreaterThan(3);
            for (int pass = 0; pass < 2; pass++) {
                assertThat(drain(SsTableIterator.createAndSeekToFirst(table), entries.size()))
                        .as("pass %d over the table through a block cache", pass)
                        .containsExactlyElementsOf(entries);
            }
            for (int i = 0; i < n; i++) {
                assertThat(cache.getIfPresent(5, i))
                        .as("getIfPresent(5, %d) after iterating table 5 with a cache: readBlockCached must put "
                                + "each block in the cache, keyed by the table's id and the block index", i)
                        .isNotNull()
                        .isSameAs(table.readBlockCached(i));
            }
            long weight = 0;
            for (int i = 0; i < n; i++) {
                weight += table.storedBlockSize(i);
            }
            assertThat(cache.weightedSize())
                    .as("weightedSize() once all %d blocks are cached: each weighs its storedBlockSize(i)", n)
                    .isEqualTo(weight);

            // Now damage every stored block on disk, in place. The open file sees the new bytes, so
            // any read from the file would fail its checksum: the next pass must come from memory.
            int metaOffset = (int) TestTables.u32(Files.readAllBytes(path), (int) table.tableSize() - 16);
            TestTables.overwrite(path, 0, new byte[metaOffset]);
            assertThatThrownBy(() -> table.readBlock(0),
                    "readBlock(0) (no cache) after the blocks were zeroed on disk: the damage is visible to file reads")
                    .isInstanceOf(CorruptionException.class);
            assertThat(drain(SsTableIterator.createAndSeekToFirst(table), entries.size()))
                    .as("a third pass after the blocks were zeroed on disk: every block must come from the cache, "
                            + "so the data is still right (SsTableIterator reads through readBlockCached)")
                    .containsExactlyElementsOf(entries);
        }
    }

    @Test
    void tables_sharing_a_cache_get_their_own_blocks() throws Exception {
        BlockCache cache = new BlockCache(1 << 20);
        List<Entry> one = numbered(80);
        List<Entry> two = new ArrayList<>();
        for (Entry e : one) {
            two.add(new Entry(e.key(), Bytes.of("other " + e.value().toUtf8String())));
        }
        try (SsTable t1 = build(dir.resolve("1.sst"), 256, one, 1, cache);
                SsTable t2 = build(dir.resolve("2.sst"), 256, two, 2, cache)) {
            for (int pass = 0; pass < 2; pass++) {
                assertThat(drain(SsTableIterator.createAndSeekToFirst(t1), one.size()))
                        .as("pass %d over table 1, sharing its cache with table 2 (same keys, other values): the cache "
                                + "key is (SST id, block index), not the block index alone", pass)
                        .containsExactlyElementsOf(one);
                assertThat(drain(SsTableIterator.createAndSeekToFirst(t2), two.size()))
                        .as("pass %d over table 2, sharing its cache with table 1", pass)
                        .containsExactlyElementsOf(two);
            }
        }
    }

    @Test
    void many_threads_iterate_one_table_through_a_small_cache() throws Exception {
        List<Entry> entries = numbered(300);
        BlockCache cache = new BlockCache(2_000); // a few blocks: constant eviction
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (SsTable table = build(dir.resolve("t.sst"), 256, entries, 3, cache)) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<List<Entry>>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    List<Entry> last = null;
                    for (int pass = 0; pass < 20; pass++) {
                        last = drain(SsTableIterator.createAndSeekToFirst(table), entries.size());
                        if (!last.equals(entries)) {
                            return last;
                        }
                    }
                    return last;
                }));
            }
            start.countDown();
            for (Future<List<Entry>> result : results) {
                assertThat(result.get(15, TimeUnit.SECONDS))
                        .as("%d threads iterating one table 20 times each through a 2000-byte cache (blocks are "
                                + "evicted and reloaded all the time): every pass sees every entry", threads)
                        .containsExactlyElementsOf(entries);
            }
            assertThat(cache.weightedSize()).as("weightedSize() after the stress").isLessThanOrEqualTo(2_000);
        } finally {
            pool.shutdownNow();
            assertThat(pool.awaitTermination(5, TimeUnit.SECONDS)).as("the reader threads stop").isTrue();
        }
    }
}
