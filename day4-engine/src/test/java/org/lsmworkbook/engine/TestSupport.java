package org.lsmworkbook.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * Small helpers the day-4 tests share: entries from strings, draining iterators, hand-made
 * memtables and SST files, and a scripted iterator for the iterator tests.
 */
final class TestSupport {

    private TestSupport() {}

    /** One key-value pair, printed as {@code "key" -> "value"} in assertion messages. */
    record Entry(Bytes key, Bytes value) {
        static Entry of(String key, String value) {
            return new Entry(Bytes.of(key), Bytes.of(value));
        }

        @Override
        public String toString() {
            return key + " -> " + value;
        }
    }

    /** Shorthand for {@link Bytes#of(String)}. */
    static Bytes b(String text) {
        return Bytes.of(text);
    }

    /** The key/value strings as entries, alternating key and value; {@code ""} as a value is a tombstone. */
    static List<Entry> entries(String... keysAndValues) {
        if (keysAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("keys and values come in pairs");
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

    /** The keys of the entries, as strings, for short messages. */
    static List<String> keys(List<Entry> entries) {
        List<String> out = new ArrayList<>();
        for (Entry e : entries) {
            out.add(e.key().toUtf8String());
        }
        return out;
    }

    /** A memtable with the given id holding the key/value strings ({@code ""} is a tombstone). */
    static MemTable memtable(long id, String... keysAndValues) {
        MemTable table = MemTable.create(id);
        for (Entry e : entries(keysAndValues)) {
            table.put(e.key(), e.value());
        }
        return table;
    }

    /**
     * Installs {@code frozen} (newest first) as the engine's immutable memtables, through {@link
     * LsmStorageInner#updateState}, so that reads over several memtables can be tested without
     * {@link LsmStorageInner#forceFreezeMemtable()} (task 3). The current memtable stays.
     */
    static void setImmutableMemtables(LsmStorageInner engine, MemTable... frozen) {
        engine.updateState(s -> new LsmStorageState(s.memtable(), List.of(frozen), s.l0SstIds(), s.sstables()));
    }

    /**
     * Builds an SST file {@code sst-<id>.sst} in {@code dir} from the sorted key/value strings, with
     * day 2's builder and small blocks, and returns it open.
     */
    static SsTable sst(Path dir, long id, BlockCache cache, String... keysAndValues) throws IOException {
        SsTableBuilder builder = new SsTableBuilder(64, dir.resolve("sst-" + id + ".sst"));
        for (Entry e : entries(keysAndValues)) {
            builder.add(e.key(), e.value());
        }
        return builder.build(id, cache);
    }

    /**
     * A test-only iterator over a list of entries, in the order given (the caller keeps them
     * sorted). It counts calls to {@code next()} and calls of any kind, and can be told to throw on
     * its n-th call to {@code next()}. It is written here, in the tests, so that the iterator tests
     * need no memtable and no engine.
     */
    static final class ScriptedIterator implements StorageIterator {

        private final List<Entry> entries;
        private int position;
        private int nextCalls;
        private int calls;
        private int failOnNextCall; // 0: never
        private Exception failure;
        private int activeWhenValid = 1;

        ScriptedIterator(List<Entry> entries) {
            this.entries = List.copyOf(entries);
        }

        /** An iterator over the key/value strings, alternating: {@code of("a", "1", "b", "")}. */
        static ScriptedIterator of(String... keysAndValues) {
            return new ScriptedIterator(entries(keysAndValues));
        }

        /** Makes the {@code call}-th call to {@code next()} (counting from 1) throw {@code failure}. */
        ScriptedIterator failingOnNextCall(int call, Exception failure) {
            if (!(failure instanceof IOException) && !(failure instanceof RuntimeException)) {
                throw new IllegalArgumentException("next() can only throw an IOException or an unchecked exception");
            }
            this.failOnNextCall = call;
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

        /** How many times any method of the iterator was called. */
        int calls() {
            return calls;
        }

        /** The key the iterator stands on, without counting a call; null at the end. */
        Bytes peekKey() {
            return position < entries.size() ? entries.get(position).key() : null;
        }

        @Override
        public Bytes key() {
            calls++;
            check();
            return entries.get(position).key();
        }

        @Override
        public Bytes value() {
            calls++;
            check();
            return entries.get(position).value();
        }

        @Override
        public boolean isValid() {
            calls++;
            return position < entries.size();
        }

        @Override
        public void next() throws IOException {
            calls++;
            nextCalls++;
            if (nextCalls == failOnNextCall) {
                if (failure instanceof IOException) {
                    throw (IOException) failure;
                }
                throw (RuntimeException) failure;
            }
            if (position < entries.size()) {
                position++;
            }
        }

        @Override
        public int numActiveIterators() {
            calls++;
            return position < entries.size() ? activeWhenValid : 0;
        }

        private void check() {
            if (position >= entries.size()) {
                throw new IllegalStateException("test iterator: key()/value() called past the end; "
                        + "check the inner iterator's isValid() before reading it");
            }
        }
    }
}
