package org.lsmworkbook.tools.grade.probe;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;

/**
 * Runs inside a stage's test JVM while it is graded, and appends one line per finished test to the
 * file that {@value #FILE} names: {@code PASSED|FAILED|ABORTED|SKIPPED <tab> kind <tab> class <tab> method},
 * where kind is {@code test} (a plain test method), {@code invocation} (one run of a parameterized,
 * repeated or dynamic test) or {@code method} (such a method, when all its runs have finished).
 * Surefire writes a class's report only when the class ends; this record keeps the tests that
 * finished before a JVM was stopped. The grader uses it only for classes without a report.
 *
 * <p>Not part of the tools: the grader copies this class into a small jar of its own and puts it on
 * the test class path, where JUnit finds it as a service.
 */
public final class ProgressListener implements TestExecutionListener {

    /** The environment variable naming the record. */
    public static final String FILE = "WORKBOOK_GRADE_PROGRESS";

    private final Path file;

    /** Creates the listener; it records nothing when {@value #FILE} is not set. */
    public ProgressListener() {
        String name = System.getenv(FILE);
        this.file = name == null || name.isBlank() ? null : Path.of(name);
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        record(test, "SKIPPED");
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        record(test, result.getStatus().name().equals("SUCCESSFUL") ? "PASSED" : result.getStatus().name());
    }

    private void record(TestIdentifier test, String status) {
        TestSource source = test.getSource().orElse(null);
        if (file == null || !(source instanceof MethodSource method)) {
            return;
        }
        String kind;
        if (test.isContainer()) {
            kind = "method";
        } else {
            String segment = test.getUniqueIdObject().getLastSegment().getType();
            kind = segment.contains("invocation") || segment.contains("dynamic") ? "invocation" : "test";
        }
        String line = status + "\t" + kind + "\t" + method.getClassName() + "\t" + method.getMethodName() + "\n";
        try {
            // One short append per test, so that a JVM stopped at any point leaves whole lines behind.
            Files.write(file, line.getBytes(StandardCharsets.UTF_8), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        } catch (IOException e) {
            // the record is a fallback; a test run never fails because of it
        }
    }
}
