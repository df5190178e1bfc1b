package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.memtable.TestIterators.drain;
import static org.lsmworkbook.memtable.TestIterators.entries;
import static org.lsmworkbook.memtable.TestIterators.keys;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

@Timeout(10)
@DisplayName("Day 3 · Task 2 — MemTableIterator and MemTable.scan")
class MemTableScanTest {

    /** A memtable of a, b, c, d, e with values 1 to 5. */
    private static MemTable abcde() {
        MemTable table = MemTable.create(1);
        // Put out of order: the skip list sorts.
        for (String kv : new String[] {"c3", "a1", "e5", "b2", "d4"}) {
            table.put(Bytes.of(kv.substring(0, 1)), Bytes.of(kv.substring(1)));
        }
        return table;
    }

    /** "unbounded", "included x" or "excluded x". */
    private static Bound bound(String text) {
        String[] parts = text.trim().split(" ");
        switch (parts[0]) {
            case "unbounded":
                return Bound.unbounded();
            case "included":
                return Bound.included(Bytes.of(parts[1]));
            case "excluded":
                return Bound.excluded(Bytes.of(parts[1]));
            default:
                throw new IllegalArgumentException(text);
        }
    }

    private static List<String> expectedKeys(String spaceSeparated) {
        return spaceSeparated == null || spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.trim().split(" "));
    }

    @Test
    void an_unbounded_scan_yields_every_entry_in_key_order() throws Exception {
        assertThat(drain(abcde().scan(Bound.unbounded(), Bound.unbounded()), 10))
                .as("scan(unbounded, unbounded) over puts of c, a, e, b, d: every entry, sorted by key")
                .containsExactlyElementsOf(entries("a", "1", "b", "2", "c", "3", "d", "4", "e", "5"));
    }

    @ParameterizedTest(name = "scan({0}, {1}) over a..e gives [{2}]")
    @CsvSource({
        "unbounded,  unbounded,  a b c d e",
        "unbounded,  included d, a b c d",
        "unbounded,  excluded d, a b c",
        "included b, unbounded,  b c d e",
        "included b, included d, b c d",
        "included b, excluded d, b c",
        "excluded b, unbounded,  c d e",
        "excluded b, included d, c d",
        "excluded b, excluded d, c",
    })
    void every_kind_of_bound_on_keys_that_exist(String lower, String upper, String expected) throws Exception {
        assertThat(keys(drain(abcde().scan(bound(lower), bound(upper)), 10)))
                .as("scan(%s, %s): included keeps the bound's key, excluded leaves it out, unbounded goes to the end "
                        + "(MemTable.scan, chapter: Bounds)", lower, upper)
                .containsExactlyElementsOf(expectedKeys(expected));
    }

    @ParameterizedTest(name = "scan({0}, {1}) over a..e gives [{2}]")
    @CsvSource({
        "included bb, included dd, c d",
        "excluded bb, excluded dd, c d",
        "included 0,  included a,  a",
        "excluded 0,  excluded a,  ''",
        "included e,  included z,  e",
        "excluded e,  unbounded,   ''",
        "unbounded,   excluded a,  ''",
        "included a0, unbounded,   b c d e",
    })
    void bounds_on_keys_that_are_not_in_the_table(String lower, String upper, String expected) throws Exception {
        assertThat(keys(drain(abcde().scan(bound(lower), bound(upper)), 10)))
                .as("scan(%s, %s): a bound need not be a key of the table", lower, upper)
                .containsExactlyElementsOf(expectedKeys(expected));
    }

    @ParameterizedTest(name = "scan({0}, {1}) is empty")
    @CsvSource({
        "included d, included b",
        "excluded d, excluded b",
        "included c, excluded c",
        "excluded c, included c",
        "excluded c, excluded c",
        "included cc, included cz",
    })
    void a_range_without_keys_gives_an_invalid_iterator_not_an_exception(String lower, String upper) {
        MemTableIterator it = abcde().scan(bound(lower), bound(upper));
        assertThat(it.isValid())
                .as("scan(%s, %s) holds no key, so the iterator must be invalid from the start; "
                        + "an upside-down range is not an error (TreeMap.subMap would throw: check the order first)", lower, upper)
                .isFalse();
    }

    @Test
    void a_range_of_one_included_key_yields_that_key() throws Exception {
        assertThat(drain(abcde().scan(Bound.included(Bytes.of("c")), Bound.included(Bytes.of("c"))), 10))
                .as("scan(included c, included c) is the one entry c")
                .containsExactlyElementsOf(entries("c", "3"));
    }

    @Test
    void scanning_an_empty_memtable_gives_an_invalid_iterator() {
        assertThat(MemTable.create(1).scan(Bound.unbounded(), Bound.unbounded()).isValid())
                .as("scan over an empty memtable")
                .isFalse();
    }

    @Test
    void tombstones_are_yielded_with_empty_values() throws Exception {
        MemTable table = abcde();
        table.put(Bytes.of("b"), Bytes.EMPTY);
        table.put(Bytes.of("bb"), Bytes.EMPTY);
        assertThat(drain(table.scan(Bound.included(Bytes.of("a")), Bound.included(Bytes.of("c"))), 10))
                .as("a memtable scan must yield tombstones (empty values) like any entry; hiding them is the engine's job (day 4)")
                .containsExactlyElementsOf(entries("a", "1", "b", "", "bb", "", "c", "3"));
    }

    @Test
    void keys_are_ordered_as_unsigned_bytes() throws Exception {
        MemTable table = MemTable.create(1);
        Bytes high = Bytes.wrap(new byte[] {(byte) 0x80});
        Bytes low = Bytes.wrap(new byte[] {0x7F});
        table.put(high, Bytes.of("high"));
        table.put(low, Bytes.of("low"));
        assertThat(drain(table.scan(Bound.unbounded(), Bound.unbounded()), 10))
                .as("0x7F must come before 0x80: the skip list must order keys with Bytes.compareTo (unsigned)")
                .containsExactly(new TestIterators.Entry(low, Bytes.of("low")), new TestIterators.Entry(high, Bytes.of("high")));
    }

    @Test
    void past_the_end_the_iterator_is_invalid_next_does_nothing_and_key_value_throw() {
        MemTableIterator it = abcde().scan(Bound.included(Bytes.of("e")), Bound.unbounded());
        assertThat(it.isValid()).as("scan(included e, unbounded) starts on e").isTrue();
        it.next();
        assertThat(it.isValid()).as("isValid() after next() on the last entry").isFalse();
        it.next();
        assertThat(it.isValid()).as("next() on an invalid iterator must leave it invalid, not throw").isFalse();
        assertThatThrownBy(it::key,
                "key() past the end must throw IllegalStateException, not return stale data or null")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(it::value,
                "value() past the end must throw IllegalStateException, not return stale data or null")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void key_and_value_can_be_asked_again_without_moving() {
        MemTableIterator it = abcde().scan(Bound.unbounded(), Bound.unbounded());
        assertThat(it.key()).as("first key()").isEqualTo(Bytes.of("a"));
        assertThat(it.key()).as("a second key() without next() must give the same key: keep the current entry in fields")
                .isEqualTo(Bytes.of("a"));
        assertThat(it.value()).as("value() of a").isEqualTo(Bytes.of("1"));
        assertThat(it.value()).as("a second value() without next()").isEqualTo(Bytes.of("1"));
    }

    @Test
    void puts_while_scanning_never_break_the_iterator() throws Exception {
        MemTable table = abcde();
        MemTableIterator it = table.scan(Bound.unbounded(), Bound.unbounded());
        it.next(); // on b
        table.put(Bytes.of("0"), Bytes.of("before")); // behind the iterator
        table.put(Bytes.of("bb"), Bytes.of("ahead"));
        table.put(Bytes.of("d"), Bytes.of("44")); // an overwrite ahead
        List<String> rest = keys(drain(it, 20));
        assertThat(rest)
                .as("after puts during a scan the iterator must go on in order (weakly consistent, no "
                        + "ConcurrentModificationException); it may or may not see \"bb\", never \"0\" which is behind it")
                .isSorted()
                .doesNotHaveDuplicates()
                .contains("b", "c", "d", "e")
                .doesNotContain("0", "a");
    }

    @Test
    void two_scans_of_one_memtable_are_independent() throws Exception {
        MemTable table = abcde();
        MemTableIterator first = table.scan(Bound.unbounded(), Bound.unbounded());
        MemTableIterator second = table.scan(Bound.unbounded(), Bound.unbounded());
        first.next();
        first.next();
        assertThat(second.key()).as("moving one scan must not move another").isEqualTo(Bytes.of("a"));
        assertThat(first.key()).isEqualTo(Bytes.of("c"));
    }
}
