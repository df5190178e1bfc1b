package org.lsmworkbook.write;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.lsmworkbook.write.WriteFixtures.numberedEntries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.engine.LsmStorageOptions;
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.kv.Bytes;
import org.lsmworkbook.read.LsmReadPath;
import org.lsmworkbook.write.RecordingFileSystem.Op;
import org.lsmworkbook.write.WriteFixtures.BareEngine;

/**
 * Task 1: the order of a flush's steps, which is what makes it safe. The engine runs on a {@link
 * RecordingFileSystem}, which notes every file operation of the flush together with two facts of
 * that moment: is the new SST already in the engine's state, and does the flushing thread hold the
 * state lock? The same file system makes a freeze happen in the middle of a flush, and makes a
 * rename fail. No timing is involved: the record is the same on every run.
 */
@Timeout(30)
@DisplayName("Day 6 · Task 1 — the order of a flush's steps, seen by a recording file system")
class FlushOrderTest {

    private static final String CHAPTER = "docs/day6-write-path.md, 'Flushing a memtable, step by step'";

    @TempDir
    Path realDir;

    /** One file operation and what was true when it began. */
    private record Step(Op op, String file, String target, boolean published, boolean frozen, boolean underStateLock) {
        @Override
        public String toString() {
            return op + " " + file + (target == null ? "" : " -> " + target)
                    + (published ? " [SST already in the state]" : "")
                    + (frozen ? "" : " [memtable no longer in immMemtables]")
                    + (underStateLock ? " [under the state lock]" : "");
        }
    }

    /**
     * The identity of the state lock's synchronizer, found by looking at what the current thread
     * holds while {@link LsmStorageInner#updateState} runs a change (the lock is private).
     */
    private static int stateLockIdentity(LsmStorageInner inner) {
        List<ThreadProbe.Held> outside = ThreadProbe.synchronizers(Thread.currentThread());
        List<ThreadProbe.Held> held = new ArrayList<>();
        inner.updateState(state -> {
            held.addAll(ThreadProbe.synchronizers(Thread.currentThread()));
            return state;
        });
        held.removeAll(outside); // the test runner's own (a timeout thread's worker lock)
        assertThat(held).as("test setup: inside updateState the test thread holds one more lock, the state lock")
                .hasSize(1);
        return held.get(0).identity();
    }

    private static boolean holds(int lockIdentity) {
        return ThreadProbe.synchronizers(Thread.currentThread()).stream().anyMatch(h -> h.identity() == lockIdentity);
    }

    private static String name(Path path) {
        return path == null || path.getFileName() == null ? null : path.getFileName().toString();
    }

    private static int lastIndexOf(List<Step> steps, Op op, String file) {
        for (int i = steps.size() - 1; i >= 0; i--) {
            if (steps.get(i).op() == op && file.equals(steps.get(i).file())) {
                return i;
            }
        }
        return -1;
    }

