package org.lsmworkbook.memtable;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;

/** Small helpers the day-3 tests share: entries from strings, draining iterators, a scripted child. */
final class TestIterators {

    private TestIterators() {}

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

    /** The key/value strings as entries, alternating key and value. */
    static List<Entry> entries(String... keysAndValues) {
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
                        + " entries; does next() move forward, and does isValid() turn false after the last entry?");
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

    /**
     * A test-only child for merge tests: a list of entries, in the order given (the caller keeps
     * them sorted). It counts calls to {@code next()}, can be told to throw on its n-th call, and
     * can report any number of active iterators. It is written here, in the tests, so that the
     * merge tests need nothing of tasks 1 and 2.
     */
    static final class ScriptedIterator implements StorageIterator {

        private final List<Entry> entries;
        private int position;
        private int nextCalls;
        private int failOnCall; // 0: never
        private Exception failure;
        private int activeWhenValid = 1;

        ScriptedIterator(List<Entry> entries) {
            this.entries = List.copyOf(entries);
        }

        /** A child of the key/value strings, alternating: {@code of("a", "1", "b", "2")}. */
        static ScriptedIterator of(String... keysAndValues) {
            return new ScriptedIterator(entries(keysAndValues));
        }

        /** Makes the {@code call}-th call to {@code next()} (counting from 1) throw {@code failure}. */
        ScriptedIterator failingOnNextCall(int call, Exception failure) {
            if (!(failure instanceof IOException) && !(failure instanceof RuntimeException)) {
                throw new IllegalArgumentException("next() can only throw an IOException or an unchecked exception");
            }
            this.failOnCall = call;
            this.failure = failure;
            return this;
        }

        /** Makes {@code numActiveIterators()} report {@code count} while valid, like a nested merge. */
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
            return isValid() ? activeWhenValid : 0;
        }

        private void check() {
            if (!isValid()) {
                throw new IllegalStateException("test child: key()/value() called on an invalid iterator; "
                        + "the merge iterator must drop children that are no longer valid");
            }
        }
    }
}
