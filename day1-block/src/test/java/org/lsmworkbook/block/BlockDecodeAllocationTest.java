package org.lsmworkbook.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.CorruptionException;

/**
 * {@code Block.decode} checks that the entry count fits in the array before it allocates anything
 * sized by the count, measured rather than guessed: the JVM counts the bytes each thread allocates
 * ({@link AllocationMeter}). A 4-byte array that claims 65,535 entries must be refused for the cost
 * of the exception alone, not after an offset table of 65,535 ints (256 KiB) was made.
 */
@Timeout(10)
@DisplayName("Day 1 · Task 2 — decode allocates nothing sized by a count it has not checked")
class BlockDecodeAllocationTest {

    private static final int CALLS = 50;
    private static final int ROUNDS = 3;
    /** An exception with its message and stack costs a few KiB; a table sized by the count, 256 KiB. */
    private static final long ALLOWED_BYTES_PER_CALL = 32 * 1024;

    @Test
    void a_huge_count_in_a_tiny_array_is_refused_before_anything_is_allocated_for_it() {
        AllocationMeter meter = AllocationMeter.ofThisJvm();
        assumeTrue(meter != null, "this JVM cannot count the bytes a thread allocates (com.sun.management.ThreadMXBean)");
        byte[] damaged = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF}; // two bytes of data, then a count of 65,535
        Throwable thrown = catchThrowable(() -> Block.decode(damaged));
        assertThat(thrown)
                .as("Block.decode of 4 bytes whose count says 65,535 entries: a CorruptionException")
                .isInstanceOf(CorruptionException.class);
        for (int i = 0; i < CALLS; i++) {
            catchThrowable(() -> Block.decode(damaged)); // warm up: classes loaded, code compiled
        }
        long fewest = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long before = meter.allocatedBytes();
            for (int i = 0; i < CALLS; i++) {
                catchThrowable(() -> Block.decode(damaged));
            }
            fewest = Math.min(fewest, (meter.allocatedBytes() - before) / CALLS);
        }
        assertThat(fewest)
                .as("docs/day1-block.md, \"Never trust bytes you read\": check that the count fits in the array before "
                        + "you allocate anything sized by it. Each decode of a 4-byte array claiming 65,535 entries "
                        + "allocated about %d bytes; an offset table sized by that count is 256 KiB, the exception "
                        + "alone a few KiB (allowed: %d)", fewest, ALLOWED_BYTES_PER_CALL)
                .isLessThanOrEqualTo(ALLOWED_BYTES_PER_CALL);
    }
}
