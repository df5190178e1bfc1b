package org.lsmworkbook.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.read.ReadFixtures.drain;
import static org.lsmworkbook.read.ReadFixtures.entries;
import static org.lsmworkbook.read.ReadFixtures.memtable;
import static org.lsmworkbook.read.ReadFixtures.sst;
import static org.lsmworkbook.read.ReadFixtures.state;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bound;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.BlockCache;

/**
 * Tasks 3 and 4: {@code get} and {@code scan} work on a snapshot and take no lock, not even a
 * {@code synchronized} one. The test first checks that the read path answers (so it fails until the
 * tasks are written), then reads the compiled classes of this stage: no method may be {@code
 * synchronized} or hold a {@code synchronized} block, in {@code LsmReadPath} or any helper it uses.
 * The rule against the classes of {@code java.util.concurrent.locks} is in {@code
 * Day5ArchitectureTest}.
 */
@Timeout(30)
@DisplayName("Day 5 · Tasks 3 and 4 — get and scan take no lock")
class ReadsTakeNoLockTest {

    @TempDir
    Path dir;

    @Test
    @Timeout(120) // the ArchUnit import below reads class files: slow on a busy machine, never stuck
    void get_and_scan_answer_without_entering_a_monitor() throws Exception {
        LsmStorageState state = state(memtable(3, "a", "1"), List.of(memtable(2, "b", "2")),
                List.of(sst(dir, 1, new BlockCache(0), "c", "3", "d", "4")));
        assertThat(LsmReadPath.get(state, Bytes.of("d"))).as("get(d), found in the SST").isEqualTo(Bytes.of("4"));
        assertThat(drain(LsmReadPath.scan(state, Bound.unbounded(), Bound.unbounded()), 10))
                .as("a full scan over a memtable, a frozen memtable and an SST")
                .containsExactlyElementsOf(entries("a", "1", "b", "2", "c", "3", "d", "4"));

        List<String> found = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook.read")) {
            found.addAll(MonitorScan.methodsTakingAMonitor(type.getName()));
        }
        assertThat(found)
                .as("methods of the read path that take a monitor. A synchronized method or block is a lock: "
                        + "every read would wait for every other, and the read path takes no lock of any kind "
                        + "(docs/day5-read-path.md, 'Reading a snapshot without a lock': nobody waits for it, and "
                        + "it waits for nobody)")
                .isEmpty();
    }
}
