package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.engine.TestSupport.b;
import static org.lsmworkbook.engine.TestSupport.drain;
import static org.lsmworkbook.engine.TestSupport.entries;
import static org.lsmworkbook.engine.TestSupport.keys;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.engine.TestSupport.Entry;
import org.lsmworkbook.engine.TestSupport.ScriptedIterator;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/** LsmIterator over test-only inner iterators, so that nothing but the iterator itself is needed. */
@Timeout(10)
@DisplayName("Day 4 · Task 4 — LsmIterator")
class LsmIteratorTest {

    @Test
    void without_tombstones_and_bounds_it_yields_everything() throws IOException {
        LsmIterator it = LsmIterator.create(ScriptedIterator.of("a", "1", "b", "2", "c", "3"), Bound.unbounded());
        assertThat(drain(it, 10)).as("an LsmIterator over a, b, c with no tombstones and no upper bound")
                .containsExactlyElementsOf(entries("a", "1", "b", "2", "c", "3"));
    }

    @Test
    void tombstones_are_skipped_everywhere() throws IOException {
        ScriptedIterator inner = ScriptedIterator.of(
                "a", "", "b", "", "c", "3", "d", "", "e", "5", "f", "", "g", "");
        LsmIterator it = LsmIterator.create(inner, Bound.unbounded());
        assertThat(it.isValid()).as("the first live entry is c, so the iterator is valid after create").isTrue();
        assertThat(it.key()).as("create must skip the tombstones at the start (a and b): the first key is c")
                .isEqualTo(b("c"));
        assertThat(drain(it, 10))
                .as("an empty value is a tombstone: skip it at the start (in create), in the middle and at the end "
                        + "(in next)")
                .containsExactlyElementsOf(entries("c", "3", "e", "5"));
    }

    @Test
    void only_tombstones_give_an_iterator_that_is_invalid_from_the_start() throws IOException {
        LsmIterator it = LsmIterator.create(ScriptedIterator.of("a", "", "b", ""), Bound.unbounded());
        assertThat(it.isValid()).as("an inner iterator holding only tombstones gives an empty LsmIterator").isFalse();
        LsmIterator empty = LsmIterator.create(ScriptedIterator.of(), Bound.unbounded());
        assertThat(empty.isValid()).as("an empty inner iterator gives an empty LsmIterator").isFalse();
    }

    @Test
    void an_included_upper_bound_keeps_its_key() throws IOException {
        LsmIterator it = LsmIterator.create(ScriptedIterator.of("a", "1", "b", "2", "c", "3"), Bound.included(b("b")));
        assertThat(keys(drain(it, 10))).as("upper bound Included(b) over a, b, c: b is in range, c is not")
                .containsExactly("a", "b");
    }

    @Test
    void an_excluded_upper_bound_stops_before_its_key() throws IOException {
        LsmIterator it = LsmIterator.create(ScriptedIterator.of("a", "1", "b", "2", "c", "3"), Bound.excluded(b("b")));
        assertThat(keys(drain(it, 10))).as("upper bound Excluded(b) over a, b, c: only a is in range")
                .containsExactly("a");
    }

    @Test
    void an_upper_bound_between_keys_and_before_all_keys() throws IOException {
        LsmIterator between = LsmIterator.create(ScriptedIterator.of("a", "1", "c", "3"), Bound.included(b("b")));
        assertThat(keys(drain(between, 10))).as("upper bound Included(b) over a, c").containsExactly("a");
        LsmIterator before = LsmIterator.create(ScriptedIterator.of("m", "1", "n", "2"), Bound.excluded(b("m")));
        assertThat(before.isValid()).as("upper bound Excluded(m) over m, n: nothing is in range, so the iterator is "
                + "invalid right after create").isFalse();
    }

    @Test
    void the_upper_bound_compares_unsigned() throws IOException {
        ScriptedIterator inner = new ScriptedIterator(List.of(
                new Entry(Bytes.wrap(new byte[] {0x10}), b("low")),
                new Entry(Bytes.wrap(new byte[] {0x7F}), b("mid")),
                new Entry(Bytes.wrap(new byte[] {(byte) 0x90}), b("high"))));
        LsmIterator it = LsmIterator.create(inner, Bound.included(Bytes.wrap(new byte[] {(byte) 0x80})));
        assertThat(drain(it, 10)).as("upper bound Included(0x80) over keys 0x10, 0x7F, 0x90: compare keys with "
                + "Bytes.compareTo (unsigned), so 0x90 is past the bound and 0x7F is not").hasSize(2);
    }

