package org.lsmworkbook.tools.summary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.maven.TestCaseResult;

/**
 * The failures of one stage as {@code ./workbook test} prints them: per test class, the first
 * failure in full (its whole message, the line of the code under test where it went wrong, the
 * test's line, the command that reruns it), then the class's other failures one line each.
 */
public final class FailureSummary {

    /** Lines of a failure's message shown in full; the rest is in Maven's output above. */
    static final int MAX_MESSAGE_LINES = 20;
    /** Characters of the one-line form of a further failure. */
    static final int MAX_ONE_LINE = 300;

    /**
     * The message of a stub the student has not replaced yet (see the student edition's stubs); a
     * bonus task's label adds a part in parentheses: "Day 2, Task 6 (bonus: bloom filter): ...".
     */
    private static final java.util.regex.Pattern STUB = java.util.regex.Pattern.compile(
            "Day \\d+, Task \\d+(?: \\([^)]{1,80}\\))?: .{1,200}? is not written yet \\(see [^)]{1,80}\\)");

    private FailureSummary() {
    }

    /**
     * Formats a stage's failures.
     *
     * @param stage the stage
     * @param results its test results
     * @param index where the edition's classes are written
     * @return the lines to print, empty if nothing failed
     */
    public static List<String> lines(Stage stage, List<TestCaseResult> results, SourceIndex index) {
        Map<String, List<TestCaseResult>> failedByClass = new LinkedHashMap<>();
        for (TestCaseResult result : results) {
            if (result.outcome().isFailure()) {
                failedByClass.computeIfAbsent(topLevel(result.className()), k -> new ArrayList<>()).add(result);
            }
        }
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, List<TestCaseResult>> entry : failedByClass.entrySet()) {
            List<TestCaseResult> failed = new ArrayList<>(entry.getValue());
            // The failure shown in full is one of the student's code, not a stub of a later task: a
            // student on Task 1 reads the Task 1 failure first. The sort is stable.
            failed.sort(java.util.Comparator.comparing(FailureSummary::isStub));
            String simple = simpleName(entry.getKey());
            lines.add("");
            lines.add(simple + " — failures: " + failed.size());
            TestCaseResult first = failed.get(0);
            lines.add("  - " + readable(first.name()) + (first.outcome() == TestCaseResult.Outcome.ERROR
                    ? "  (it threw an exception)" : ""));
            addMessage(lines, first.detail().isEmpty() ? first.message() : first.detail());
            StackFrames.Chain code = StackFrames.codeChain(first.trace(), index);
            StackFrames.Location test = StackFrames.first(first.trace(), index, SourceIndex.Kind.TEST);
            if (!code.frames().isEmpty()) {
                StackFrames.Location top = code.frames().get(0);
                lines.add("      in the code:  " + top.fileAndLine() + "  (" + top.shortMethod()
                        + (code.callee() == null ? "" : ", in " + code.callee()) + ")");
                List<String> callers = new ArrayList<>();
                for (StackFrames.Location caller : code.frames().subList(1, Math.min(code.frames().size(), 4))) {
                    callers.add(caller.shortMethod() + " (line " + caller.line() + ")");
                }
                if (!callers.isEmpty()) {
                    lines.add("      called from:  " + String.join(", ", callers));
                }
            }
            if (first.detail().contains("timed out after")) {
                lines.add("      timed out:    the code looped, or waited for something that never came; Maven's"
                        + " output above shows where every thread was (after \"will be interrupted\"): a thread"
                        + " WAITING or BLOCKED on a lock that it or another thread holds is a deadlock");
            }
            if (test != null) {
                lines.add("      the test:     " + test.fileAndLine());
            }
            lines.add("      run it alone: ./workbook test day" + stage.day() + " " + simple + "#" + methodName(first.name()));
            for (TestCaseResult other : failed.subList(1, failed.size())) {
                lines.add("  - " + readable(other.name()) + ": "
                        + oneLine(other.detail().isEmpty() ? other.message() : other.detail()));
            }
        }
        return lines;
    }

    /** True if the test failed only because it reached a stub ("... is not written yet"). */
    private static boolean isStub(TestCaseResult result) {
        return STUB.matcher(result.detail().isEmpty() ? result.message() : result.detail()).find();
    }

    private static void addMessage(List<String> lines, String message) {
        String[] messageLines = message.strip().split("\\R");
        int shown = Math.min(messageLines.length, MAX_MESSAGE_LINES);
        for (int i = 0; i < shown; i++) {
            lines.add("      " + messageLines[i]);
        }
        if (messageLines.length > shown) {
            lines.add("      ... " + (messageLines.length - shown) + " more lines in Maven's output above");
        }
    }

    /** The method's name as the test's display name shows it: underscores read as spaces. */
    static String readable(String surefireName) {
        return surefireName.replace('_', ' ');
    }

    /**
     * The method part of surefire's name, without a parameterized test's "(args)[n]".
     *
     * @param surefireName e.g. "random_blocks(long)[3]"
     * @return e.g. "random_blocks"
     */
    public static String methodName(String surefireName) {
        int paren = surefireName.indexOf('(');
        int bracket = surefireName.indexOf('[');
        int end = surefireName.length();
        if (paren >= 0) {
            end = paren;
        }
        if (bracket >= 0 && bracket < end) {
            end = bracket;
        }
        return surefireName.substring(0, end);
    }

    /**
     * A message on one line: its lines up to the first stack frame or embedded throwable, joined,
     * with runs of white space folded.
     */
    static String oneLine(String message) {
        StringBuilder joined = new StringBuilder();
        for (String part : message.strip().split("\\R")) {
            String trimmed = part.strip();
            if (trimmed.startsWith("at ") || trimmed.startsWith("Throwable that failed the check")) {
                break;
            }
            if (!trimmed.isEmpty()) {
                joined.append(joined.length() == 0 ? "" : " ").append(trimmed);
            }
        }
        String line = joined.toString().replaceAll("\\s+", " ");
        if (line.length() <= MAX_ONE_LINE) {
            return line;
        }
        // A stub's "not written yet" is what matters most, and it comes last in AssertJ's messages.
        java.util.regex.Matcher stub = STUB.matcher(line);
        if (stub.find() && stub.start() > 0) {
            String tail = " ... it was the stub: " + stub.group();
            return line.substring(0, Math.max(0, MAX_ONE_LINE - tail.length())) + tail;
        }
        return line.substring(0, MAX_ONE_LINE - 3) + "...";
    }

    private static String topLevel(String className) {
        int dollar = className.indexOf('$');
        return dollar < 0 ? className : className.substring(0, dollar);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
