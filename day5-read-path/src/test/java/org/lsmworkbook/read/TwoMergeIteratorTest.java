package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.read.ReadFixtures.drain;
import static org.lsmworkbook.read.ReadFixtures.entries;

import java.io.IOException;
import java.util.List;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.read.ReadFixtures.ScriptedIterator;

/** The two-merge iterator over test-only children ({@link ScriptedIterator}): no memtable or SST needed. */
@Timeout(10)
@DisplayName("Day 5 · Task 1 — TwoMergeIterator")
class TwoMergeIteratorTest {

    private static TwoMergeIterator<ScriptedIterator, ScriptedIterator> merge(ScriptedIterator a, ScriptedIterator b)
            throws IOException {
        return TwoMergeIterator.create(a, b);
    }

    @Test
    void the_example_of_the_class_comment() throws Exception {
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(
                ScriptedIterator.of("1", "a1", "3", "a3", "5", "a5"),
                ScriptedIterator.of("2", "b2", "3", "b3", "7", "b7"));
        assertThat(drain(it, 20))
                .as("a = [1, 3, 5], b = [2, 3, 7]: every key once, in key order, and a's value for 3, which both have "
                        + "(TwoMergeIterator.next: on equal keys a wins and b's entry is skipped)")
                .containsExactlyElementsOf(entries("1", "a1", "2", "b2", "3", "a3", "5", "a5", "7", "b7"));
    }

    @Test
    void a_tie_on_the_first_key_is_settled_by_create() throws Exception {
        ScriptedIterator a = ScriptedIterator.of("k", "new");
        ScriptedIterator b = ScriptedIterator.of("k", "old", "m", "b-m");
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(a, b);
        assertThat(it.isValid()).as("both children have entries: the merge must be valid after create").isTrue();
        assertThat(it.value())
                .as("both children start on key k: create must already pick a's value (a wins ties)")
                .isEqualTo(Bytes.of("new"));
        assertThat(drain(it, 20))
                .as("after a's k, b's hidden k must be skipped and b's m must come next")
                .containsExactlyElementsOf(entries("k", "new", "m", "b-m"));
    }

    @Test
    void a_run_of_equal_keys_yields_only_a() throws Exception {
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(
                ScriptedIterator.of("a", "A", "b", "A", "c", "A"),
                ScriptedIterator.of("a", "B", "b", "B", "c", "B"));
        assertThat(drain(it, 20))
                .as("both children hold a, b, c: each key must come once, with a's value every time")
                .containsExactlyElementsOf(entries("a", "A", "b", "A", "c", "A"));
    }

    @Test
    void an_empty_child_leaves_the_other_as_it_is() throws Exception {
        assertThat(drain(merge(ScriptedIterator.of(), ScriptedIterator.of("x", "1", "y", "2")), 20))
                .as("a is empty: the merge is exactly b (isValid/key/value must follow b while a is invalid)")
                .containsExactlyElementsOf(entries("x", "1", "y", "2"));
        assertThat(drain(merge(ScriptedIterator.of("x", "1", "y", "2"), ScriptedIterator.of()), 20))
                .as("b is empty: the merge is exactly a (while b is invalid, do not compare with its key)")
                .containsExactlyElementsOf(entries("x", "1", "y", "2"));
    }

    @Test
    void two_empty_children_give_an_invalid_merge() throws Exception {
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(ScriptedIterator.of(), ScriptedIterator.of());
        assertThat(it.isValid()).as("a merge of two empty iterators has nothing to yield: isValid() must be false")
                .isFalse();
    }

    @Test
    void one_child_runs_out_first_and_the_other_goes_on() throws Exception {
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(
                ScriptedIterator.of("a", "1", "b", "1"),
                ScriptedIterator.of("b", "2", "c", "2", "d", "2"));
        assertThat(drain(it, 20))
                .as("a runs out after b; the merge must go on with b's c and d")
                .containsExactlyElementsOf(entries("a", "1", "b", "1", "c", "2", "d", "2"));
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> other = merge(
                ScriptedIterator.of("a", "1", "c", "1", "e", "1"),
                ScriptedIterator.of("b", "2"));
        assertThat(drain(other, 20))
                .as("b runs out after its only key; the merge must go on with a's c and e")
                .containsExactlyElementsOf(entries("a", "1", "b", "2", "c", "1", "e", "1"));
    }

    @Test
    void a_tombstone_in_a_wins_like_any_value() throws Exception {
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(
                ScriptedIterator.of("k", ""),
                ScriptedIterator.of("j", "old", "k", "old"));
        assertThat(drain(it, 20))
                .as("a holds a tombstone (empty value) for k: the merge must pass it on as k's value, hiding b's k. "
                        + "Skipping tombstones is LsmIterator's job, not the merge's")
                .containsExactlyElementsOf(entries("j", "old", "k", ""));
    }

    @Test
    void keys_are_compared_as_unsigned_bytes() throws Exception {
        Bytes high = Bytes.wrap(new byte[] {(byte) 0x80});
        Bytes low = Bytes.wrap(new byte[] {0x01});
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = TwoMergeIterator.create(
                new ScriptedIterator(List.of(new ReadFixtures.Entry(high, Bytes.of("a")))),
                new ScriptedIterator(List.of(new ReadFixtures.Entry(low, Bytes.of("b")))));
        assertThat(it.key())
                .as("0x01 sorts before 0x80 in unsigned order (as a signed byte 0x80 would be -128): compare keys "
                        + "with Bytes.compareTo")
                .isEqualTo(low);
    }

