package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.engine.TestSupport.b;
import static org.lsmworkbook.engine.TestSupport.drain;
import static org.lsmworkbook.engine.TestSupport.entries;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.engine.TestSupport.ScriptedIterator;

/** FusedIterator over test-only inner iterators that count every call and fail when told to. */
@Timeout(10)
@DisplayName("Day 4 · Task 4 — FusedIterator")
class FusedIteratorTest {

    @Test
    void while_the_inner_iterator_is_valid_every_call_goes_to_it() throws IOException {
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "b", "2").reportingActive(4);
        FusedIterator<ScriptedIterator> it = new FusedIterator<>(inner);
        assertThat(it.isValid()).as("isValid() over a valid inner iterator").isTrue();
        assertThat(it.key()).as("key() is the inner iterator's key").isEqualTo(b("a"));
        assertThat(it.value()).as("value() is the inner iterator's value").isEqualTo(b("1"));
        assertThat(it.numActiveIterators()).as("numActiveIterators() is the inner iterator's count while valid")
                .isEqualTo(4);
        assertThat(drain(it, 10)).as("draining a FusedIterator yields the inner iterator's entries")
                .containsExactlyElementsOf(entries("a", "1", "b", "2"));
    }

    @Test
    void after_the_end_next_does_nothing_and_does_not_call_the_inner_next() throws IOException {
        ScriptedIterator inner = ScriptedIterator.of("a", "1");
        FusedIterator<ScriptedIterator> it = new FusedIterator<>(inner);
        it.next();
        assertThat(it.isValid()).as("after the only entry, isValid() is false").isFalse();
        int calls = inner.nextCalls();
        it.next();
        it.next();
        assertThat(it.isValid()).as("next() after the end leaves the iterator invalid").isFalse();
        assertThat(inner.nextCalls())
                .as("next() after the end must do nothing and must not call the inner next() (an inner iterator may "
                        + "misbehave past its end; that is why FusedIterator exists)")
                .isEqualTo(calls);
    }

    @Test
    void after_the_end_key_and_value_throw_IllegalStateException() throws IOException {
        FusedIterator<ScriptedIterator> it = new FusedIterator<>(ScriptedIterator.of("a", "1"));
        it.next();
        assertThatThrownBy(it::key, "key() past the end must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(it::value, "value() past the end must throw IllegalStateException")
                .isInstanceOf(IllegalStateException.class);
        FusedIterator<ScriptedIterator> empty = new FusedIterator<>(ScriptedIterator.of());
        assertThat(empty.isValid()).as("a FusedIterator over an empty iterator is invalid from the start").isFalse();
        assertThatThrownBy(empty::key, "key() on a FusedIterator over an empty iterator")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void the_failing_next_throws_the_inner_exception_unchanged() {
        IOException boom = new IOException("checksum mismatch in block 3");
        FusedIterator<ScriptedIterator> it =
                new FusedIterator<>(ScriptedIterator.of("a", "1", "b", "2", "c", "3").failingOnNextCall(2, boom));
        assertThatThrownBy(() -> {
            it.next();
            it.next();
        }, "the next() whose inner next() fails must throw that very exception, not a wrapper").isSameAs(boom);

        UncheckedIOException unchecked = new UncheckedIOException(new IOException("unchecked"));
        FusedIterator<ScriptedIterator> it2 =
                new FusedIterator<>(ScriptedIterator.of("a", "1", "b", "2").failingOnNextCall(1, unchecked));
        assertThatThrownBy(it2::next, "an unchecked exception from the inner next() also reaches the caller unchanged")
                .isSameAs(unchecked);
    }

    @Test
    void after_an_error_the_iterator_is_invalid_and_every_call_names_the_first_error() {
        IOException boom = new IOException("disk error");
        FusedIterator<ScriptedIterator> it =
                new FusedIterator<>(ScriptedIterator.of("a", "1", "b", "2", "c", "3").failingOnNextCall(1, boom));
        assertThatThrownBy(it::next, "the first failure comes through unchanged").isSameAs(boom);
        assertThat(it.isValid()).as("isValid() after a failed next() must be false, although the inner iterator may "
                + "still claim to be valid").isFalse();
        assertThat(it.numActiveIterators()).as("numActiveIterators() after a failure is 0").isZero();
        assertThatThrownBy(it::key,
                "key() after a failure must throw IllegalStateException whose cause is the first exception")
                .isInstanceOf(IllegalStateException.class)
                .hasCause(boom);
        assertThatThrownBy(it::value,
                "value() after a failure must throw IllegalStateException whose cause is the first exception")
                .isInstanceOf(IllegalStateException.class)
                .hasCause(boom);
        assertThatThrownBy(it::next,
                "next() after a failure must throw IllegalStateException whose cause is the first exception, "
                        + "not try the inner iterator again")
                .isInstanceOf(IllegalStateException.class)
                .hasCause(boom);
    }

    @Test
    void after_an_error_the_inner_iterator_is_never_called_again() {
        RuntimeException boom = new IllegalStateException("inner iterator broke");
        ScriptedIterator inner = ScriptedIterator.of("a", "1", "b", "2", "c", "3").failingOnNextCall(1, boom);
        FusedIterator<ScriptedIterator> it = new FusedIterator<>(inner);
        assertThatThrownBy(it::next, "the first failure comes through unchanged").isSameAs(boom);
        int calls = inner.calls();
        it.isValid();
        it.numActiveIterators();
        assertThatThrownBy(it::key, "key() after a failure").isInstanceOf(IllegalStateException.class).hasCause(boom);
        assertThatThrownBy(it::value, "value() after a failure").isInstanceOf(IllegalStateException.class).hasCause(boom);
        assertThatThrownBy(it::next, "next() after a failure").isInstanceOf(IllegalStateException.class).hasCause(boom);
        assertThat(inner.calls())
                .as("after a failure, isValid(), numActiveIterators(), key(), value() and next() must not call the inner "
                        + "iterator at all: its position means nothing any more. Remember the failure in a field and "
                        + "check it first")
                .isEqualTo(calls);
    }

    @Test
    @Tag("given")
    void the_constructor_refuses_null_and_inner_returns_the_guarded_iterator() {
        assertThatThrownBy(() -> new FusedIterator<>(null), "new FusedIterator<>(null)")
                .isInstanceOf(NullPointerException.class);
        ScriptedIterator inner = ScriptedIterator.of("a", "1");
        assertThat(new FusedIterator<>(inner).inner()).as("inner() returns the iterator given to the constructor")
                .isSameAs(inner);
    }
}
