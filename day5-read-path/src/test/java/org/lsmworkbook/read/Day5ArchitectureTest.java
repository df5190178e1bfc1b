package org.lsmworkbook.read;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.engine.LsmStorageInner;
import org.lsmworkbook.sst.FileObject;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * The architecture day 5 teaches, checked on the compiled main classes (not the tests). These rules
 * hold in the student edition from the start; keep them holding while you write the tasks.
 */
@Tag("architecture")
// An ArchUnit import reads every class the stage refers to: seconds on a quiet machine, much longer on a
// busy grading machine. It cannot hang, so the limit is generous.
@Timeout(120)
@DisplayName("Day 5 · architecture rules")
class Day5ArchitectureTest {

    private static JavaClasses day5;

    @BeforeAll
    static void importDay5() {
        day5 = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook.read");
    }

    /** Calls to any of {@code methods} of {@code owner}, whatever their parameters. */
    private static DescribedPredicate<JavaMethodCall> callsTo(Class<?> owner, String... methods) {
        return DescribedPredicate.describe(
                owner.getSimpleName() + "." + String.join("/", methods),
                call -> call.getTarget().getOwner().isEquivalentTo(owner)
                        && Arrays.asList(methods).contains(call.getTarget().getName()));
    }

    /** Calls to any method of {@code owner}. */
    private static DescribedPredicate<JavaMethodCall> anyCallTo(Class<?> owner) {
        return DescribedPredicate.describe("any method of " + owner.getName(),
                call -> call.getTarget().getOwner().isEquivalentTo(owner));
    }

    @Test
    void the_read_path_never_takes_the_state_lock() {
        noClasses()
                .should().callMethodWhere(callsTo(LsmStorageInner.class, "updateState", "forceFreezeMemtable", "put", "delete"))
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent.locks..")
                .because("a read works on one immutable LsmStorageState snapshot and needs no lock; the state lock "
                        + "(taken by updateState, freezes and writes) is for changes only, and a read that took it "
                        + "would make every writer wait while it reads files")
                .check(day5);
    }

    @Test
    void the_read_path_creates_no_files() {
        noClasses()
                .should().callMethodWhere(callsTo(SsTableBuilder.class, "build"))
                .orShould().callMethodWhere(callsTo(FileObject.class, "create"))
                .orShould().callMethodWhere(anyCallTo(Files.class))
                .orShould().dependOnClassesThat().belongToAnyOf(
                        FileChannel.class, File.class, FileInputStream.class, FileOutputStream.class,
                        RandomAccessFile.class, FileReader.class, FileWriter.class)
                .because("reads only read, and only through SsTable and its iterators; writing SST files is the "
                        + "write path's job (day 6)")
                .check(day5);
    }

    @Test
    void the_read_path_starts_no_threads() {
        DescribedPredicate<JavaConstructorCall> newThread = DescribedPredicate.describe("the class constructed is a Thread",
                call -> call.getTarget().getOwner().isAssignableTo(Thread.class));
        noClasses()
                .should().callConstructorWhere(newThread)
                .orShould().callMethodWhere(DescribedPredicate.describe("Thread.start",
                        call -> call.getTarget().getOwner().isAssignableTo(Thread.class)
                                && call.getTarget().getName().equals("start")))
                .orShould().dependOnClassesThat().belongToAnyOf(
                        Executors.class, ThreadPoolExecutor.class, ScheduledThreadPoolExecutor.class, ForkJoinPool.class)
                .because("a read runs on the caller's thread; background work (the flush thread) is the write "
                        + "path's, day 6")
                .check(day5);
    }

    @Test
    void the_two_merge_iterator_knows_only_StorageIterator() {
        noClasses().that().belongToAnyOf(TwoMergeIterator.class)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.lsmworkbook.block..", "org.lsmworkbook.sst..", "org.lsmworkbook.memtable..",
                        "org.lsmworkbook.engine..")
                .because("TwoMergeIterator joins any two StorageIterators; the read path happens to give it a merge "
                        + "of memtables and a merge of SSTs, but it must not know that")
                .check(day5);
    }

    @Test
    void the_range_checks_need_no_table() {
        noClasses().that().belongToAnyOf(KeyRanges.class)
                .should().dependOnClassesThat().resideInAnyPackage(
                        "org.lsmworkbook.block..", "org.lsmworkbook.sst..", "org.lsmworkbook.memtable..",
                        "org.lsmworkbook.engine..")
                .because("KeyRanges decides from keys alone (an SST keeps its first and last key in memory), so "
                        + "that skipping a table costs no read")
                .check(day5);
    }

    @Test
    void day_five_does_not_depend_on_later_stages() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.lsmworkbook.write..")
                .because("each stage builds only on the stages before it")
                .check(day5);
    }
}
