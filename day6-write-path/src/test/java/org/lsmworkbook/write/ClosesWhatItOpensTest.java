package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.channels.FileChannel;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.write.RecordingFileSystem.Op;
import org.lsmworkbook.write.WriteFixtures.BareEngine;

/**
 * Every file channel the write path opens is closed again, on the way that works and on the ways
 * that fail. An engine that leaks one channel per flush, or per failed open, runs out of file
 * descriptors after some thousands of them, long after the bug was written. A {@link
 * RecordingFileSystem} counts each SST file's open channels, and makes a close fail where a test
 * needs one to: nothing depends on timing.
 */
@Timeout(30)
@DisplayName("Day 6 · Tasks 1, 2 and 4 — every file the write path opens is closed, also when something fails")
class ClosesWhatItOpensTest {

    @TempDir
    Path realDir;

    /** Open channels per file name (.sst and .sst.tmp files only), from the file system's record. */
    private static final class OpenChannels {
        private final Map<String, Integer> open = new TreeMap<>();

        synchronized void note(Op op, Path path) {
            String name = path == null || path.getFileName() == null ? "" : path.getFileName().toString();
            if (!name.endsWith(".sst") && !name.endsWith(".tmp")) {
                return;
            }
            if (op == Op.OPEN) {
                open.merge(name, 1, Integer::sum);
            } else if (op == Op.CLOSE) {
                open.merge(name, -1, Integer::sum);
            }
        }

