package org.lsmworkbook.engine;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.SsTable;

/**
 * Day 4 checks that mutation testing showed missing: each test here fails on a small wrong change
 * to the solution that every other day-4 test lets pass.
 *
 * <ul>
 *   <li>{@code open_refuses_two_ssts_with_the_same_id}: the L0 SSTs given to {@code open} must be
 *       in strictly decreasing id order; a check written as {@code <} instead of {@code <=} lets a
 *       repeated id through, and two tables would then share one entry of the id map.
 * </ul>
 */
@Tag("hidden")
@Timeout(30)
@DisplayName("Day 4 · hidden — the order of the SSTs given to open")
class Day4HiddenMutationTest {

    @TempDir
    Path dir;

    @Test
    void open_refuses_two_ssts_with_the_same_id() throws IOException {
        BlockCache cache = new BlockCache(1 << 20);
        SsTable first = TestSupport.sst(Files.createDirectories(dir.resolve("a")), 5, cache, "a", "1");
        SsTable second = TestSupport.sst(Files.createDirectories(dir.resolve("b")), 5, cache, "b", "2");
        try {
            assertThatThrownBy(() -> LsmStorageInner.open(dir.resolve("db"), LsmStorageOptions.forTests(), cache,
                    List.of(first, second)))
                    .as("LsmStorageInner.open with two L0 SSTs that both have id 5: the ids must strictly decrease, "
                            + "newest first (chapter: Task 1), so a repeated id is an IllegalArgumentException")
                    .isInstanceOf(IllegalArgumentException.class);
        } finally {
            first.close();
            second.close();
        }
    }
}
