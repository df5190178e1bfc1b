package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.read.ReadFixtures.sstsOnly;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * Point reads skip an SST whose bloom filter (day 2's bonus task 6) says the key is absent. To
 * prove that an SST is not read, the test closes its file first: any read of it would throw. The
 * tables have no block cache, so no cached block can stand in for a read.
 */
@Tag("bonus")
@Timeout(30)
@DisplayName("Day 5 · Task 3 (bonus) — get skips SSTs their bloom filters rule out")
class BloomSkipTest {

    @TempDir
    Path dir;

    /** An SST of keys {@code k000, k002, ..., k398} (even numbers) with a 10-bit filter, or none for 0. */
    private SsTable evenKeys(long id, int bitsPerKey) throws Exception {
        try (SsTableBuilder builder = new SsTableBuilder(128, bitsPerKey, dir.resolve(id + ".sst"))) {
            for (int i = 0; i < 400; i += 2) {
                builder.add(Bytes.of(String.format("k%03d", i)), Bytes.of("v" + i));
            }
            return builder.build(id, null);
        }
    }

    @Test
    void an_absent_key_that_the_filter_rules_out_reads_no_block() throws Exception {
        SsTable table = evenKeys(1, 10);
        List<Bytes> ruledOut = new ArrayList<>();
        for (int i = 1; i < 400; i += 2) {
            Bytes odd = Bytes.of(String.format("k%03d", i)); // inside the key range, never added
            if (!table.mayContain(odd)) {
                ruledOut.add(odd);
            }
        }
        assertThat(ruledOut.size())
                .as("of the 200 odd keys inside the table's key range, a 10-bit filter must rule out nearly all "
                        + "(SsTable.mayContain false); check day 2's BloomFilter first")
                .isGreaterThan(180);
        table.close();
        LsmStorageState state = sstsOnly(List.of(table));
        for (Bytes key : ruledOut) {
            String rule = key + " lies inside the SST's key range, but its bloom filter says it is absent: get must "
                    + "skip the table (in the loop over the L0 SSTs, continue when !table.mayContain(key)) and "
                    + "return null without reading it (docs/day5-read-path.md, \"Bonus: skipping with bloom filters\")";
            Bytes value;
            try {
                value = LsmReadPath.get(state, key);
            } catch (IOException | RuntimeException e) {
                throw new AssertionError(rule + ". Instead get read the table, whose file the test had closed: " + e, e);
            }
            assertThat(value).as(rule).isNull();
        }
    }

    @Test
    void a_key_the_filter_lets_through_is_still_found() throws Exception {
        SsTable newer = evenKeys(2, 10);
        SsTable older = evenKeys(1, 10);
        LsmStorageState state = sstsOnly(List.of(newer, older));
        for (int i = 0; i < 400; i += 2) {
            Bytes key = Bytes.of(String.format("k%03d", i));
            assertThat(LsmReadPath.get(state, key)).as("%s is in both tables", key).isEqualTo(Bytes.of("v" + i));
        }
        newer.close();
        older.close();
    }
}
