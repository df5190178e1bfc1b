package org.lsmworkbook.memtable;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.RandomAccessFile;
import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;

/** The architecture day 3 teaches, checked on the compiled main classes (not the tests). */
@Tag("architecture")
// An ArchUnit import reads every class the stage refers to: seconds on a quiet machine, much longer on a
// busy grading machine. It cannot hang, so the limit is generous.
@Timeout(120)
@DisplayName("Day 3 · architecture rules")
class Day3ArchitectureTest {

    private static JavaClasses day3;

    @BeforeAll
    static void importDay3() {
        day3 = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook.memtable");
    }

    /** Calls to any of {@code methods} of {@code owner}, whatever their parameters. */
    private static DescribedPredicate<JavaMethodCall> callsTo(Class<?> owner, String... methods) {
        return DescribedPredicate.describe(
                owner.getSimpleName() + "." + String.join("/", methods),
                call -> call.getTarget().getOwner().isEquivalentTo(owner)
                        && Arrays.asList(methods).contains(call.getTarget().getName()));
    }

    @Test
    void the_merge_iterator_knows_only_StorageIterator() {
        noClasses().that().belongToAnyOf(MergeIterator.class)
                .should().dependOnClassesThat().belongToAnyOf(MemTable.class, MemTableIterator.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.lsmworkbook.block..", "org.lsmworkbook.sst..")
                .because("MergeIterator merges any StorageIterator: memtable scans today, SST iterators and "
                        + "other merges later; knowing one concrete kind would tie it to it")
                .check(day3);
    }

    @Test
    void the_memtable_stage_does_no_file_or_network_io() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
                .orShould().dependOnClassesThat().belongToAnyOf(
                        File.class, FileInputStream.class, FileOutputStream.class,
                        RandomAccessFile.class, FileReader.class, FileWriter.class)
                .because("a memtable lives in memory; it reaches disk only when day 6 flushes it into an SST")
                .check(day3);
    }

    @Test
    void day_three_does_not_depend_on_later_stages() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.lsmworkbook.engine..", "org.lsmworkbook.read..", "org.lsmworkbook.write..")
                .because("each stage builds only on the stages before it")
                .check(day3);
    }

    @Test
    void the_memtable_keeps_its_entries_in_a_concurrent_skip_list() {
        classes().that().belongToAnyOf(MemTable.class)
                .should().dependOnClassesThat().belongToAnyOf(ConcurrentSkipListMap.class)
                .because("the chapter's design: a ConcurrentSkipListMap is sorted and safe for concurrent puts and "
                        + "scans without a lock")
                .check(day3);
    }

    @Test
    void the_memtable_keeps_no_field_that_puts_would_race_on() {
        fields().that().areDeclaredIn(MemTable.class)
                .should().beFinal()
                .because("docs/day3-memtable.md, \"An approximate size\": many threads put at once, so a plain long "
                        + "with += would lose updates; the size lives in the given LongAdder, the entries in the "
                        + "given ConcurrentSkipListMap, and MemTable needs no field of its own that changes")
                .check(day3);
    }

    @Test
    void the_memtable_takes_no_locks() {
        noClasses().should().dependOnClassesThat().resideInAPackage("java.util.concurrent.locks..")
                .because("the skip list is already thread-safe; a lock around it would only make writers wait")
                .check(day3);
    }

    @Test
    void the_iterators_hand_out_keys_and_values_without_copying() {
        noClasses().that().belongToAnyOf(MemTableIterator.class, MergeIterator.class)
                .should().callMethodWhere(callsTo(Bytes.class, "copyOf", "toByteArray", "copyTo"))
                .orShould().callMethod(System.class, "arraycopy", Object.class, int.class, Object.class, int.class, int.class)
                .orShould().callMethodWhere(callsTo(Arrays.class, "copyOf", "copyOfRange"))
                .because("keys and values are immutable Bytes; an iterator passes on the ones it got, "
                        + "so that a scan allocates no copies")
                .check(day3);
    }
}