        /** The files with at least one open channel, and how many. */
        synchronized Map<String, Integer> stillOpen() {
            return open.entrySet().stream().filter(e -> e.getValue() != 0)
                    .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, TreeMap::new));
        }
    }

    @Test
    @Tag("task=1")
    void a_flush_closes_the_file_it_built_and_keeps_one_channel_on_the_published_sst() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path dir = fs.wrap(realDir);
        try (BareEngine engine = BareEngine.open(dir, LsmStorageOptions.memtableOnly().withBlockSize(128))) {
            long id = engine.putAndFreeze(numberedEntries("k", 40, 30));
            OpenChannels channels = new OpenChannels();
            fs.listen((op, path, target) -> channels.note(op, path));

            engine.flusher.flushOldest();

            String sst = SstFileNames.sstPath(dir, id).getFileName().toString();
            assertThat(channels.stillOpen())
                    .as("channels the flush of memtable %d left open, per file. Only the published SST keeps one "
                            + "(SsTable.open on %s); the table SsTableBuilder.build returned for the .tmp file must be "
                            + "closed before the rename, or every flush leaks a file descriptor "
                            + "(docs/day6-write-path.md, 'Flushing a memtable, step by step')", id, sst)
                    .isEqualTo(Map.of(sst, 1));
        }
    }

    @Test
    @Tag("task=1")
    void a_flush_whose_publish_fails_closes_the_sst_it_opened() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path dir = fs.wrap(realDir);
        try (BareEngine engine = BareEngine.open(dir, LsmStorageOptions.memtableOnly().withBlockSize(128))) {
            long id = engine.putAndFreeze(numberedEntries("k", 40, 30));
            String sst = SstFileNames.sstPath(dir, id).getFileName().toString();
            OpenChannels channels = new OpenChannels();
            java.util.concurrent.atomic.AtomicBoolean opened = new java.util.concurrent.atomic.AtomicBoolean();
            // When the flush opens its renamed SST, the memtable it flushes is taken away from the state,
            // as a second flush of the same memtable would do. Its updateState then cannot publish.
            fs.listen((op, path, target) -> {
                channels.note(op, path);
                if (op == Op.OPEN && path.getFileName().toString().equals(sst) && opened.compareAndSet(false, true)) {
                    engine.inner.updateState(state -> new LsmStorageState(state.memtable(),
                            state.immMemtables().subList(0, state.immMemtables().size() - 1), state.l0SstIds(),
                            state.sstables()));
                }
            });

            Throwable thrown = catchThrowable(() -> engine.flusher.flushOldest());

            assertThat(opened.get())
                    .as("the flush of memtable %d opened %s, the renamed file, before publishing it (%s, step 4); "
                            + "it ended first with: %s", id, sst, "docs/day6-write-path.md, 'Flushing a memtable, "
                            + "step by step'", thrown)
                    .isTrue();
            assertThat(thrown)
                    .as("memtable %d left immMemtables while it was being flushed, so the flush cannot publish it: "
                            + "flushOldest() must let the error through", id)
                    .isNotNull();
            assertThat(channels.stillOpen())
                    .as("channels left open after the publish of SST %d failed. The flush had opened %s; when the "
                            + "updateState that would publish it throws, close the table before the error goes on, "
                            + "or it leaks (docs/day6-write-path.md, 'When a flush fails')", id, sst)
                    .isEmpty();
        }
    }

    @Test
    @Tag("task=2")
    void an_sst_that_cannot_be_opened_is_closed_and_so_are_those_opened_before_it() throws IOException {
        try (BareEngine engine = BareEngine.open(realDir, LsmStorageOptions.memtableOnly().withBlockSize(128))) {
            engine.putAndFreeze(numberedEntries("a", 20, 30));
            engine.flusher.flushOldest();
            engine.putAndFreeze(numberedEntries("b", 20, 30));
            engine.flusher.flushOldest();
        }
        List<String> ssts = WriteFixtures.sstFileNames(realDir);
        assertThat(ssts).as("test setup: two SSTs").hasSize(2);
        // openAll opens the newest first; the oldest is damaged, so it fails after the newest opened.
        String oldest = ssts.get(0);
        String newest = ssts.get(1);
        try (FileChannel channel = FileChannel.open(realDir.resolve(oldest), StandardOpenOption.WRITE)) {
            channel.truncate(5);
        }
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path dir = fs.wrap(realDir);
        OpenChannels channels = new OpenChannels();
        fs.listen((op, path, target) -> {
            channels.note(op, path);
            if (op == Op.CLOSE && path.getFileName().toString().equals(newest)) {
                throw new IOException("the test makes the close of " + newest + " fail");
            }
        });

        Throwable thrown = catchThrowable(() -> SstDirectory.openAll(dir, new BlockCache(0)));

        assertThat(thrown).as("SstDirectory.openAll over a directory whose %s is 5 bytes long", oldest)
                .isInstanceOf(IOException.class);
        assertThat(channels.stillOpen())
                .as("channels left open after openAll failed on %s. Close the file of an SST that cannot be opened, "
                        + "and close the SSTs opened before it (%s), then let the error through "
                        + "(docs/day6-write-path.md, Task 2)", oldest, newest)
                .isEmpty();
        assertThat(Arrays.stream(thrown.getSuppressed()).map(Throwable::getMessage).collect(Collectors.toList()))
                .as("the errors suppressed by openAll's error. Closing %s failed too: add that error to the one "
                        + "openAll throws (addSuppressed), so that neither is lost (docs/day6-write-path.md, Task 2)",
                        newest)
                .anySatisfy(message -> assertThat(message).contains(newest));
    }

    @Test
    @Tag("task=2")
    void an_sst_whose_read_fails_is_closed() throws IOException {
        try (BareEngine engine = BareEngine.open(realDir, LsmStorageOptions.memtableOnly().withBlockSize(128))) {
            engine.putAndFreeze(numberedEntries("a", 20, 30));
            engine.flusher.flushOldest();
        }
        String only = WriteFixtures.sstFileNames(realDir).get(0);
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        OpenChannels channels = new OpenChannels();
        fs.listen((op, path, target) -> {
            channels.note(op, path);
            if (op == Op.READ && path.getFileName().toString().equals(only)) {
                throw new IOException("the test makes every read of " + only + " fail");
            }
        });

        Throwable thrown = catchThrowable(() -> SstDirectory.openAll(fs.wrap(realDir), new BlockCache(0)));

        assertThat(thrown).as("SstDirectory.openAll when every read of %s fails", only).isInstanceOf(IOException.class);
        assertThat(channels.stillOpen())
                .as("channels left open after SsTable.open failed on %s with an I/O error. The FileObject still "
                        + "belongs to you when SsTable.open throws: close it, whatever the error "
                        + "(docs/day6-write-path.md, Task 2)", only)
                .isEmpty();
    }

    @Test
    @Tag("task=4")
    void close_closes_every_sst_even_when_closes_fail_and_reports_each_failure() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path dir = fs.wrap(realDir);
        OpenChannels channels = new OpenChannels();
        fs.listen((op, path, target) -> channels.note(op, path));
        MiniLsm lsm = MiniLsm.open(dir, LsmStorageOptions.memtableOnly().withBlockSize(128));
        for (int table = 0; table < 3; table++) {
            lsm.put(Bytes.of("key" + table), Bytes.of("value" + table));
            lsm.forceFlush();
        }
        List<String> ssts = WriteFixtures.sstFileNames(realDir);
        assertThat(ssts).as("test setup: three SSTs").hasSize(3);
        List<String> failing = List.of(ssts.get(0), ssts.get(2));
        fs.listen((op, path, target) -> {
            channels.note(op, path);
            if (op == Op.CLOSE && failing.contains(path.getFileName().toString())) {
                throw new IOException("the test makes the close of " + path.getFileName() + " fail");
            }
        });

        Throwable thrown = catchThrowable(lsm::close);

        assertThat(thrown)
                .as("MiniLsm.close() when closing %s fails: close must throw an IOException", failing)
                .isInstanceOf(IOException.class);
        List<String> reported = new java.util.ArrayList<>();
        reported.add(thrown.getMessage());
        Arrays.stream(thrown.getSuppressed()).map(Throwable::getMessage).forEach(reported::add);
        for (String name : failing) {
            assertThat(reported)
                    .as("the messages of close()'s exception and of those it suppresses. Closing %s failed; when "
                            + "several closes fail, throw the first and add the others to it (addSuppressed), so "
                            + "that none is lost (docs/day6-write-path.md, Task 4)", name)
                    .anySatisfy(message -> assertThat(message).contains(name));
        }
        assertThat(channels.stillOpen())
                .as("SST channels still open after close(). A close that fails must not stop the others: close "
                        + "every SST, then throw (docs/day6-write-path.md, Task 4)")
                .isEmpty();
        try (MiniLsm again = MiniLsm.open(realDir, LsmStorageOptions.memtableOnly())) {
            assertThat(again.get(Bytes.of("key1")))
                    .as("after a close whose SST closes failed, the directory lock is released and the data is there")
                    .isEqualTo(Bytes.of("value1"));
        }
    }
}
