package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Maven log of one stage's grading run: which module failed to compile, if any, and the
 * compiler's first errors, with paths made relative to the grading tree.
 */
final class BuildLog {

    /** How many compiler errors a stage shows. */
    static final int MAX_ERRORS = 8;

    /** Maven's summary line for a failed compile: goal (compile or testCompile) and project. */
    private static final Pattern FAILED_COMPILE = Pattern.compile(
            "\\[ERROR\\] Failed to execute goal org\\.apache\\.maven\\.plugins:maven-compiler-plugin:[^:]+:"
                    + "(compile|testCompile) \\([^)]*\\) on project ([\\w.-]+)");
    /** A compiler error: a Java file, a position, a message. */
    private static final Pattern COMPILER_ERROR = Pattern.compile("\\[ERROR\\] (.+\\.java):\\[(\\d+),(\\d+)\\] (.*)");
    private static final Pattern ANSI_CODE = Pattern.compile("\u001B\\[[0-9;]*m");
    /** Surefire's count line for one test class, printed by Maven itself (not by the test JVM). */
    private static final Pattern CLASS_COUNTS = Pattern.compile("^\\[(?:INFO|WARNING|ERROR)\\] Tests run: (\\d+), Failures: (\\d+),"
            + " Errors: (\\d+), Skipped: (\\d+), Time elapsed: .*? -- in (.+)$");
    /** Surefire's line when a test class starts. */
    private static final Pattern RUNNING = Pattern.compile("^\\[INFO\\] Running (.+)$");

    private final List<String> lines;
    private final Path treeRoot;

    private BuildLog(List<String> lines, Path treeRoot) {
        this.lines = lines;
        this.treeRoot = treeRoot;
    }

    static BuildLog read(Path log, Path treeRoot) {
        try {
            byte[] bytes = Files.readAllBytes(log);
            // A student's test output may hold bytes that are not UTF-8; replace them rather than fail.
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                    .onUnmappableCharacter(CodingErrorAction.REPLACE).decode(java.nio.ByteBuffer.wrap(bytes)).toString();
            List<String> lines = new ArrayList<>();
            for (String line : text.split("\\R")) {
                lines.add(ANSI_CODE.matcher(line).replaceAll(""));
            }
            return new BuildLog(lines, treeRoot);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
    }

    /**
     * What Maven printed for one test class (summed, if it printed several lines for one name).
     *
     * @param run tests run
     * @param failures tests that failed
     * @param errors tests that ended in an error
     * @param skipped tests skipped
     */
    record Counts(int run, int failures, int errors, int skipped) {

        Counts plus(Counts other) {
            return new Counts(run + other.run, failures + other.failures, errors + other.errors,
                    skipped + other.skipped);
        }

        @Override
        public String toString() {
            return run + " run, " + failures + " failed, " + errors + " errors, " + skipped + " skipped";
        }
    }

    /**
     * Maven's count lines, by the name they end with (a test class's display name).
     *
     * @return the counts per name
     */
    java.util.Map<String, Counts> classCounts() {
        java.util.Map<String, Counts> counts = new java.util.LinkedHashMap<>();
        for (String line : lines) {
            Matcher m = CLASS_COUNTS.matcher(line);
            if (m.matches()) {
                Counts c = new Counts(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)));
                counts.merge(m.group(5).strip(), c, Counts::plus);
            }
        }
        return counts;
    }

    /**
     * The test classes Maven said it started, by display name.
     *
     * @return the names
     */
    Set<String> started() {
        Set<String> names = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher m = RUNNING.matcher(line);
            if (m.matches()) {
                names.add(m.group(1).strip());
            }
        }
        return names;
    }

    /**
     * Tells whether surefire stopped a test JVM that ran out of time.
     *
     * @return true if the log says so
     */
    boolean forkTimedOut() {
        return lines.stream().anyMatch(l -> l.contains("There was a timeout in the fork")
                || l.contains("There was a timeout or other error in the fork"));
    }

    /** A failed compile: the goal ("compile" or "testCompile") and the module. */
    record FailedCompile(String goal, String module) {
    }

    Optional<FailedCompile> failedCompile() {
        for (String line : lines) {
            Matcher m = FAILED_COMPILE.matcher(line);
            if (m.find()) {
                return Optional.of(new FailedCompile(m.group(1), m.group(2)));
            }
        }
        return Optional.empty();
    }

    /**
     * The first compiler errors in a module's files, as "path:line:column: message". Maven prints
     * each error twice (as the compiler reports it, then in its failure summary); each is kept once.
     */
    List<String> compilerErrors(String module) {
        Set<String> all = new LinkedHashSet<>();
        for (String line : lines) {
            Matcher m = COMPILER_ERROR.matcher(line);
            if (!m.matches()) {
                continue;
            }
            String file = relative(m.group(1));
            if (file.startsWith(module + "/")) {
                all.add(file + ":" + m.group(2) + ":" + m.group(3) + ": " + m.group(4));
            }
        }
        List<String> errors = new ArrayList<>(all.stream().limit(MAX_ERRORS).toList());
        if (all.size() > MAX_ERRORS) {
            errors.add("... and " + (all.size() - MAX_ERRORS) + " more");
        }
        return errors;
    }

    /** Maven's [ERROR] lines up to its generic advice, for a failure that is not a compile error. */
    List<String> errorLines(int max) {
        List<String> errors = new ArrayList<>();
        for (String line : lines) {
            if (!line.startsWith("[ERROR]")) {
                continue;
            }
            if (line.contains("-> [Help 1]") || line.startsWith("[ERROR] To see the full stack trace")) {
                break;
            }
            String text = line.substring("[ERROR]".length()).strip();
            if (!text.isEmpty() && errors.size() < max) {
                errors.add(text);
            }
        }
        return errors;
    }

    private String relative(String file) {
        try {
            Path path = Path.of(file);
            if (path.isAbsolute() && path.startsWith(treeRoot)) {
                return treeRoot.relativize(path).toString().replace('\\', '/');
            }
        } catch (RuntimeException e) {
            // not a path this platform can read: show it as Maven printed it
        }
        return file.replace('\\', '/');
    }
}
