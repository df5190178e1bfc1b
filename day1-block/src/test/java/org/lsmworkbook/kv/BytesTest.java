package org.lsmworkbook.kv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Tag("given")
@Timeout(10)
@DisplayName("Day 1 · given code — Bytes")
class BytesTest {

    @Test
    void order_is_unsigned_so_0x80_sorts_after_0x7F() {
        Bytes low = Bytes.wrap(new byte[] {0x7F});
        Bytes high = Bytes.wrap(new byte[] {(byte) 0x80});
        Bytes top = Bytes.wrap(new byte[] {(byte) 0xFF});
        assertThat(high.compareTo(low))
                .as("0x80 must sort after 0x7F: keys compare as unsigned bytes, although Java's (byte) 0x80 is -128")
                .isPositive();
        assertThat(top.compareTo(Bytes.wrap(new byte[] {0x00}))).as("0xFF must sort after 0x00").isPositive();
        assertThat(low.compareTo(high)).as("0x7F must sort before 0x80").isNegative();
    }

    @Test
    void a_proper_prefix_sorts_first_and_equal_content_compares_equal() {
        assertThat(Bytes.of("ab").compareTo(Bytes.of("abc"))).as("\"ab\" is a prefix of \"abc\"").isNegative();
        assertThat(Bytes.EMPTY.compareTo(Bytes.of("a"))).as("the empty string sorts first").isNegative();
        assertThat(Bytes.of("abc").compareTo(Bytes.copyOf("xabcx".getBytes(), 1, 4))).isZero();
    }

    @Test
    void compareTo_a_range_of_an_array_agrees_with_compareTo_of_a_view() {
        byte[] packed = {'x', 'a', 'b', (byte) 0x80, 'y'};
        Bytes[] keys = {Bytes.of("a"), Bytes.of("ab"), Bytes.wrap(new byte[] {'a', 'b', (byte) 0x80}),
            Bytes.wrap(new byte[] {'a', 'b', 0x7F}), Bytes.of("b"), Bytes.wrap("_abc_".getBytes(), 1, 3)};
        for (Bytes key : keys) {
            for (int from = 0; from <= packed.length; from++) {
                for (int to = from; to <= packed.length; to++) {
                    int expected = Integer.signum(key.compareTo(Bytes.copyOf(packed, from, to)));
                    assertThat(Integer.signum(key.compareTo(packed, from, to)))
                            .as("%s.compareTo(array, %d, %d) must order like compareTo(Bytes) of the same bytes "
                                    + "(unsigned, a proper prefix first)", key, from, to)
                            .isEqualTo(expected);
                }
            }
        }
        assertThatThrownBy(() -> Bytes.of("a").compareTo(packed, 2, 6),
                "a range past the array's end").isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equals_and_hashCode_compare_content_not_arrays() {
        byte[] a = "__key__".getBytes();
        Bytes view = Bytes.wrap(a, 2, 3);
        Bytes copy = Bytes.of("key");
        assertThat(view).as("a view of \"key\" and a copy of \"key\" are equal").isEqualTo(copy);
        assertThat(view.hashCode()).isEqualTo(copy.hashCode());
        assertThat(Bytes.wrap(new byte[0])).isSameAs(Bytes.EMPTY);
        assertThat(Bytes.of("key")).isNotEqualTo(Bytes.of("kez"));
    }

    @Test
    void wrap_shares_the_array_and_copyOf_does_not() {
        byte[] array = {1, 2, 3};
        Bytes wrapped = Bytes.wrap(array);
        Bytes copied = Bytes.copyOf(array);
        array[0] = 9;
        assertThat(wrapped.byteAt(0)).as("wrap() is a view: it sees later changes to the array").isEqualTo(9);
        assertThat(copied.byteAt(0)).as("copyOf() is a copy: it does not").isEqualTo(1);
        assertThat(Bytes.copyOf(wrapped).byteAt(0)).isEqualTo(9);
    }

    @Test
    void slice_is_a_view_and_checks_its_bounds() {
        Bytes word = Bytes.of("storage");
        assertThat(word.slice(0, 5)).isEqualTo(Bytes.of("stora"));
        assertThat(word.slice(3, 3)).isSameAs(Bytes.EMPTY);
        assertThat(word.slice(0, word.length())).isSameAs(word);
        assertThatThrownBy(() -> word.slice(2, 8), "slice(2, 8) of a 7-byte string: the end is past the end")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> word.slice(3, 2), "slice(3, 2): from after to")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.wrap(new byte[4], 3, 2), "wrap(array, 3, 2): a negative length")
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void byteAt_is_unsigned_and_copies_are_independent() {
        Bytes b = Bytes.wrap(new byte[] {(byte) 0xF0, 0x01});
        assertThat(b.byteAt(0)).isEqualTo(0xF0);
        byte[] out = b.toByteArray();
        out[0] = 0;
        assertThat(b.byteAt(0)).as("toByteArray() must return a copy").isEqualTo(0xF0);
        byte[] dest = new byte[4];
        b.slice(1, 2).copyTo(dest, 3);
        assertThat(dest).inHexadecimal().containsExactly(0, 0, 0, 1);
        assertThatThrownBy(() -> b.copyTo(new byte[2], 1), "copyTo of 2 bytes at 1 into a 2-byte array: one byte too far")
                .isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> b.byteAt(2), "byteAt(2) of a 2-byte string")
                .isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void toString_is_readable() {
        assertThat(Bytes.of("key1")).hasToString("\"key1\"");
        assertThat(Bytes.wrap(new byte[] {'k', (byte) 0x80, 0x00})).hasToString("\"k\\x80\\x00\"");
        assertThat(Bytes.of("say \"hi\"")).hasToString("\"say \\\"hi\\\"\"");
        byte[] longer = new byte[100];
        Arrays.fill(longer, (byte) 'x');
        assertThat(Bytes.wrap(longer).toString()).endsWith("...(100 bytes)");
        assertThat(Bytes.of("héllo").toUtf8String()).isEqualTo("héllo");
    }
}
