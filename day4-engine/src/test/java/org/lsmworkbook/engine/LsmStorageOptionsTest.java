package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The options are given code: these tests pass from the start and show what the presets hold. */
@Tag("given")
@Timeout(10)
@DisplayName("Day 4 · given code — LsmStorageOptions")
class LsmStorageOptionsTest {

    @Test
    void the_presets_are_valid_and_differ_where_they_should() {
        LsmStorageOptions defaults = LsmStorageOptions.defaults();
        LsmStorageOptions forTests = LsmStorageOptions.forTests();
        LsmStorageOptions memtableOnly = LsmStorageOptions.memtableOnly();
        assertThat(defaults.targetSstSize()).as("defaults(): 2 MiB memtables").isEqualTo(2L << 20);
        assertThat(forTests.targetSstSize()).as("forTests(): 1 KiB memtables, so that a few keys make many freezes")
                .isEqualTo(1024);
        assertThat(forTests.blockSize()).as("forTests(): small blocks").isEqualTo(128);
        assertThat(memtableOnly.targetSstSize()).as("memtableOnly(): a memtable that never fills up in a test")
                .isGreaterThanOrEqualTo(1L << 30);
        for (LsmStorageOptions o : new LsmStorageOptions[] {defaults, forTests, memtableOnly}) {
            assertThat(o.stallMemtableLimit()).as("%s: writers wait only after the flush has started", o)
                    .isGreaterThan(o.numMemtableLimit());
        }
    }

    @Test
    void the_with_methods_change_one_field() {
        LsmStorageOptions base = LsmStorageOptions.forTests();
        assertThat(base.withBlockSize(256)).as("withBlockSize(256)")
                .isEqualTo(new LsmStorageOptions(256, 1024, 2, 4, 1L << 20));
        assertThat(base.withTargetSstSize(99)).as("withTargetSstSize(99)")
                .isEqualTo(new LsmStorageOptions(128, 99, 2, 4, 1L << 20));
        assertThat(base.withMemtableLimits(3, 7)).as("withMemtableLimits(3, 7)")
                .isEqualTo(new LsmStorageOptions(128, 1024, 3, 7, 1L << 20));
        assertThat(base.withBlockCacheSize(0)).as("withBlockCacheSize(0): a cache that caches nothing is allowed")
                .isEqualTo(new LsmStorageOptions(128, 1024, 2, 4, 0));
    }

    @Test
    void the_write_ahead_log_is_off_unless_asked_for_and_its_switch_changes_nothing_else() {
        LsmStorageOptions base = LsmStorageOptions.forTests().withBloomBitsPerKey(10);
        assertThat(LsmStorageOptions.defaults().writeAheadLog())
                .as("defaults(): no write-ahead log (the core course; day 6's bonus task 5 turns it on)").isFalse();
        assertThat(new LsmStorageOptions(128, 1024, 2, 4, 1L << 20, 10).writeAheadLog())
                .as("the 6-argument constructor: no write-ahead log").isFalse();
        assertThat(base.withWriteAheadLog(true))
                .as("withWriteAheadLog(true) keeps every other field")
                .isEqualTo(new LsmStorageOptions(128, 1024, 2, 4, 1L << 20, 10, true));
        assertThat(base.withWriteAheadLog(true).withBlockSize(256).writeAheadLog())
                .as("a with... method keeps the log switch").isTrue();
    }

    @Test
    void every_broken_limit_is_refused_with_a_message_naming_it() {
        LsmStorageOptions base = LsmStorageOptions.forTests();
        assertThatThrownBy(() -> base.withBlockSize(0), "block size 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockSize");
        assertThatThrownBy(() -> base.withBlockSize(65_537), "block size above 65536 (offsets are u16)")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockSize");
        assertThatThrownBy(() -> base.withTargetSstSize(0), "target SST size 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetSstSize");
        assertThatThrownBy(() -> base.withMemtableLimits(0, 1), "memtable limit 0")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("numMemtableLimit");
        assertThatThrownBy(() -> base.withMemtableLimits(3, 3), "stall limit not above the memtable limit")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("stallMemtableLimit");
        assertThatThrownBy(() -> base.withBlockCacheSize(-1), "negative block cache size")
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("blockCacheSize");
    }
}
