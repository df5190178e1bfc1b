package org.lsmworkbook.memtable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.memtable.TestIterators.drain;
import static org.lsmworkbook.memtable.TestIterators.entries;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.kv.StorageIterator;
import org.lsmworkbook.memtable.TestIterators.ScriptedIterator;

/**
 * The merge iterator over test-only children ({@link ScriptedIterator}), so that these tests need
 * nothing of tasks 1 and 2.
 */
@Timeout(10)
@DisplayName("Day 3 · Task 3 — MergeIterator")
class MergeIteratorTest {

    private static MergeIterator<ScriptedIterator> merge(ScriptedIterator... children) {
        return MergeIterator.create(List.of(children));
    }

    @Test
    void disjoint_children_are_interleaved_in_key_order() throws Exception {
        MergeIterator<ScriptedIterator> it = merge(
                ScriptedIterator.of("b", "2", "e", "5"),
                ScriptedIterator.of("a", "1", "d", "4"),
                ScriptedIterator.of("c", "3", "f", "6"));
        assertThat(drain(it, 20))
                .as("merging [b, e], [a, d], [c, f] must yield every entry once, in key order")
                .containsExactlyElementsOf(entries("a", "1", "b", "2", "c", "3", "d", "4", "e", "5", "f", "6"));
    }

    @Test
    void on_equal_keys_the_lower_index_wins_and_the_others_skip_the_key() throws Exception {
        MergeIterator<ScriptedIterator> it = merge(
                ScriptedIterator.of("b", "new", "d", "d0"),
                ScriptedIterator.of("a", "a1", "b", "mid", "c", "c1"),
                ScriptedIterator.of("b", "old", "c", "c2", "d", "d2"));
        assertThat(drain(it, 20))
                .as("children 0, 1 and 2 all hold b (and 1, 2 hold c; 0, 2 hold d): each key must come once, with the "
                        + "value of the child with the lowest index; the losers must skip the key (MergeIterator.next)")
                .containsExactlyElementsOf(entries("a", "a1", "b", "new", "c", "c1", "d", "d0"));
    }

    @Test
    void the_winner_is_the_lower_index_not_the_child_that_got_there_first() throws Exception {
        // Child 1 reaches "m" first (it is on "m" from the start); child 0 gets there only after "a".
        MergeIterator<ScriptedIterator> it = merge(
                ScriptedIterator.of("a", "0a", "m", "0m"),
                ScriptedIterator.of("m", "1m", "z", "1z"));
        assertThat(drain(it, 20))
                .as("on \"m\" child 0 must win, although child 1 was waiting in the heap on \"m\" before child 0 got there: "
                        + "order the heap by key, then by index (HeapWrapper.compareTo)")
                .containsExactlyElementsOf(entries("a", "0a", "m", "0m", "z", "1z"));
    }

    @Test
    void a_tombstone_in_a_lower_index_wins_like_any_value() throws Exception {
        MergeIterator<ScriptedIterator> it = merge(
                ScriptedIterator.of("k", ""),
                ScriptedIterator.of("j", "1", "k", "alive"));
        assertThat(drain(it, 20))
                .as("the merge does not hide tombstones: child 0's tombstone for k must win over child 1's value")
                .containsExactlyElementsOf(entries("j", "1", "k", ""));
    }

    @Test
    void an_empty_list_gives_an_invalid_iterator() throws Exception {
        MergeIterator<ScriptedIterator> it = MergeIterator.create(List.of());
        assertThat(it.isValid()).as("MergeIterator.create(empty list).isValid()").isFalse();
        assertThat(it.numActiveIterators()).as("a merge of nothing has no active iterators").isZero();
        it.next();
        assertThat(it.isValid()).as("next() on an invalid merge iterator must do nothing").isFalse();
    }

    @Test
    void children_that_are_all_empty_give_an_invalid_iterator() {
        MergeIterator<ScriptedIterator> it = merge(ScriptedIterator.of(), ScriptedIterator.of(), ScriptedIterator.of());
        assertThat(it.isValid()).as("a merge of three empty children").isFalse();
        assertThat(it.numActiveIterators()).as("empty children are dropped at creation").isZero();
    }

    @Test
    void invalid_children_are_dropped_at_creation() throws Exception {
        ScriptedIterator empty = ScriptedIterator.of();
        MergeIterator<ScriptedIterator> it = merge(empty, ScriptedIterator.of("a", "1"), ScriptedIterator.of(), ScriptedIterator.of("b", "2"));
        assertThat(it.numActiveIterators())
                .as("two of four children are empty; only the two valid ones count (MergeIterator.create drops the others)")
                .isEqualTo(2);
        assertThat(drain(it, 10)).containsExactlyElementsOf(entries("a", "1", "b", "2"));
        assertThat(empty.nextCalls()).as("an empty child must never be moved").isZero();
    }

    @Test
    void numActiveIterators_goes_down_as_children_run_out() throws Exception {
        MergeIterator<ScriptedIterator> it = merge(
                ScriptedIterator.of("a", "1"),
                ScriptedIterator.of("b", "2", "c", "3"),
                ScriptedIterator.of("b", "x", "c", "x", "d", "4"));
        List<Integer> counts = new ArrayList<>();
        for (int guard = 0; it.isValid() && guard < 10; guard++) {
            counts.add(it.numActiveIterators());
            it.next();
        }
        counts.add(it.numActiveIterators());
        assertThat(counts)
                .as("numActiveIterators() on a, b, c, d and at the end: every child counts while it has entries; "
                        + "child 0 runs out after a, children 1 after c, child 2 after d")
                .containsExactly(3, 2, 2, 1, 0);
    }

