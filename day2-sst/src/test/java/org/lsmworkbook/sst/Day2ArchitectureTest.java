package org.lsmworkbook.sst;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The architecture day 2 teaches, checked on the compiled main classes (not the tests). These
 * rules hold in the student edition from the start; keep them holding while you write the tasks.
 */
@Tag("architecture")
// An ArchUnit import reads every class the stage refers to: seconds on a quiet machine, much longer on a
// busy grading machine. It cannot hang, so the limit is generous.
@Timeout(120)
@DisplayName("Day 2 · architecture rules")
class Day2ArchitectureTest {

    /** FileObject and any nested class of it. */
    private static final String FILE_OBJECT = "org\\.lsmworkbook\\.sst\\.FileObject(\\$.*)?";

    /** BlockCache and its nested classes (the cache key, the sized entry, the exception wrapper...). */
    private static final String BLOCK_CACHE = "org\\.lsmworkbook\\.sst\\.BlockCache(\\$.*)?";

    private static JavaClasses day2;

    @BeforeAll
    static void importDay2() {
        day2 = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook.sst");
    }

    @Test
    void only_FileObject_reads_and_writes_files() {
        // Path itself is allowed everywhere: the SsTableBuilder's constructor takes one, and messages print it.
        noClasses().that().haveNameNotMatching(FILE_OBJECT)
                .should().dependOnClassesThat().resideInAPackage("java.nio.channels..")
                .orShould().dependOnClassesThat(resideInAPackage("java.nio.file..").and(not(equivalentTo(Path.class)))
                        .as("are in java.nio.file but are not Path (Files, StandardOpenOption, ...)"))
                .orShould().dependOnClassesThat().belongToAnyOf(
                        File.class, FileInputStream.class, FileOutputStream.class,
                        RandomAccessFile.class, FileReader.class, FileWriter.class)
                .because("FileObject is the one door to the disk: the builder streams the file through it "
                        + "(FileObject.createWriter), and tables read ranges of it (FileObject.read). A table that opened "
                        + "its own FileChannel or called Files.readAllBytes would bypass it")
                .check(day2);
    }

    @Test
    void nothing_uses_the_network() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.net..")
                .because("an SST is a local file")
                .check(day2);
    }

    @Test
    void only_the_builder_creates_sst_files() {
        noClasses().that().doNotBelongToAnyOf(SsTableBuilder.class, FileObject.class)
                .should().callMethod(FileObject.class, "create", Path.class, byte[].class)
                .orShould().callMethod(FileObject.class, "createWriter", Path.class)
                .because("an SST file is written once, from its first byte to its last, by an SsTableBuilder")
                .check(day2);
    }

    @Test
    void only_BlockCache_uses_caffeine() {
        noClasses().that().haveNameNotMatching(BLOCK_CACHE)
                .should().dependOnClassesThat().resideInAPackage("com.github.benmanes.caffeine..")
                .because("the cache library is BlockCache's business; tables and iterators only call "
                        + "BlockCache.getOrLoad (through SsTable.readBlockCached)")
                .check(day2);
    }

    @Test
    void the_iterator_reads_blocks_only_through_readBlockCached() {
        noClasses().that().belongToAnyOf(SsTableIterator.class)
                .should().callMethod(SsTable.class, "readBlock", int.class)
                .because("SsTableIterator must read blocks with SsTable.readBlockCached, so that a table with a "
                        + "block cache shares decoded blocks between iterators")
                .check(day2);
    }

    @Test
    void day_two_starts_no_threads() {
        DescribedPredicate<JavaConstructorCall> newThread = DescribedPredicate.describe("the class constructed is a Thread",
                call -> call.getTarget().getOwner().isAssignableTo(Thread.class));
        noClasses().should().callConstructorWhere(newThread)
                .orShould().dependOnClassesThat().belongToAnyOf(
                        Executors.class, ThreadPoolExecutor.class, ScheduledThreadPoolExecutor.class, ForkJoinPool.class)
                .because("background work (flushing) is the write path's, day 6; the block cache evicts on the "
                        + "calling thread")
                .check(day2);
    }

    @Test
    void day_two_does_not_depend_on_later_stages() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.lsmworkbook.memtable..", "org.lsmworkbook.engine..",
                        "org.lsmworkbook.read..", "org.lsmworkbook.write..")
                .because("each stage builds only on the stages before it")
                .check(day2);
    }
}
