package org.lsmworkbook.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaFieldAccess;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.sst.BlockCache;
import org.lsmworkbook.sst.FileObject;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * The architecture day 4 teaches, checked on the compiled main classes (not the tests). These
 * rules hold in the student edition from the start; keep them holding while you write the tasks.
 */
@Tag("architecture")
// An ArchUnit import reads every class the stage refers to: seconds on a quiet machine, much longer on a
// busy grading machine. It cannot hang, so the limit is generous.
@Timeout(120)
@DisplayName("Day 4 · architecture rules")
class Day4ArchitectureTest {

    private static final String ENGINE = "org.lsmworkbook.engine";
    private static final String LOCKS = "java.util.concurrent.locks";

    private static JavaClasses day4;

    @BeforeAll
    static void importDay4() {
        day4 = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ENGINE);
    }

    // ---- the state is an immutable snapshot ----------------------------------------------------

    @Test
    void the_state_class_is_final_with_final_fields() {
        classes().that().belongToAnyOf(LsmStorageState.class)
                .should().haveModifier(JavaModifier.FINAL)
                .because("a snapshot that a subclass could change would not be a snapshot")
                .check(day4);
        fields().that().areDeclaredIn(LsmStorageState.class)
                .should().beFinal()
                .because("a reader holds a snapshot without a lock; that is safe only if the snapshot never changes "
                        + "(copy on write: a change makes a new LsmStorageState)")
                .check(day4);
    }

    @Test
    void only_the_state_constructors_assign_its_fields() {
        DescribedPredicate<JavaFieldAccess> setOutsideConstructor = DescribedPredicate.describe(
                "a field of LsmStorageState outside an LsmStorageState constructor",
                access -> access.getTargetOwner().isEquivalentTo(LsmStorageState.class)
                        && !(access.getOrigin().isConstructor()
                                && access.getOrigin().getOwner().isEquivalentTo(LsmStorageState.class)));
        noClasses().should().setFieldWhere(setOutsideConstructor)
                .because("a snapshot is complete when its constructor returns; withFrozenMemtable builds a new one")
                .check(day4);
    }

    @Test
    void the_engine_publishes_its_state_through_a_volatile_field() {
        fields().that().areDeclaredIn(LsmStorageInner.class).and().haveRawType(LsmStorageState.class)
                .should().haveModifier(JavaModifier.VOLATILE)
                .because("readers take no lock, so a new snapshot must become visible to them through a volatile "
                        + "write and read")
                .check(day4);
    }

    // ---- the read path takes no lock ------------------------------------------------------------

    @Test
    void get_and_scan_take_no_lock() {
        methods().that().areDeclaredIn(LsmStorageInner.class).and().haveNameMatching("get|scan")
                .should(takeNoLock())
                .andShould().notHaveModifier(JavaModifier.SYNCHRONIZED)
                .because("reads take no lock: they read the volatile state once and work on that immutable snapshot. "
                        + "The state lock serialises changes only, and the memtable lock is for writers and freezes")
                .check(day4);
    }

    @Test
    void get_and_scan_enter_no_monitor() {
        List<String> problems = new ArrayList<>();
        for (String read : List.of("get", "scan")) {
            for (EngineBytecode.Method m : new EngineBytecode().reachedFrom(read)) {
                if (m.synchronizedModifier) {
                    problems.add(read + " reaches " + m + ", which is synchronized");
                }
                if (m.monitorEnters > 0) {
                    problems.add(read + " reaches " + m + ", which has a synchronized block");
                }
                if (!m.lockCalls.isEmpty()) {
                    problems.add(read + " reaches " + m + ", which calls " + m.lockCalls);
                }
            }
        }
        assertThat(problems)
                .as("docs/day4-engine.md, \"Two locks\": readers take no lock, not even a monitor. get and scan read the "
                        + "volatile state once and work on that immutable snapshot; a synchronized method or block on "
                        + "their way (also in a helper they call, or in a lambda) makes every reader wait for the others")
                .isEmpty();
    }

    @Test
    void get_and_scan_read_the_state_field_once() {
        for (String read : List.of("get", "scan")) {
            int reads = 0;
            List<String> where = new ArrayList<>();
            for (EngineBytecode.Method m : new EngineBytecode().reachedFrom(read)) {
                reads += m.stateReads;
                if (m.stateReads > 0) {
                    where.add(m + ": " + m.stateReads);
                }
            }
            assertThat(reads)
                    .as("docs/day4-engine.md, \"The state is a snapshot\": %s must read the field state once, into a "
                            + "local variable, and use only that snapshot. Read twice, a freeze in between can hand it "
                            + "the memtable of one snapshot and the frozen memtables of another, and skip one. Reads of "
                            + "state in %s and the engine methods it calls: %s", read, read, where)
                    .isLessThanOrEqualTo(1);
        }
    }

    /**
     * A method calls no method of {@code java.util.concurrent.locks}, neither itself nor through
     * the methods and constructors of this package that it calls, directly or further down.
     */
    private static ArchCondition<JavaMethod> takeNoLock() {
        return new ArchCondition<>("call no method of " + LOCKS + ", directly or through " + ENGINE) {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                Set<JavaCodeUnit> seen = new HashSet<>();
                Deque<JavaCodeUnit> todo = new ArrayDeque<>();
                todo.add(method);
                while (!todo.isEmpty()) {
                    JavaCodeUnit unit = todo.poll();
                    if (!seen.add(unit)) {
                        continue;
                    }
                    for (JavaCall<?> call : unit.getCallsFromSelf()) {
                        String targetPackage = call.getTargetOwner().getPackageName();
                        if (targetPackage.equals(LOCKS)) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " reaches " + call.getDescription()));
                        } else if (targetPackage.equals(ENGINE)) {
                            call.getTarget().resolveMember().ifPresent(todo::add);
                        }
                    }
                }
            }
        };
    }

    // ---- no files, no threads -------------------------------------------------------------------

    @Test
    void the_engine_creates_no_files_on_day_four() {
        DescribedPredicate<JavaMethodCall> filesOtherThanCreateDirectories = DescribedPredicate.describe(
                "a method of java.nio.file.Files other than createDirectories",
                call -> call.getTargetOwner().isEquivalentTo(Files.class)
                        && !call.getTarget().getName().equals("createDirectories"));
        noClasses().should().callMethod(SsTableBuilder.class, "build", long.class, BlockCache.class)
                .orShould().callConstructor(SsTableBuilder.class, int.class, Path.class)
                .orShould().callMethod(FileObject.class, "create", Path.class, byte[].class)
                .orShould().callMethod(FileObject.class, "createWriter", Path.class)
                .orShould().callMethodWhere(filesOtherThanCreateDirectories)
                .orShould().dependOnClassesThat().belongToAnyOf(
                        FileChannel.class, FileInputStream.class, FileOutputStream.class, RandomAccessFile.class,
                        java.io.FileReader.class, java.io.FileWriter.class)
                .because("today the engine only creates its directory; writing SSTs (the flush) is day 6's")
                .check(day4);
    }

    @Test
    void the_engine_starts_no_threads_on_day_four() {
        DescribedPredicate<JavaConstructorCall> newThread = DescribedPredicate.describe(
                "the class constructed is a Thread",
                call -> call.getTargetOwner().isAssignableTo(Thread.class));
        DescribedPredicate<JavaMethodCall> threadStart = DescribedPredicate.describe(
                "Thread.start",
                call -> call.getTargetOwner().isAssignableTo(Thread.class) && call.getTarget().getName().equals("start"));
        noClasses().should().callConstructorWhere(newThread)
                .orShould().callMethodWhere(threadStart)
                .orShould().dependOnClassesThat().belongToAnyOf(
                        Executors.class, ExecutorService.class, ThreadPoolExecutor.class,
                        ScheduledThreadPoolExecutor.class, ForkJoinPool.class)
                .because("background work (the flush thread) belongs to the write path, day 6; today every write and "
                        + "every freeze runs on the caller's thread")
                .check(day4);
    }

    @Test
    void day_four_does_not_depend_on_later_stages() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.lsmworkbook.read..", "org.lsmworkbook.write..")
                .because("each stage builds only on the stages before it")
                .check(day4);
    }
}
