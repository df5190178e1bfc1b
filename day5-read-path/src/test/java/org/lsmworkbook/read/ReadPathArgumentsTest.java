package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * The argument checks that come before the code you write. Only a null state is tried: every other
 * check needs a state, and a state needs day 3's {@code MemTable.create}, which a student edition
 * may not have yet.
 */
@Tag("given")
@Timeout(10)
@DisplayName("Day 5 · given code — LsmReadPath refuses a null state")
class ReadPathArgumentsTest {

    @Test
    void get_refuses_a_null_state() {
        assertThatThrownBy(() -> LsmReadPath.get(null, Bytes.of("k")),
                "LsmReadPath.get(null, key) must throw NullPointerException before anything else")
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("state");
    }

    @Test
    void scan_refuses_a_null_state() {
        assertThatThrownBy(() -> LsmReadPath.scan(null, Bound.unbounded(), Bound.unbounded()),
                "LsmReadPath.scan(null, lower, upper) must throw NullPointerException before anything else")
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("state");
    }
}
