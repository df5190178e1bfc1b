package org.lsmworkbook.bench;

import java.util.Locale;

/**
 * The lines a benchmark child JVM writes on its standard output for the parent. Each starts with
 * {@code #} and a word; every other line is passed through to the user as it is.
 *
 * <pre>
 *   #PROGRESS text                                  where the child is (shown to the user)
 *   #RESULT workload ops nanos found problem        one measured workload; problem is "-" if none
 *   #MEMORY peakHeap maxHeapAfterGc peakRss         bytes, -1 if unknown; after each result and at the
 *                                                   end (the last one counts)
 *   #FAILED text                                    the child gives up, and why
 * </pre>
 */
final class ChildProtocol {

    static final String PROGRESS = "#PROGRESS ";
    static final String RESULT = "#RESULT ";
    static final String MEMORY = "#MEMORY ";
    static final String FAILED = "#FAILED ";

    private ChildProtocol() {}

    static String progress(String text) {
        return PROGRESS + oneLine(text);
    }

    static String result(WorkloadResult r) {
        return RESULT + r.workload().id() + " " + r.ops() + " " + r.nanos() + " " + r.found() + " "
                + (r.problem() == null ? "-" : oneLine(r.problem()));
    }

    static String memory(MemoryReport m) {
        return MEMORY + m.peakHeapBytes() + " " + m.maxHeapAfterGcBytes() + " " + m.peakRssBytes();
    }

    static String failed(String reason) {
        return FAILED + oneLine(reason);
    }

    /** Reads a {@code #RESULT} line. */
    static WorkloadResult parseResult(String line) {
        String[] parts = line.substring(RESULT.length()).split(" ", 5);
        if (parts.length != 5) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        String problem = parts[4].equals("-") ? null : parts[4];
        return new WorkloadResult(Workload.byId(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]),
                Long.parseLong(parts[3]), problem);
    }

    /** Reads a {@code #MEMORY} line. */
    static MemoryReport parseMemory(String line) {
        String[] parts = line.substring(MEMORY.length()).trim().split(" ");
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a memory line: " + line);
        }
        return new MemoryReport(Long.parseLong(parts[0]), Long.parseLong(parts[1]), Long.parseLong(parts[2]));
    }

    /** {@code text} with line breaks turned into spaces, so that it stays one protocol line. */
    static String oneLine(String text) {
        return String.valueOf(text).replace('\r', ' ').replace('\n', ' ').strip();
    }

    /** A short description of {@code t} for a {@code #FAILED} line: its class, message and first own frame. */
    static String describe(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName());
        if (t.getMessage() != null) {
            sb.append(": ").append(t.getMessage());
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            if (!frame.getClassName().startsWith("java.")) {
                sb.append(String.format(Locale.ROOT, " (at %s.%s:%d)",
                        frame.getClassName(), frame.getMethodName(), frame.getLineNumber()));
                break;
            }
        }
        return sb.toString();
    }
}
