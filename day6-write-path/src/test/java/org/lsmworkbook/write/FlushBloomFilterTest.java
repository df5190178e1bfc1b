package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.FileObject;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.write.WriteFixtures.BareEngine;

/**
 * With {@link LsmStorageOptions#bloomBitsPerKey()} set, the flush writes SSTs with bloom filters
 * (day 2's bonus task 6): {@code flushOldest} passes the option to the {@link
 * org.lsmworkbook.sst.SsTableBuilder}.
 */
@Tag("bonus")
@Timeout(30)
@DisplayName("Day 6 · Task 1 (bonus) — the flush writes the bloom filters the options ask for")
class FlushBloomFilterTest {

    @TempDir
    Path dir;

    @Test
    void a_flushed_sst_carries_a_filter_of_the_configured_bits_per_key() throws Exception {
        LsmStorageOptions options = LsmStorageOptions.memtableOnly().withBlockSize(128).withBloomBitsPerKey(10);
        Map<Bytes, Bytes> entries = numberedEntries("k", 300, 20);
        try (BareEngine engine = BareEngine.open(dir, options)) {
            long id = engine.putAndFreeze(entries);
            SsTable table = engine.flusher.flushOldest();
            assertThat(table.bloomFilter())
                    .as("options.bloomBitsPerKey() is 10, so the SST of memtable %d must have a bloom filter: pass "
                            + "inner.options().bloomBitsPerKey() to new SsTableBuilder(blockSize, bloomBitsPerKey, path) "
                            + "in flushOldest (docs/day2-sst.md, Task 6, step 5)", id)
                    .isPresent();
            assertThat(table.bloomFilter().get().numBits())
                    .as("300 keys at 10 bits per key").isEqualTo(3000);
            for (Bytes key : entries.keySet()) {
                assertThat(table.mayContain(key)).as("%s was flushed into the table", key).isTrue();
            }
        }
        // The filter is in the file: the table opened from it has the same filter.
        Path sst = SstFileNames.sstPath(dir, 0);
        try (FileObject file = FileObject.open(sst); SsTable reopened = SsTable.open(0, null, file)) {
            assertThat(reopened.bloomFilter()).as("%s, opened again from its file", sst.getFileName()).isPresent();
        }
    }
}
