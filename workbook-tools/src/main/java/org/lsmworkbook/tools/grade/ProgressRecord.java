package org.lsmworkbook.tools.grade;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.lsmworkbook.tools.maven.TestCaseResult;

/**
 * The per-test record that {@code ProgressListener} writes inside a stage's test JVM, and the jar
 * that puts the listener on the test class path. The record is read only for test classes whose
 * JVM was stopped before surefire wrote their report: the tests that had passed by then keep their
 * points.
 */
final class ProgressRecord {

    /** The most of a record that is read; a record of a stage is a few kilobytes. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    /** The listener's class name. */
    static final String LISTENER = "org.lsmworkbook.tools.grade.probe.ProgressListener";

    private ProgressRecord() {
    }

    /**
     * Writes the listener's jar: its class and the service registration JUnit looks for.
     *
     * @param jar the file to write
     * @throws IOException if it cannot be written
     */
    static void writeListenerJar(Path jar) throws IOException {
        // By name only: loading the listener here would need JUnit's launcher, which the tools do not carry.
        String classFile = LISTENER.replace('.', '/') + ".class";
        try (InputStream in = ProgressRecord.class.getClassLoader().getResourceAsStream(classFile);
                JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            if (in == null) {
                throw new IOException("the tools have no " + classFile);
            }
            out.putNextEntry(new JarEntry(classFile));
            in.transferTo(out);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/org.junit.platform.launcher.TestExecutionListener"));
            out.write((LISTENER + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
    }

    /**
     * The results of some classes as the record has them. A plain test passed if its line says so;
     * a parameterized, repeated or dynamic test only if every run passed and the method itself was
     * recorded as finished (a JVM stopped half-way through its runs loses it).
     *
     * @param record the record file (it may be missing)
     * @param classes the classes wanted
     * @return one result per method recorded, passed or failed
     */
    static List<TestCaseResult> results(Path record, Set<String> classes) {
        Map<String, Method> methods = new LinkedHashMap<>();
        if (!Files.isRegularFile(record, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                new java.io.BufferedInputStream(Files.newInputStream(record, LinkOption.NOFOLLOW_LINKS)),
                StandardCharsets.UTF_8))) {
            long read = 0;
            String line;
            while ((line = in.readLine()) != null && read < MAX_BYTES) {
                read += line.length() + 1;
                String[] parts = line.split("\t");
                if (parts.length != 4 || !classes.contains(parts[2])) {
                    continue;
                }
                Method m = methods.computeIfAbsent(parts[2] + "#" + parts[3], k -> new Method(parts[2], parts[3]));
                m.allPassed &= parts[0].equals("PASSED");
                m.invocations |= parts[1].equals("invocation");
                m.finished |= parts[1].equals("method") || parts[1].equals("test");
            }
        } catch (IOException e) {
            return List.of();
        }
        List<TestCaseResult> results = new ArrayList<>();
        for (Method m : methods.values()) {
            boolean passed = m.allPassed && m.finished;
            results.add(passed ? new TestCaseResult(m.className, m.name, TestCaseResult.Outcome.PASSED)
                    : new TestCaseResult(m.className, m.name, TestCaseResult.Outcome.ERROR,
                            m.allPassed ? "stopped before all its runs finished" : "failed before its test JVM was stopped"));
        }
        return results;
    }

    /** What the record says of one method. */
    private static final class Method {
        final String className;
        final String name;
        boolean allPassed = true;
        boolean invocations;
        boolean finished;

        Method(String className, String name) {
            this.className = className;
            this.name = name;
        }
    }
}
