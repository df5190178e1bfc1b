package org.lsmworkbook.block;

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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.kv.Bytes;

/** The architecture day 1 teaches, checked on the compiled main classes (not the tests). */
@Tag("architecture")
// An ArchUnit import reads every class the stage refers to: seconds on a quiet machine, much longer on a
// busy grading machine. It cannot hang, so the limit is generous.
@Timeout(120)
@DisplayName("Day 1 · architecture rules")
class Day1ArchitectureTest {

    private static JavaClasses day1;

    @BeforeAll
    static void importDay1() {
        day1 = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook.kv", "org.lsmworkbook.block");
    }

    /** Calls to any of {@code methods} of {@code owner}, whatever their parameters. */
    private static DescribedPredicate<JavaMethodCall> callsTo(Class<?> owner, String... methods) {
        return DescribedPredicate.describe(
                owner.getSimpleName() + "." + String.join("/", methods),
                call -> call.getTarget().getOwner().isEquivalentTo(owner)
                        && Arrays.asList(methods).contains(call.getTarget().getName()));
    }

    @Test
    void blocks_and_the_vocabulary_do_no_file_or_network_io() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.nio.channels..", "java.net..")
                .orShould().dependOnClassesThat().belongToAnyOf(
                        File.class, FileInputStream.class, FileOutputStream.class,
                        RandomAccessFile.class, FileReader.class, FileWriter.class)
                .because("a block is bytes in memory; reading and writing files is day 2's job, in FileObject")
                .check(day1);
    }

    @Test
    void day_one_does_not_depend_on_later_stages() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.lsmworkbook.sst..", "org.lsmworkbook.memtable..", "org.lsmworkbook.engine..",
                        "org.lsmworkbook.read..", "org.lsmworkbook.write..")
                .because("each stage builds only on the stages before it")
                .check(day1);
    }

    @Test
    void the_vocabulary_knows_nothing_of_blocks() {
        noClasses().that().resideInAPackage("org.lsmworkbook.kv..")
                .should().dependOnClassesThat().resideInAPackage("org.lsmworkbook.block..")
                .because("org.lsmworkbook.kv is the vocabulary every stage shares; it must not depend on one format")
                .check(day1);
    }

    @Test
    void the_block_iterator_hands_out_views_not_copies() {
        noClasses().that().belongToAnyOf(BlockIterator.class)
                .should().callMethodWhere(callsTo(Bytes.class, "copyOf", "toByteArray", "copyTo"))
                .orShould().callMethod(System.class, "arraycopy", Object.class, int.class, Object.class, int.class, int.class)
                .orShould().callMethodWhere(callsTo(Arrays.class, "copyOf", "copyOfRange"))
                .because("keys and values are views into the block (Bytes.wrap(data, offset, length)): "
                        + "copying every entry would make scans allocate as much as they read")
                .check(day1);
    }
}