    private static String show(List<Step> steps) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) {
            lines.add("  " + i + ". " + steps.get(i));
        }
        return String.join("\n", lines);
    }

    @Test
    void the_file_is_written_forced_renamed_and_its_directory_forced_before_the_sst_is_published()
            throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        Path dir = fs.wrap(realDir);
        LsmStorageOptions options = LsmStorageOptions.memtableOnly().withBlockSize(128);
        try (BareEngine engine = BareEngine.open(dir, options)) {
            long id = engine.putAndFreeze(numberedEntries("k", 40, 30));
            String temp = name(SstFileNames.tempPath(dir, id));
            String sst = name(SstFileNames.sstPath(dir, id));
            String dirName = name(dir);
            int stateLock = stateLockIdentity(engine.inner);
            List<Step> steps = Collections.synchronizedList(new ArrayList<>());
            fs.listen((op, path, target) -> {
                LsmStorageState state = engine.inner.state();
                steps.add(new Step(op, name(path), name(target), state.l0SstIds().contains(id),
                        state.immMemtables().stream().anyMatch(m -> m.id() == id), holds(stateLock)));
            });

            engine.flusher.flushOldest();
            fs.listen((op, path, target) -> { });
            String record = "the flush of memtable " + id + " did, in this order:\n" + show(steps);

            assertThat(steps.stream().filter(Step::underStateLock).collect(Collectors.toList()))
                    .as("file operations made while the flushing thread held the state lock, i.e. inside the "
                            + "updateState change. The change must be quick and must not block (its Javadoc): write, "
                            + "force, rename and sync BEFORE updateState, and only swap the memtable for the open "
                            + "table inside it (%s, step 4; question 3). %s", CHAPTER, record)
                    .isEmpty();

            int move = -1;
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i).op() == Op.MOVE && temp.equals(steps.get(i).file()) && sst.equals(steps.get(i).target())) {
                    move = i;
                }
            }
            assertThat(move)
                    .as("the SST must be written under %s and then renamed to %s with Durability.atomicRename, so "
                            + "that the final name only ever points at a complete file (%s, step 2). %s",
                            temp, sst, CHAPTER, record)
                    .isNotNegative();
            int lastWrite = lastIndexOf(steps.subList(0, move), Op.WRITE, temp);
            int force = lastIndexOf(steps.subList(0, move), Op.FORCE, temp);
            assertThat(lastWrite)
                    .as("the entries must be written to %s before the rename (%s, step 1). %s", temp, CHAPTER, record)
                    .isNotNegative();
            assertThat(force)
                    .as("%s must be forced (fsync) after its last write and before the rename, or a power cut can "
                            + "leave %s with the right name and the wrong bytes (SsTableBuilder.build does it through "
                            + "FileObject.create; docs/day6-write-path.md, 'Why a rename, and why sync the "
                            + "directory'). %s", temp, sst, record)
                    .isGreaterThan(lastWrite);

            int dirForce = -1;
            for (int i = move + 1; i < steps.size(); i++) {
                if (steps.get(i).op() == Op.FORCE && dirName.equals(steps.get(i).file())) {
                    dirForce = i;
                    break;
                }
            }
            assertThat(dirForce)
                    .as("after the rename the directory must be forced (Durability.syncDirectory(dir)): the new "
                            + "name lives in the directory, and until the directory is forced a power cut can undo "
                            + "the rename (%s, step 3; 'Why a rename, and why sync the directory'). %s",
                            CHAPTER, record)
                    .isPositive();
            assertThat(steps.subList(0, dirForce + 1).stream().filter(Step::published).collect(Collectors.toList()))
                    .as("steps made while SST %d was already in the engine's state: it must be published LAST, "
                            + "with updateState after the write, the fsync, the rename and the directory sync. A "
                            + "state that points at the SST earlier lets readers open a file that is not complete or "
                            + "not durable, and drops the memtable, the only complete copy (%s, step 4; 'Why publish "
                            + "last?'). %s", id, CHAPTER, record)
                    .isEmpty();
            assertThat(steps.stream().filter(step -> !step.published() && !step.frozen()).collect(Collectors.toList()))
                    .as("steps made while memtable %d had left immMemtables and SST %d was not yet in l0SstIds: a "
                            + "reader then finds the data in neither place. Swap the memtable for its SST in ONE "
                            + "updateState (%s: 'at no moment is the data in neither place'). %s", id, id, CHAPTER,
                            record)
                    .isEmpty();
            assertThat(engine.inner.state().l0SstIds())
                    .as("after flushOldest() returned, SST %d is published as the newest L0 SST. %s", id, record)
                    .startsWith(id);
        }
    }

    @Test
    void a_memtable_frozen_while_the_flush_writes_its_file_is_kept() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        LsmStorageOptions options = LsmStorageOptions.memtableOnly().withBlockSize(128);
        try (BareEngine engine = BareEngine.open(fs.wrap(realDir), options)) {
            long flushed = engine.putAndFreeze(numberedEntries("k", 40, 30));
            long frozenMeanwhile = engine.inner.state().memtable().id();
            Bytes key = Bytes.of("written-while-flushing");
            AtomicBoolean done = new AtomicBoolean();
            // Another writer, at the moment the flush writes its file: a put, and a freeze of that memtable.
            fs.listen((op, path, target) -> {
                if (op == Op.WRITE && done.compareAndSet(false, true)) {
                    engine.inner.put(key, Bytes.of("kept"));
                    engine.inner.forceFreezeMemtable();
                }
            });
            try {
                engine.flusher.flushOldest();
            } catch (RuntimeException e) {
                throw new AssertionError("memtable " + frozenMeanwhile + " was frozen while memtable " + flushed
                        + " was being flushed, and the flush failed with: " + e + ". Build the new state inside "
                        + "updateState, from the state the change is handed (it holds the newer freeze), not from a "
                        + "state read before the file was written (" + CHAPTER + ", step 4)", e);
            } finally {
                fs.listen((op, path, target) -> { });
            }
            assertThat(done.get()).as("test setup: the flush wrote a file").isTrue();
            LsmStorageState state = engine.inner.state();
            assertThat(state.immMemtables().stream().map(m -> m.id()).collect(Collectors.toList()))
                    .as("memtable %d was frozen while memtable %d was being flushed; the flush must publish a state "
                            + "made inside updateState from the state it is handed (which holds the new frozen "
                            + "memtable), not from a state it read before it wrote the file. Now: %s",
                            frozenMeanwhile, flushed, state)
                    .containsExactly(frozenMeanwhile);
            assertThat(state.l0SstIds()).as("the flushed memtable is SST %d: %s", flushed, state).containsExactly(flushed);
            assertThat(LsmReadPath.get(state, key)).as("the write made during the flush").isEqualTo(Bytes.of("kept"));
        }
    }
    @Test
    void a_flush_that_fails_at_the_rename_deletes_its_temporary_file_and_changes_nothing() throws IOException {
        RecordingFileSystem fs = RecordingFileSystem.ofDefault();
        LsmStorageOptions options = LsmStorageOptions.memtableOnly().withBlockSize(128);
        try (BareEngine engine = BareEngine.open(fs.wrap(realDir), options)) {
            long id = engine.putAndFreeze(numberedEntries("k", 40, 30));
            LsmStorageState before = engine.inner.state();
            fs.listen((op, path, target) -> {
                if (op == Op.MOVE) {
                    throw new IOException("the test makes this rename fail");
                }
            });
            try {
                engine.flusher.flushOldest();
                fail("the rename of the flush failed, so flushOldest() must throw its IOException");
            } catch (IOException expected) {
                // the rename's error, or one that carries it
            } finally {
                fs.listen((op, path, target) -> { });
            }
            assertThat(WriteFixtures.fileNames(realDir))
                    .as("after a flush that failed before its rename, the temporary file %s must be deleted (if "
                            + "anything fails before the rename, delete it and let the exception through: "
                            + "docs/day6-write-path.md, Task 1, and 'When a flush fails')",
                            SstFileNames.tempPath(realDir, id).getFileName())
                    .noneMatch(SstFileNames::isTempFile)
                    .doesNotContain(SstFileNames.sstPath(realDir, id).getFileName().toString());
            assertThat(engine.inner.state())
                    .as("a failed flush changes nothing the engine can see ('When a flush fails')")
                    .isSameAs(before);

            engine.flusher.flushOldest();
            assertThat(engine.inner.state().l0SstIds()).as("the retry flushes memtable %d", id).containsExactly(id);
        }
    }

    /**
     * Two {@code updateState} calls in a row (one that drops the memtable, one that adds the SST) make
     * no file operation in between, so the recording above cannot see the moment when the data is in
     * neither place; the code can. Every call the flush's classes make to {@code updateState} is
     * counted, with the calls to the method that contains it.
     */
    @Test
    @Timeout(120) // the ArchUnit import reads class files: slow on a busy machine, never stuck
    void the_flush_publishes_its_sst_with_a_single_updateState_call() {
        List<String> sites = new ArrayList<>();
        List<String> callersOfSites = new ArrayList<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook.write")) {
            for (JavaMethodCall call : type.getMethodCallsFromSelf()) {
                if (call.getTargetOwner().isEquivalentTo(LsmStorageInner.class)
                        && call.getName().equals("updateState")) {
                    sites.add(call.getOrigin().getFullName() + " (" + type.getSimpleName() + ".java:"
                            + call.getLineNumber() + ")");
                    // A helper of the flush that wraps updateState and is called twice publishes in two steps too.
                    call.getOrigin().getCallsOfSelf().stream()
                            .filter(caller -> caller.getOriginOwner().equals(type))
                            .forEach(caller -> callersOfSites.add(
                                    caller.getOrigin().getFullName() + " (line " + caller.getLineNumber() + ")"));
                }
            }
        }
        assertThat(sites)
                .as("the places where the flush calls LsmStorageInner.updateState. Dropping the memtable and "
                        + "adding the SST must be ONE state change: with two, a reader between them finds the data "
                        + "in neither place, and nothing but the code shows it (%s, step 4: 'in one updateState')", CHAPTER)
                .hasSize(1);
        assertThat(callersOfSites)
                .as("the calls of %s, the method that calls updateState: called more than once per flush, it "
                        + "publishes in several steps (%s, step 4)", sites.get(0), CHAPTER)
                .hasSizeLessThanOrEqualTo(1);
    }
}
