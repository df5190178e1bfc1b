package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
@DisplayName("Keys: 16 bytes, byte order = number order, missing keys never collide with present ones")
class KeysTest {

    @Test
    void keys_are_sixteen_zero_padded_digits() {
        assertThat(new String(Keys.present(0), StandardCharsets.US_ASCII)).isEqualTo("0000000000000000");
        assertThat(new String(Keys.present(42), StandardCharsets.US_ASCII)).isEqualTo("0000000000000420");
        assertThat(new String(Keys.missing(42), StandardCharsets.US_ASCII)).isEqualTo("0000000000000425");
        assertThat(Keys.present(Keys.MAX_INDEX)).as("the largest key number still fits").hasSize(16);
        assertThat(Keys.missing(Keys.MAX_INDEX)).as("the largest missing key still fits").hasSize(16);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 42, 20240601})
    void byte_order_is_number_order_and_missing_keys_sit_between_present_ones(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        for (int n = 0; n < 10_000; n++) {
            long a = random.nextLong(0, 2_000_000_000L);
            long b = random.nextLong(0, 2_000_000_000L);
            byte[] ka = Keys.present(a);
            byte[] kb = Keys.present(b);
            assertThat(ka).as("seed %d: key %d must be 16 bytes", seed, a).hasSize(Keys.KEY_SIZE);
            assertThat(Integer.signum(Arrays.compareUnsigned(ka, kb)))
                    .as("seed %d: keys %d and %d must compare as the numbers do (fillseq must write in key order)",
                            seed, a, b)
                    .isEqualTo(Long.signum(Long.compare(a, b)));
            byte[] ma = Keys.missing(a);
            assertThat(ma).as("seed %d: missing key %d must be 16 bytes", seed, a).hasSize(Keys.KEY_SIZE);
            assertThat(Arrays.compareUnsigned(Keys.present(a), ma))
                    .as("seed %d: missing(%d) must sort after present(%d)", seed, a, a).isNegative();
            assertThat(Arrays.compareUnsigned(ma, Keys.present(a + 1)))
                    .as("seed %d: missing(%d) must sort before present(%d): inside the key range", seed, a, a + 1)
                    .isNegative();
            assertThat(Keys.indexOf(ka)).as("seed %d: present(%d) decodes back", seed, a).isEqualTo(a);
            assertThat(Keys.indexOf(ma)).as("seed %d: missing(%d) is not a present key", seed, a).isEqualTo(-1);
        }
    }

    @Test
    void key_numbers_out_of_range_are_refused() {
        assertThatThrownBy(() -> Keys.present(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Keys.missing(Keys.MAX_INDEX + 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void values_are_a_hundred_bytes_fresh_each_time_and_seeded() {
        Values a = new Values(7);
        Values b = new Values(7);
        byte[] first = a.next();
        byte[] second = a.next();
        assertThat(first).as("a value is %d bytes", Values.VALUE_SIZE).hasSize(Values.VALUE_SIZE);
        assertThat(first).as("the same seed gives the same values").isEqualTo(b.next());
        assertThat(second).as("successive values differ").isNotEqualTo(first);
        assertThat(second).as("every value is a fresh array the engine may keep").isNotSameAs(first);
        for (int i = 0; i < 30_000; i++) {
            assertThat(a.next()).as("value %d, after the buffer wrapped around", i).hasSize(Values.VALUE_SIZE);
        }
    }
}