    @Test
    void the_inner_iterator_stops_on_the_first_key_past_the_bound() throws IOException {
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "b", "2", "c", "3", "d", "4");
        LsmIterator it = LsmIterator.create(inner, Bound.included(b("b")));
        drain(it, 10);
        assertThat(inner.peekKey())
                .as("after the LsmIterator with upper bound Included(b) ended, the inner iterator must stand on c, the "
                        + "first key past the bound, and go no further: on day 5 the inner iterator reads SST blocks, "
                        + "and each extra step may read one for nothing")
                .isEqualTo(b("c"));
        assertThat(inner.nextCalls()).as("inner next() calls to go from a to c").isEqualTo(2);
    }

    @Test
    void tombstones_past_the_bound_are_not_skipped() throws IOException {
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "c", "", "d", "", "e", "", "f", "6");
        LsmIterator it = LsmIterator.create(inner, Bound.included(b("b")));
        assertThat(keys(drain(it, 10))).as("upper bound Included(b) over a, c (tombstone), ...").containsExactly("a");
        assertThat(inner.peekKey())
                .as("c is a tombstone, but it is already past the upper bound Included(b): the iterator must end on c "
                        + "and not skip tombstones beyond the bound (check the bound in the tombstone-skipping loop)")
                .isEqualTo(b("c"));
        ScriptedIterator atStart = ScriptedIterator.of("a", "", "b", "", "c", "", "d", "4");
        LsmIterator empty = LsmIterator.create(atStart, Bound.excluded(b("b")));
        assertThat(empty.isValid()).as("a (tombstone) then b (past Excluded(b)): nothing is in range").isFalse();
        assertThat(atStart.peekKey())
                .as("create over a (tombstone), b, ... with Excluded(b) must stop the inner iterator on b")
                .isEqualTo(b("b"));
    }

    @Test
    void next_after_the_end_does_nothing_and_key_and_value_throw() throws IOException {
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "z", "26");
        LsmIterator it = LsmIterator.create(inner, Bound.excluded(b("m")));
        it.next();
        assertThat(it.isValid()).as("after the last key in range, isValid() is false").isFalse();
        int calls = inner.nextCalls();
        it.next();
        it.next();
        assertThat(it.isValid()).as("next() after the end leaves the iterator invalid").isFalse();
        assertThat(inner.nextCalls()).as("next() on an invalid LsmIterator must not move the inner iterator")
                .isEqualTo(calls);
        assertThatThrownBy(it::key, "key() on an invalid LsmIterator must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(it::value, "value() on an invalid LsmIterator must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void key_and_value_can_be_read_many_times() throws IOException {
        LsmIterator it = LsmIterator.create(ScriptedIterator.of("a", "1", "b", "2"), Bound.unbounded());
        assertThat(it.key()).as("key() twice without next()").isEqualTo(it.key()).isEqualTo(b("a"));
        assertThat(it.value()).as("value() twice without next()").isEqualTo(it.value()).isEqualTo(b("1"));
    }

    @Test
    void an_error_of_the_inner_iterator_reaches_the_caller_unchanged() throws IOException {
        IOException boom = new IOException("disk on fire");
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "b", "2", "c", "3").failingOnNextCall(1, boom);
        LsmIterator it = LsmIterator.create(inner, Bound.unbounded());
        assertThatThrownBy(it::next, "when the inner next() throws, LsmIterator.next() must let the same exception "
                + "through, not wrap or swallow it").isSameAs(boom);

        IOException early = new IOException("bad block");
        ScriptedIterator tombstoneFirst = ScriptedIterator.of("a", "", "b", "2").failingOnNextCall(1, early);
        assertThatThrownBy(() -> LsmIterator.create(tombstoneFirst, Bound.unbounded()),
                "create must skip the tombstone a by calling the inner next(); when that throws, create must let "
                        + "the same exception through")
                .isSameAs(early);
    }

    @Test
    void it_reports_the_inner_iterators_count() throws IOException {
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "b", "2").reportingActive(3);
        LsmIterator it = LsmIterator.create(inner, Bound.unbounded());
        assertThat(it.numActiveIterators()).as("numActiveIterators() is the inner iterator's count").isEqualTo(3);
    }
}