    @Test
    void numActiveIterators_adds_up_what_the_children_report() {
        MergeIterator<ScriptedIterator> it = merge(
                ScriptedIterator.of("a", "1").reportingActive(3),
                ScriptedIterator.of("b", "2").reportingActive(4));
        assertThat(it.numActiveIterators())
                .as("children reporting 3 and 4 active iterators (think: nested merges) make 7, not 2: "
                        + "sum the children's numActiveIterators(), don't count the children")
                .isEqualTo(7);
    }

    @Test
    void merges_nest() throws Exception {
        MergeIterator<MergeIterator<ScriptedIterator>> it = MergeIterator.create(List.of(
                merge(ScriptedIterator.of("a", "0", "c", "0"), ScriptedIterator.of("c", "1", "e", "1")),
                merge(ScriptedIterator.of("b", "2", "c", "2"), ScriptedIterator.of("d", "3"))));
        assertThat(it.numActiveIterators()).as("a merge of two merges of two children each").isEqualTo(4);
        assertThat(drain(it, 20))
                .as("a merge of merges: c comes from the first merge's first child")
                .containsExactlyElementsOf(entries("a", "0", "b", "2", "c", "0", "d", "3", "e", "1"));
    }

    @Test
    void keys_and_values_are_the_childrens_not_copies() {
        ScriptedIterator child = ScriptedIterator.of("key", "value");
        MergeIterator<ScriptedIterator> it = merge(child);
        assertThat(it.key()).as("key() must return the child's key object itself: copying costs time and memory").isSameAs(child.key());
        assertThat(it.value()).as("value() must return the child's value object itself").isSameAs(child.value());
    }

    @Test
    void every_child_moves_once_per_entry_it_holds() throws Exception {
        ScriptedIterator first = ScriptedIterator.of("a", "1", "b", "1", "c", "1");
        ScriptedIterator second = ScriptedIterator.of("b", "2", "c", "2", "d", "2", "e", "2");
        drain(merge(first, second), 20);
        assertThat(first.nextCalls()).as("child 0 holds 3 entries, so the merge must call its next() 3 times").isEqualTo(3);
        assertThat(second.nextCalls()).as("child 1 holds 4 entries, so the merge must call its next() 4 times").isEqualTo(4);
    }

    @Test
    void past_the_end_next_does_nothing_and_key_value_throw() throws Exception {
        MergeIterator<ScriptedIterator> it = merge(ScriptedIterator.of("a", "1"));
        it.next();
        assertThat(it.isValid()).as("after the only entry").isFalse();
        it.next();
        assertThat(it.isValid()).as("next() on an invalid merge iterator must do nothing").isFalse();
        assertThatThrownBy(it::key, "key() past the end").isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(it::value, "value() past the end").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void an_IOException_of_a_child_reaches_the_caller_and_breaks_the_merge() throws Exception {
        IOException damage = new IOException("disk on fire");
        ScriptedIterator healthy = ScriptedIterator.of("a", "0", "c", "0", "e", "0");
        ScriptedIterator failing = ScriptedIterator.of("b", "1", "d", "1", "f", "1").failingOnNextCall(2, damage);
        MergeIterator<ScriptedIterator> it = merge(healthy, failing);
        it.next(); // a -> b
        it.next(); // b -> c: failing's 1st next()
        it.next(); // c -> d
        assertThat(it.key()).as("before the failure: on d").isEqualTo(Bytes.of("d"));
        Throwable thrown = catchThrowable(it::next); // d -> ...: failing's 2nd next() throws
        assertThat(thrown)
                .as("the child's IOException must reach the caller of MergeIterator.next() unchanged, not wrapped or swallowed")
                .isSameAs(damage);
        assertBroken(it, failing, healthy);
    }

    @Test
    void an_unchecked_exception_of_a_child_breaks_the_merge_the_same_way() throws Exception {
        IllegalStateException bug = new IllegalStateException("bug in a child");
        ScriptedIterator failing = ScriptedIterator.of("a", "1", "b", "1").failingOnNextCall(1, bug);
        ScriptedIterator healthy = ScriptedIterator.of("a", "0", "z", "0");
        MergeIterator<ScriptedIterator> it = merge(healthy, failing);
        // On "a" child 0 wins; child 1 must skip "a", and its first next() throws.
        assertThat(catchThrowable(it::next))
                .as("an unchecked exception of a child that was skipping a key must reach the caller unchanged")
                .isSameAs(bug);
        assertBroken(it, failing, healthy);
    }

    /** The state the class comment of MergeIterator promises after a child's next() threw. */
    private static void assertBroken(MergeIterator<ScriptedIterator> it, ScriptedIterator failing, ScriptedIterator healthy)
            throws IOException {
        int failingCalls = failing.nextCalls();
        int healthyCalls = healthy.nextCalls();
        assertThat(it.isValid()).as("after a child's next() threw, the merge iterator must be invalid (see the MergeIterator class comment)").isFalse();
        assertThat(it.numActiveIterators()).as("a broken merge iterator has let go of its children").isZero();
        it.next();
        it.next();
        assertThat(it.isValid()).as("next() on a broken merge iterator must do nothing").isFalse();
        assertThat(failing.nextCalls())
                .as("the failing child must never be moved again: it must not go back into the heap")
                .isEqualTo(failingCalls);
        assertThat(healthy.nextCalls()).as("a broken merge iterator moves no child").isEqualTo(healthyCalls);
        assertThatThrownBy(it::key, "key() of a broken merge iterator").isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_merge_is_itself_a_StorageIterator() throws Exception {
        StorageIterator it = merge(ScriptedIterator.of("x", "1"), ScriptedIterator.of("y", "2"));
        assertThat(drain(it, 10))
                .as("a MergeIterator used through the StorageIterator interface")
                .containsExactlyElementsOf(entries("x", "1", "y", "2"));
    }
}
