package org.lsmworkbook.read;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * Small helpers the day-5 tests share: entries from strings, memtables, SST files and states built
 * from them, draining iterators, and a scripted child for the two-merge tests.
 *
 * <p>In the strings, an empty value ({@code ""}) is a tombstone, as everywhere in the engine.
 * Nothing here runs in a static initializer: fixtures are made inside each test.
 */
final class ReadFixtures {

    /** Small blocks, so that a table of a few keys has several of them (about two entries each). */
    static final int SMALL_BLOCKS = 32;

    private ReadFixtures() {}

    /** One key-value pair, printed as {@code key=value} in assertion messages ({@code key=} for a tombstone). */
    record Entry(Bytes key, Bytes value) {
        static Entry of(String key, String value) {
            return new Entry(Bytes.of(key), Bytes.of(value));
        }

        @Override
        public String toString() {
            return key.toUtf8String() + "=" + value.toUtf8String();
        }
    }

    /** The key/value strings as entries, alternating key and value. */
    static List<Entry> entries(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values must alternate: " + Arrays.toString(keysAndValues));
        }
        List<Entry> out = new ArrayList<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.add(Entry.of(keysAndValues[i], keysAndValues[i + 1]));
        }
        return out;
    }

    /** The entries of a map, in its order. */
    static List<Entry> entries(Map<Bytes, Bytes> map) {
        List<Entry> out = new ArrayList<>();
        map.forEach((k, v) -> out.add(new Entry(k, v)));
        return out;
    }

    /** The entries as {@code key=value} strings, for short expectations. */
    static List<String> shown(List<Entry> entries) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.toString());
        }
        return out;
    }

    /** {@code "b=2 c=3"} as {@code [b=2, c=3]}; blank as the empty list. */
    static List<String> expected(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank()
                ? List.of() : Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }

    /** Everything from the iterator's current position to its end (at most {@code limit} entries). */
    static List<Entry> drain(StorageIterator it, int limit) throws IOException {
        List<Entry> out = new ArrayList<>();
        while (it.isValid()) {
            if (out.size() == limit) {
                throw new AssertionError("the iterator yielded more than " + limit
                        + " entries; does next() move forward, and does isValid() turn false at the end?");
            }
            out.add(new Entry(it.key(), it.value()));
            it.next();
        }
        return out;
    }

    /** "unbounded", "included x" or "excluded x". */
    static Bound bound(String text) {
        String[] parts = text.trim().split("\\s+");
        switch (parts[0]) {
            case "unbounded":
                return Bound.unbounded();
            case "included":
                return Bound.included(Bytes.of(parts[1]));
            case "excluded":
                return Bound.excluded(Bytes.of(parts[1]));
            default:
                throw new IllegalArgumentException("not a bound: " + text);
        }
    }

    /** A memtable with id {@code id} holding the key/value strings ({@code ""} puts a tombstone). */
    static MemTable memtable(long id, String... keysAndValues) {
        MemTable table = MemTable.create(id);
        for (Entry e : entries(keysAndValues)) {
            table.put(e.key(), e.value());
        }
        return table;
    }

    /**
     * An SST with id {@code id} at {@code dir/<id>.sst}, built with {@code new
     * SsTableBuilder(SMALL_BLOCKS, path)} from the key/value strings (sorted by key; {@code ""} is a
     * tombstone), reading through {@code cache}.
     */
    static SsTable sst(Path dir, long id, BlockCache cache, String... keysAndValues) throws IOException {
        return sst(dir, id, cache, SMALL_BLOCKS, entries(keysAndValues));
    }

    /** An SST of {@code entries} (sorted by key) with blocks of about {@code blockSize} bytes. */
    static SsTable sst(Path dir, long id, BlockCache cache, int blockSize, List<Entry> entries) throws IOException {
        SsTableBuilder builder = new SsTableBuilder(blockSize, dir.resolve(id + ".sst"));
        for (Entry e : entries) {
            builder.add(e.key(), e.value());
        }
        return builder.build(id, cache);
    }

    /**
     * A state of {@code memtable}, the frozen memtables (newest first) and the L0 SSTs (newest
     * first). The ids must already say the same: larger is newer.
     */
    static LsmStorageState state(MemTable memtable, List<MemTable> immNewestFirst, List<SsTable> l0NewestFirst) {
        List<Long> ids = new ArrayList<>();
        Map<Long, SsTable> byId = new HashMap<>();
        for (SsTable table : l0NewestFirst) {
            ids.add(table.id());
            byId.put(table.id(), table);
        }
        return new LsmStorageState(memtable, immNewestFirst, ids, byId);
    }

    /** A state with an empty memtable (id above every SST id) and the L0 SSTs, newest first. */
    static LsmStorageState sstsOnly(List<SsTable> l0NewestFirst) {
        long top = 0;
        for (SsTable table : l0NewestFirst) {
            top = Math.max(top, table.id());
        }
        return state(MemTable.create(top + 1), List.of(), l0NewestFirst);
    }

    /**
     * A test-only child for the two-merge tests: a list of entries, in the order given (the caller
     * keeps them sorted). It counts calls to {@code next()}, can be told to throw on its n-th call,
     * and can report any number of active iterators. Written here so that the task 1 tests need no
     * memtable or SST.
     */
    static final class ScriptedIterator implements StorageIterator {

        private final List<Entry> entries;
        private int position;
        private int nextCalls;
        private int failOnCall; // 0: never
        private IOException failure;
        private int activeWhenValid = 1;

        ScriptedIterator(List<Entry> entries) {
            this.entries = List.copyOf(entries);
        }

        /** A child of the key/value strings, alternating: {@code of("a", "1", "b", "2")}. */
        static ScriptedIterator of(String... keysAndValues) {
            return new ScriptedIterator(entries(keysAndValues));
        }

        /** Makes the {@code call}-th call to {@code next()} (counting from 1) throw {@code failure}. */
        ScriptedIterator failingOnNextCall(int call, IOException failure) {
            this.failOnCall = call;
            this.failure = failure;
            return this;
        }

        /** Makes {@code numActiveIterators()} report {@code count} while valid, like a merge of several. */
        ScriptedIterator reportingActive(int count) {
            this.activeWhenValid = count;
            return this;
        }

        /** How many times {@code next()} was called. */
        int nextCalls() {
            return nextCalls;
        }

        @Override
        public Bytes key() {
            check();
            return entries.get(position).key();
        }

        @Override
        public Bytes value() {
            check();
            return entries.get(position).value();
        }

        @Override
        public boolean isValid() {
            return position < entries.size();
        }

        @Override
        public void next() throws IOException {
            nextCalls++;
            if (nextCalls == failOnCall) {
                throw failure;
            }
            if (position < entries.size()) {
                position++;
            }
        }

        @Override
        public int numActiveIterators() {
            return isValid() ? activeWhenValid : 0;
        }

        private void check() {
            if (!isValid()) {
                throw new IllegalStateException("test child: key()/value() called on an invalid iterator; "
                        + "check the child's isValid() first (TwoMergeIterator)");
            }
        }
    }
}