    @Test
    void next_after_the_end_does_nothing() throws Exception {
        ScriptedIterator a = ScriptedIterator.of("a", "1");
        ScriptedIterator b = ScriptedIterator.of("a", "2");
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(a, b);
        it.next();
        assertThat(it.isValid()).as("both children held only a: after one next() the merge is at its end").isFalse();
        int aCalls = a.nextCalls();
        int bCalls = b.nextCalls();
        it.next();
        it.next();
        assertThat(it.isValid()).as("next() past the end must leave the merge invalid").isFalse();
        assertThat(a.nextCalls() + b.nextCalls())
                .as("next() on an invalid merge must do nothing: it must not call the children's next() again")
                .isEqualTo(aCalls + bCalls);
    }

    @Test
    void numActiveIterators_is_the_sum_of_both_children() throws Exception {
        ScriptedIterator a = ScriptedIterator.of("a", "1").reportingActive(2);
        ScriptedIterator b = ScriptedIterator.of("a", "2", "b", "2").reportingActive(3);
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(a, b);
        assertThat(it.numActiveIterators())
                .as("a reports 2 active sources, b reports 3: the merge must report 2 + 3 (both children's "
                        + "numActiveIterators(), not a count of children)")
                .isEqualTo(5);
        it.next();
        assertThat(it.numActiveIterators())
                .as("a has run out (it reports 0), b still reports 3: the merge must report 3")
                .isEqualTo(3);
    }

    @Test
    void a_failure_of_b_while_a_hidden_entry_is_skipped_reaches_create() {
        IOException failure = new IOException("test: b cannot read");
        ScriptedIterator a = ScriptedIterator.of("k", "new");
        ScriptedIterator b = ScriptedIterator.of("k", "old", "m", "old").failingOnNextCall(1, failure);
        assertThatThrownBy(() -> merge(a, b),
                "both start on k, so create must move b past its hidden k; b's next() throws, and create must "
                        + "let that very exception through")
                .isSameAs(failure);
    }

    @Test
    void a_failure_of_either_child_reaches_next() throws Exception {
        IOException failureOfB = new IOException("test: b cannot read");
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> withFailingB = merge(
                ScriptedIterator.of("a", "1", "c", "1"),
                ScriptedIterator.of("b", "2", "c", "2").failingOnNextCall(2, failureOfB));
        withFailingB.next(); // a moves to c; b's b becomes current
        assertThatThrownBy(withFailingB::next,
                "b moves to c, where a is too, so next() must move b past its hidden c; that next() of b throws, "
                        + "and the merge must let that very exception through")
                .isSameAs(failureOfB);

        IOException failureOfA = new IOException("test: a cannot read");
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> withFailingA = merge(
                ScriptedIterator.of("a", "1", "c", "1").failingOnNextCall(1, failureOfA),
                ScriptedIterator.of("b", "2"));
        assertThatThrownBy(withFailingA::next,
                "a is current and its next() throws: the merge's next() must let that very exception through")
                .isSameAs(failureOfA);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 7, 42, 2_024, 31_337, 8_675_309})
    void random_children_merge_like_a_map_in_which_a_overwrites_b(long seed) throws Exception {
        Random random = new Random(seed);
        NavigableMap<Bytes, Bytes> modelA = randomMap(random, "a");
        NavigableMap<Bytes, Bytes> modelB = randomMap(random, "b");
        NavigableMap<Bytes, Bytes> expected = new TreeMap<>(modelB);
        expected.putAll(modelA);
        TwoMergeIterator<ScriptedIterator, ScriptedIterator> it = merge(
                new ScriptedIterator(entries(modelA)), new ScriptedIterator(entries(modelB)));
        assertThat(drain(it, expected.size() + 1))
                .as("seed %d: a has %d keys, b has %d; the merge must be b's map overwritten by a's",
                        seed, modelA.size(), modelB.size())
                .containsExactlyElementsOf(entries(expected));
    }

    @Test
    @Tag("given")
    void null_children_are_refused() {
        assertThatThrownBy(() -> TwoMergeIterator.create(null, ScriptedIterator.of()),
                "create(null, b)").isInstanceOf(NullPointerException.class).hasMessageContaining("a");
        assertThatThrownBy(() -> TwoMergeIterator.create(ScriptedIterator.of(), null),
                "create(a, null)").isInstanceOf(NullPointerException.class).hasMessageContaining("b");
    }

    /** Up to 60 keys from a space of 80, so that the two maps share some; values name the side. */
    private static NavigableMap<Bytes, Bytes> randomMap(Random random, String side) {
        NavigableMap<Bytes, Bytes> map = new TreeMap<>();
        int count = random.nextInt(61);
        for (int i = 0; i < count; i++) {
            int k = random.nextInt(80);
            map.put(Bytes.of(String.format("k%02d", k)), Bytes.of(side + k));
        }
        return map;
    }
}
