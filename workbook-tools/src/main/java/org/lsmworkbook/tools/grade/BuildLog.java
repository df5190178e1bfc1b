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
