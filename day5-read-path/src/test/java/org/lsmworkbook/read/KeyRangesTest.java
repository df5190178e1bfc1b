package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.read.ReadFixtures.bound;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;

/**
 * The range checks against a table whose keys run from {@code c} to {@code h}, with every kind of
 * bound, and bounds exactly on the table's first and last keys.
 */
@Timeout(10)
@DisplayName("Day 5 · Task 2 — KeyRanges.mayContain and KeyRanges.overlaps")
class KeyRangesTest {

    private static final String FIRST = "c";
    private static final String LAST = "h";

    @ParameterizedTest(name = "[c, h] may contain {0}: {1}")
    @CsvSource({
        "a,  false",
        "b,  false",
        "bz, false",
        "c,  true",
        "ca, true",
        "e,  true",
        "gz, true",
        "h,  true",
        "ha, false",
        "i,  false",
        "z,  false",
    })
    void mayContain_includes_both_ends_of_the_range(String key, boolean expected) {
        assertThat(KeyRanges.mayContain(Bytes.of(FIRST), Bytes.of(LAST), Bytes.of(key)))
                .as("mayContain(first c, last h, key %s): true exactly when c <= %s <= h; both ends belong to the "
                        + "table (a key equal to its first or last key is in it; \"ha\" sorts after \"h\")", key, key)
                .isEqualTo(expected);
    }

    @Test
    void mayContain_on_a_table_of_one_key() {
        Bytes m = Bytes.of("m");
        assertThat(KeyRanges.mayContain(m, m, m)).as("a table whose first and last key are both m may contain m")
                .isTrue();
        assertThat(KeyRanges.mayContain(m, m, Bytes.of("l"))).as("a table of only m cannot contain l").isFalse();
        assertThat(KeyRanges.mayContain(m, m, Bytes.of("ma"))).as("a table of only m cannot contain ma").isFalse();
    }

    @Test
    void mayContain_compares_unsigned_bytes() {
        Bytes first = Bytes.wrap(new byte[] {0x01});
        Bytes last = Bytes.wrap(new byte[] {(byte) 0x80});
        assertThat(KeyRanges.mayContain(first, last, Bytes.wrap(new byte[] {0x7f})))
                .as("[0x01, 0x80] contains 0x7f in unsigned order: compare with Bytes.compareTo").isTrue();
        assertThat(KeyRanges.mayContain(first, last, Bytes.wrap(new byte[] {(byte) 0xff})))
                .as("0xff is above 0x80 in unsigned order (signed, it would be -1 and below 0x01)").isFalse();
    }

    @ParameterizedTest(name = "[c, h] overlaps ({0}, {1}): {2}")
    @CsvSource({
        // No bound on one side or both.
        "unbounded,   unbounded,   true",
        "unbounded,   included a,  false",
        "unbounded,   included b,  false",
        "unbounded,   included c,  true",
        "unbounded,   excluded c,  false",
        "unbounded,   excluded ca, true",
        "unbounded,   included z,  true",
        "included a,  unbounded,   true",
        "included h,  unbounded,   true",
        "excluded h,  unbounded,   false",
        "excluded gz, unbounded,   true",
        "included ha, unbounded,   false",
        "included i,  unbounded,   false",
        // Requests wholly below the table.
        "included a,  included b,  false",
        "included a,  excluded c,  false",
        "excluded a,  excluded c,  false",
        // Requests wholly above it.
        "excluded h,  included z,  false",
        "included i,  included z,  false",
        "excluded h,  excluded i,  false",
        // Requests that meet the table on exactly one end key.
        "included a,  included c,  true",
        "excluded b,  included c,  true",
        "included h,  included z,  true",
        "included h,  excluded i,  true",
        "included c,  included c,  true",
        "included h,  included h,  true",
        // Requests inside the table, around it, and across one end.
        "included d,  excluded e,  true",
        "excluded c,  excluded h,  true",
        "included cc, included cd, true",
        "included a,  included z,  true",
        "excluded a,  excluded z,  true",
        "included b,  excluded d,  true",
        "excluded g,  included i,  true",
    })
    void overlaps_with_every_kind_of_bound(String lower, String upper, boolean expected) {
        Bound lo = bound(lower);
        Bound hi = bound(upper);
        assertThat(KeyRanges.overlaps(Bytes.of(FIRST), Bytes.of(LAST), lo, hi))
                .as("overlaps(first c, last h, %s, %s): some key k with c <= k <= h must also lie within the bounds. "
                        + "An excluded upper bound equal to the first key, or an excluded lower bound equal to the "
                        + "last key, leaves no such key; an included one leaves exactly that key", lo, hi)
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "[m, m] overlaps ({0}, {1}): {2}")
    @CsvSource({
        "included m,  included m,  true",
        "unbounded,   included m,  true",
        "unbounded,   excluded m,  false",
        "included m,  unbounded,   true",
        "excluded m,  unbounded,   false",
        "excluded l,  excluded n,  true",
        "included ma, included z,  false",
        "included a,  included lz, false",
    })
    void overlaps_on_a_table_of_one_key(String lower, String upper, boolean expected) {
        Bytes m = Bytes.of("m");
        assertThat(KeyRanges.overlaps(m, m, bound(lower), bound(upper)))
                .as("overlaps(first m, last m, %s, %s): the table holds only m, so the answer is whether m lies "
                        + "within the bounds", lower, upper)
                .isEqualTo(expected);
    }
}
