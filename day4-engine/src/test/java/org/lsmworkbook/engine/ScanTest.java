package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.engine.TestSupport.b;
import static org.lsmworkbook.engine.TestSupport.drain;
import static org.lsmworkbook.engine.TestSupport.entries;
import static org.lsmworkbook.engine.TestSupport.keys;
import static org.lsmworkbook.engine.TestSupport.memtable;
import static org.lsmworkbook.engine.TestSupport.setImmutableMemtables;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

@Timeout(10)
@DisplayName("Day 4 · Task 4 — LsmStorageInner.scan")
class ScanTest {

    @TempDir
    Path dir;

    private LsmStorageInner engine;

    @BeforeEach
    void openEngine() throws IOException {
        engine = LsmStorageInner.open(dir, LsmStorageOptions.memtableOnly());
    }

    private static Bound in(String key) {
        return Bound.included(b(key));
    }

    private static Bound ex(String key) {
        return Bound.excluded(b(key));
    }

    private void putAll(String... keys) {
        for (String k : keys) {
            engine.put(b(k), b(k.toUpperCase()));
        }
    }

    private java.util.List<String> scanKeys(Bound lower, Bound upper) throws IOException {
        return keys(drain(engine.scan(lower, upper), 100));
    }

    @Test
    void a_full_scan_yields_every_key_in_order() throws IOException {
        putAll("d", "b", "e", "a", "c");
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), 100))
                .as("scan(unbounded, unbounded) over one memtable: every entry, sorted by key")
                .containsExactlyElementsOf(entries("a", "A", "b", "B", "c", "C", "d", "D", "e", "E"));
    }

    @Test
    void a_scan_of_an_empty_engine_is_invalid_from_the_start() throws IOException {
        FusedIterator<LsmIterator> it = engine.scan(Bound.unbounded(), Bound.unbounded());
        assertThat(it.isValid()).as("scan of a new engine has nothing to yield").isFalse();
    }

    @Test
    void bounds_are_honoured_exactly() throws IOException {
        putAll("a", "b", "c", "d", "e");
        assertThat(scanKeys(in("b"), in("d"))).as("scan(Included(b), Included(d))").containsExactly("b", "c", "d");
        assertThat(scanKeys(ex("b"), ex("d"))).as("scan(Excluded(b), Excluded(d))").containsExactly("c");
        assertThat(scanKeys(in("b"), ex("d"))).as("scan(Included(b), Excluded(d))").containsExactly("b", "c");
        assertThat(scanKeys(ex("b"), in("d"))).as("scan(Excluded(b), Included(d))").containsExactly("c", "d");
        assertThat(scanKeys(Bound.unbounded(), ex("c"))).as("scan(unbounded, Excluded(c))").containsExactly("a", "b");
        assertThat(scanKeys(ex("c"), Bound.unbounded())).as("scan(Excluded(c), unbounded)").containsExactly("d", "e");
        assertThat(scanKeys(in("bb"), in("dd"))).as("scan(Included(bb), Included(dd)) with bounds between keys")
                .containsExactly("c", "d");
    }

    @Test
    void empty_and_upside_down_ranges_give_an_empty_scan_not_an_exception() throws IOException {
        putAll("a", "b", "c", "d", "e");
        assertThat(scanKeys(in("d"), in("b"))).as("scan(Included(d), Included(b)) is upside down: empty").isEmpty();
        assertThat(scanKeys(ex("c"), ex("c"))).as("scan(Excluded(c), Excluded(c)) holds no key").isEmpty();
        assertThat(scanKeys(in("c"), ex("c"))).as("scan(Included(c), Excluded(c)) holds no key").isEmpty();
        assertThat(scanKeys(in("c"), in("c"))).as("scan(Included(c), Included(c)) holds exactly c").containsExactly("c");
        assertThat(scanKeys(in("x"), Bound.unbounded())).as("scan(Included(x), unbounded) past every key").isEmpty();
    }

    @Test
    void deleted_keys_do_not_appear() throws IOException {
        putAll("a", "b", "c", "d");
        engine.delete(b("b"));
        engine.delete(b("d"));
        engine.delete(b("zz"));
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), 100))
                .as("a scan must not yield deleted keys (their value is a tombstone): wrap the merge in an LsmIterator")
                .containsExactlyElementsOf(entries("a", "A", "c", "C"));
    }

    @Test
    void a_scan_merges_all_memtables_and_the_newest_value_wins() throws IOException {
        setImmutableMemtables(engine,
                memtable(20, "b", "b-middle", "c", "", "e", "e-middle"),
                memtable(10, "a", "a-old", "b", "b-old", "c", "c-old", "d", "d-old"));
        engine.put(b("a"), b("a-new"));
        engine.delete(b("d"));
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), 100))
                .as("a scan over the current memtable and two frozen ones (newest first): a is newest in the current "
                        + "memtable, b in the middle one, c is deleted in the middle one, d is deleted in the current "
                        + "one, e is only in the middle one. Merge the memtables' scans, current first, then "
                        + "immMemtables() in order")
                .containsExactlyElementsOf(entries("a", "a-new", "b", "b-middle", "e", "e-middle"));
    }

    @Test
    void a_tombstone_on_the_upper_bound_key_is_handled() throws IOException {
        putAll("a", "b", "c");
        engine.delete(b("c"));
        assertThat(scanKeys(Bound.unbounded(), in("c"))).as("scan(unbounded, Included(c)) where c is deleted")
                .containsExactly("a", "b");
    }

    @Test
    void keys_are_ordered_unsigned() throws IOException {
        engine.put(Bytes.wrap(new byte[] {(byte) 0x80}), b("high"));
        engine.put(Bytes.wrap(new byte[] {0x7F}), b("low"));
        FusedIterator<LsmIterator> it = engine.scan(Bound.unbounded(), Bound.included(Bytes.wrap(new byte[] {(byte) 0x80})));
        assertThat(it.value()).as("the first key of the scan is 0x7F: bytes compare unsigned").isEqualTo(b("low"));
        it.next();
        assertThat(it.value()).as("then 0x80, which is within Included(0x80)").isEqualTo(b("high"));
        it.next();
        assertThat(it.isValid()).as("nothing after 0x80").isFalse();
    }

    @Test
    void a_scan_is_fused() throws IOException {
        putAll("a");
        FusedIterator<LsmIterator> it = engine.scan(Bound.unbounded(), Bound.unbounded());
        it.next();
        it.next();
        assertThat(it.isValid()).as("next() past the end of a scan is safe and leaves it invalid").isFalse();
    }

    @Test
    void a_scan_keeps_working_on_its_snapshot_while_memtables_are_frozen() throws IOException {
        putAll("a", "b", "c", "d");
        FusedIterator<LsmIterator> it = engine.scan(Bound.unbounded(), Bound.unbounded());
        assertThat(it.key()).as("first key of the scan").isEqualTo(b("a"));
        engine.forceFreezeMemtable();
        engine.put(b("bb"), b("new"));
        engine.forceFreezeMemtable();
        it.next();
        assertThat(drain(it, 100))
                .as("a freeze during a scan must not disturb it: the scan works on the snapshot it started with, and "
                        + "bb went into a memtable made after the scan began, so the scan does not see it")
                .containsExactlyElementsOf(entries("b", "B", "c", "C", "d", "D"));
    }

    @Test
    void a_scan_after_freezes_sees_frozen_and_current_data() throws IOException {
        putAll("a", "c");
        engine.forceFreezeMemtable();
        putAll("b", "d");
        engine.forceFreezeMemtable();
        engine.put(b("a"), b("a2"));
        engine.delete(b("c"));
        assertThat(drain(engine.scan(Bound.unbounded(), Bound.unbounded()), 100))
                .as("put a, c; freeze; put b, d; freeze; put a=a2, delete c")
                .containsExactlyElementsOf(entries("a", "a2", "b", "B", "d", "D"));
    }
}
