package org.lsmworkbook.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("given")
@Timeout(10)
@DisplayName("Day 1 · given code — Bound and CorruptionException")
class BoundTest {

    @Test
    void bounds_know_their_kind_and_key() {
        Bound in = Bound.included(Bytes.of("a"));
        Bound ex = Bound.excluded(Bytes.of("a"));
        assertThat(in.kind()).isEqualTo(Bound.Kind.INCLUDED);
        assertThat(in.isIncluded()).isTrue();
        assertThat(ex.isExcluded()).isTrue();
        assertThat(ex.key()).isEqualTo(Bytes.of("a"));
        assertThat(Bound.unbounded().isUnbounded()).isTrue();
        assertThat(in).isEqualTo(Bound.included(Bytes.of("a"))).isNotEqualTo(ex);
        assertThat(in).hasToString("Included(\"a\")");
        assertThat(Bound.unbounded()).hasToString("Unbounded");
    }

    @Test
    void an_unbounded_bound_has_no_key() {
        assertThatThrownBy(() -> Bound.unbounded().key(),
                "key() of an unbounded bound: IllegalStateException that says to check isUnbounded() first")
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("isUnbounded()");
    }

    @Test
    void corruption_messages_name_the_source_the_offset_and_the_problem() {
        CorruptionException e = new CorruptionException("000042.sst", 4096, "checksum mismatch");
        assertThat(e).hasMessage("000042.sst at offset 4096: checksum mismatch");
        assertThat(e.source()).isEqualTo("000042.sst");
        assertThat(e.offset()).isEqualTo(4096);
        assertThat(e.problem()).isEqualTo("checksum mismatch");
        assertThat(new CorruptionException("MANIFEST", CorruptionException.UNKNOWN_OFFSET, "truncated"))
                .hasMessage("MANIFEST: truncated");
    }
}
