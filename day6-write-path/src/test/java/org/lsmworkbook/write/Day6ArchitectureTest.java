package org.lsmworkbook.write;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
import org.lsmworkbook.engine.LsmStorageState;
import org.lsmworkbook.memtable.MemTable;
import org.lsmworkbook.sst.SsTable;
import org.lsmworkbook.sst.SsTableBuilder;

/**
 * The architecture day 6 teaches, checked on the compiled main classes (not the tests). These
 * rules hold in the student edition from the start; keep them holding while you write the tasks.
 */
@Tag("architecture")
// An ArchUnit import reads every class the stage refers to: seconds on a quiet machine, much longer on a
// busy grading machine. It cannot hang, so the limit is generous.
@Timeout(120)
@DisplayName("Day 6 · architecture rules")
class Day6ArchitectureTest {

    private static JavaClasses day6;

    @BeforeAll
    static void importDay6() {
        day6 = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook.write");
    }

    /** The class {@code type} and its nested classes (lambdas compile into the class itself). */
    private static String itselfOrNested(Class<?> type) {
        return type.getName().replace(".", "\\.") + "(\\$.*)?";
    }

    /** Calls to any of {@code methods} of {@code owner}, whatever their parameters. */
    private static DescribedPredicate<JavaMethodCall> callsTo(Class<?> owner, String... methods) {
        return DescribedPredicate.describe(
                owner.getSimpleName() + "." + String.join("/", methods),
                call -> call.getTarget().getOwner().isAssignableTo(owner)
                        && Arrays.asList(methods).contains(call.getTarget().getName()));
    }

    @Test
    void the_rules_see_the_classes_of_this_stage() {
        assertThat(day6.contain(MiniLsm.class) && day6.contain(FlushThread.class) && day6.contain(MemTableFlusher.class))
                .as("ArchUnit imported org.lsmworkbook.write's main classes (otherwise every rule here passes vacuously)")
                .isTrue();
    }

    @Test
    void only_FlushThread_creates_or_starts_threads() {
        DescribedPredicate<JavaConstructorCall> newThread = DescribedPredicate.describe("the class constructed is a Thread",
                call -> call.getTarget().getOwner().isAssignableTo(Thread.class));
        noClasses().that().haveNameNotMatching(itselfOrNested(FlushThread.class))
                .and().haveNameNotMatching(itselfOrNested(LsmShell.class))
                .should().callConstructorWhere(newThread)
                .orShould().callMethodWhere(callsTo(Thread.class, "start"))
                .orShould().dependOnClassesThat().belongToAnyOf(
                        Executors.class, ThreadPoolExecutor.class, ScheduledThreadPoolExecutor.class, ForkJoinPool.class)
                .because("the engine has exactly one background thread, the flush thread; MiniLsm starts it by "
                        + "constructing a FlushThread and stops it with FlushThread.close(), so no thread can be "
                        + "forgotten at close() (the shell, a program on top of the engine, only makes its shutdown "
                        + "hook, which the JVM starts when it is asked to stop)")
                .check(day6);
    }

    @Test
    void only_MemTableFlusher_writes_ssts_and_changes_the_state() {
        noClasses().that().haveNameNotMatching(itselfOrNested(MemTableFlusher.class))
                .should().callMethodWhere(callsTo(SsTableBuilder.class, "build"))
                .orShould().callMethodWhere(callsTo(LsmStorageInner.class, "updateState"))
                .because("a flush is one careful sequence (write the .tmp file, fsync, rename, sync the directory, "
                        + "then publish); it lives in MemTableFlusher alone, so no other path can publish an SST "
                        + "before it is durable")
                .check(day6);
    }

    @Test
    void only_Durability_renames_files_and_forces_them_to_disk() {
        noClasses().that().haveNameNotMatching(itselfOrNested(Durability.class))
                .should().callMethodWhere(callsTo(Files.class, "move"))
                .orShould().callMethodWhere(callsTo(FileChannel.class, "force"))
                .because("the atomic rename and the directory fsync are the two steps that make a new file's name "
                        + "survive a crash; they are written once, in Durability, and the flusher calls them")
                .check(day6);
    }

    @Test
    void reads_take_no_lock() {
        JavaClasses engine = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lsmworkbook");
        methods().that().areDeclaredIn(MiniLsm.class).and().haveNameMatching("get|scan")
                .should(takeNoLockAtAnyDepth())
                .because("a read works on one immutable state snapshot (inner.state()) and day 5's read path; it "
                        + "needs no lock, so reads never wait for writers, freezes or flushes (docs/day6-write-path.md, "
                        + "Task 4: 'get and scan ... No lock.')")
                .check(engine);
    }

    /**
     * A method neither calls {@code java.util.concurrent.locks} nor is or reaches a {@code
     * synchronized} method, itself or through the engine's methods it calls, however deep. ({@code
     * synchronized} blocks are not visible here; {@code ReadsTakeNoLockTest} catches them at run time.)
     */
    private static ArchCondition<JavaMethod> takeNoLockAtAnyDepth() {
        return new ArchCondition<>("take no lock: call no method of java.util.concurrent.locks and no synchronized "
                + "method, directly or through the engine's own methods") {
            @Override
            public void check(JavaMethod method, ConditionEvents events) {
                Set<JavaCodeUnit> seen = new HashSet<>();
                Deque<JavaCodeUnit> todo = new ArrayDeque<>(List.of(method));
                while (!todo.isEmpty()) {
                    JavaCodeUnit unit = todo.poll();
                    if (!seen.add(unit)) {
                        continue;
                    }
                    if (!unit.getOwner().getPackageName().startsWith("org.lsmworkbook.")) {
                        continue; // a library's method inherited by an engine class (Throwable.getCause, say)
                    }
                    if (unit.getModifiers().contains(JavaModifier.SYNCHRONIZED)) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " reaches the "
                                + "synchronized method " + unit.getFullName()));
                    }
                    for (JavaCall<?> call : unit.getCallsFromSelf()) {
                        String target = call.getTargetOwner().getPackageName();
                        if (target.startsWith("java.util.concurrent.locks")) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName() + " reaches "
                                    + call.getDescription()));
                        } else if (target.startsWith("org.lsmworkbook.")) {
                            call.getTarget().resolveMember().ifPresent(todo::add);
                        }
                    }
                }
            }
        };
    }

    @Test
    void the_shell_uses_only_the_engine_a_user_opens() {
        noClasses().that().belongToAnyOf(LsmShell.class)
                .should().dependOnClassesThat().belongToAnyOf(
                        MemTableFlusher.class, SstDirectory.class, Durability.class, LsmStorageInner.class,
                        FlushThread.class, LsmStorageState.class, MemTable.class, SsTable.class)
                .because("the shell is a user of MiniLsm: it writes, reads and flushes through MiniLsm's public "
                        + "methods and looks at the engine only through MiniLsm.stats()")
                .check(day6);
    }

    @Test
    void day_six_depends_on_no_test_or_tool_code() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage(
                        "org.junit..", "org.assertj..", "com.tngtech..", "org.lsmworkbook.tools..")
                .because("the engine is a library; test and tool code stay out of it")
                .check(day6);
    }
}
