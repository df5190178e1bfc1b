package org.lsmworkbook.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording (such as one {@code DbBench --jfr DIR} wrote) and prints where the time and
 * the allocation went: JDK 17's {@code jfr} tool prints events, but cannot rank methods.
 *
 * <pre>
 *   java -cp BENCHMARK_CLASSPATH org.lsmworkbook.bench.JfrSummary [--top N] [--thread NAME] [--lines]
 *       [--callers METHOD] FILE.jfr...
 * </pre>
 *
 * <ul>
 *   <li><b>threads</b>: CPU samples of Java code ({@code jdk.ExecutionSample}) per thread;
 *   <li><b>self</b>: the methods on top of the sampled stacks, where the CPU actually was;
 *   <li><b>total</b>: the methods anywhere on the sampled stacks (each counted once per sample), to
 *       see which caller the time belongs to;
 *   <li><b>native</b>: samples of threads in native code ({@code jdk.NativeMethodSample}), such as a
 *       file read, by the first caller outside the JDK; idle threads waiting show up here too;
 *   <li><b>allocation</b> ({@code jdk.ObjectAllocationSample}, weighted by bytes): by class, and by
 *       the first frame outside the JDK that allocated;
 *   <li><b>GC</b>: collections and their pauses.
 * </ul>
 * {@code --thread NAME} keeps only threads whose name contains NAME (for example {@code main}, or
 * {@code lsm-flush}); {@code --lines} adds line numbers to the self list; {@code --callers METHOD}
 * (such as {@code ArraysSupport.mismatch}) shows from where, outside the JDK, a hot method is called.
 */
public final class JfrSummary {

    private int top = 25;
    private String threadFilter;
    private boolean lines;
    private String callersOf;
    private final Map<String, Long> callers = new HashMap<>();

    private final Map<String, Long> byThread = new HashMap<>();
    private final Map<String, Long> self = new HashMap<>();
    private final Map<String, Long> total = new HashMap<>();
    private final Map<String, Long> allocByClass = new HashMap<>();
    private final Map<String, Long> allocBySite = new HashMap<>();
    private final Map<String, Long> nativeByCaller = new HashMap<>();
    private long samples;
    private long nativeSamples;
    private long allocBytes;
    private long gcCount;
    private final Map<String, Long> gcByName = new HashMap<>();
    private Duration gcPauses = Duration.ZERO;
    private Duration longestPause = Duration.ZERO;
    private Instant first;
    private Instant last;

    private JfrSummary() {}

    public static void main(String[] args) throws IOException {
        JfrSummary summary = new JfrSummary();
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--top":
                    summary.top = Integer.parseInt(args[++i]);
                    break;
                case "--thread":
                    summary.threadFilter = args[++i];
                    break;
                case "--lines":
                    summary.lines = true;
                    break;
                case "--callers":
                    summary.callersOf = args[++i];
                    break;
                default:
                    files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            System.err.println("usage: JfrSummary [--top N] [--thread NAME] [--lines] [--callers METHOD] FILE.jfr...");
            System.exit(2);
        }
        for (Path file : files) {
            summary.read(file);
        }
        summary.print(System.out, files);
    }

    private void read(Path file) throws IOException {
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                RecordedEvent event = recording.readEvent();
                String type = event.getEventType().getName();
                switch (type) {
                    case "jdk.ExecutionSample":
                        onSample(event);
                        span(event);
                        break;
                    case "jdk.NativeMethodSample":
                        onNativeSample(event);
                        span(event);
                        break;
                    case "jdk.ObjectAllocationSample":
                        onAllocation(event);
                        break;
                    case "jdk.GarbageCollection":
                        gcCount++;
                        gcByName.merge(event.getString("name") + " (" + event.getString("cause") + ")", 1L, Long::sum);
                        gcPauses = gcPauses.plus(event.getDuration("sumOfPauses"));
                        Duration longest = event.getDuration("longestPause");
                        if (longest.compareTo(longestPause) > 0) {
                            longestPause = longest;
                        }
                        break;
                    default:
                        break;
                }
            }
        }
    }

    /** The recorded span runs from the first sample to the last (other events may have started earlier). */
    private void span(RecordedEvent event) {
        Instant t = event.getStartTime();
        if (first == null || t.isBefore(first)) {
            first = t;
        }
        if (last == null || t.isAfter(last)) {
            last = t;
        }
    }

    private void onNativeSample(RecordedEvent event) {
        RecordedThread thread = event.getThread("sampledThread");
        if (!keep(thread)) {
            return;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        nativeSamples++;
        List<RecordedFrame> frames = stack.getFrames();
        // The native method itself says little (pread0, epollWait); its first caller outside the JDK says why.
        String caller = name(frames.get(0), false);
        for (RecordedFrame frame : frames) {
            String owner = frame.getMethod().getType().getName();
            if (!owner.startsWith("java.") && !owner.startsWith("jdk.") && !owner.startsWith("sun.")) {
                caller = name(frames.get(0), false) + " <- " + name(frame, true);
                break;
            }
        }
        nativeByCaller.merge((thread == null ? "?" : thread.getJavaName()) + ": " + caller, 1L, Long::sum);
    }

    private boolean keep(RecordedThread thread) {
        return threadFilter == null || (thread != null && String.valueOf(thread.getJavaName()).contains(threadFilter));
    }

    private void onSample(RecordedEvent event) {
        RecordedThread thread = event.getThread("sampledThread");
        if (!keep(thread)) {
            return;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack == null || stack.getFrames().isEmpty()) {
            return;
        }
        samples++;
        byThread.merge(thread == null ? "?" : thread.getJavaName(), 1L, Long::sum);
        List<RecordedFrame> frames = stack.getFrames();
        RecordedFrame topFrame = frames.get(0);
        self.merge(name(topFrame, lines), 1L, Long::sum);
        if (callersOf != null) {
            for (int i = 0; i + 1 < frames.size(); i++) {
                if (name(frames.get(i), false).endsWith(callersOf)) {
                    // The first caller that is not the method itself, nor a JDK frame it went through.
                    String caller = null;
                    for (int j = i + 1; j < frames.size() && caller == null; j++) {
                        String owner = frames.get(j).getMethod().getType().getName();
                        if (!owner.startsWith("java.") && !owner.startsWith("jdk.") && !owner.startsWith("sun.")) {
                            caller = name(frames.get(j), true);
                        }
                    }
                    callers.merge(caller == null ? "?" : caller, 1L, Long::sum);
                    break;
                }
            }
        }
        Set<String> seen = new HashSet<>();
        for (RecordedFrame frame : frames) {
            String name = name(frame, false);
            if (seen.add(name)) {
                total.merge(name, 1L, Long::sum);
            }
        }
    }

    private void onAllocation(RecordedEvent event) {
        if (!keep(event.getThread("eventThread"))) {
            return;
        }
        RecordedStackTrace stack = event.getStackTrace();
        if (stack != null && stack.getFrames().stream()
                .anyMatch(f -> f.getMethod().getType().getName().startsWith("jdk.jfr."))) {
            // JFR's own allocation when a recording starts. The first sample of a recording also
            // carries the weight of everything the thread allocated before it started: not ours to count.
            return;
        }
        long weight = event.getLong("weight");
        allocBytes += weight;
        allocByClass.merge(event.getClass("objectClass").getName(), weight, Long::sum);
        String site = "?";
        if (stack != null) {
            for (RecordedFrame frame : stack.getFrames()) {
                String owner = frame.getMethod().getType().getName();
                if (!owner.startsWith("java.") && !owner.startsWith("jdk.") && !owner.startsWith("sun.")) {
                    site = name(frame, true);
                    break;
                }
            }
        }
        allocBySite.merge(site, weight, Long::sum);
    }

    private static String name(RecordedFrame frame, boolean withLine) {
        RecordedMethod method = frame.getMethod();
        String name = shorten(method.getType().getName()) + "." + method.getName();
        if (withLine && frame.getLineNumber() > 0) {
            name += ":" + frame.getLineNumber();
        }
        return name;
    }

    /** Drops the package of the engine's own classes, which are long and all alike. */
    private static String shorten(String className) {
        return className.startsWith("org.lsmworkbook.") ? className.substring(className.lastIndexOf('.') + 1)
                : className;
    }

    private void print(PrintStream out, List<Path> files) {
        double seconds = first == null ? 0 : Duration.between(first, last).toMillis() / 1000.0;
        out.printf(Locale.ROOT, "%s: %.1f s recorded, %,d CPU samples%s%n", files, seconds, samples,
                threadFilter == null ? "" : " in threads matching '" + threadFilter + "'");
        out.println();
        printTop(out, "CPU samples per thread", byThread, samples, false);
        printTop(out, "Self time: the method on top of the stack", self, samples, false);
        printTop(out, "Total time: the method anywhere on the stack", total, samples, false);
        out.printf(Locale.ROOT, "Threads in native code (jdk.NativeMethodSample; the 'profile' settings sample these%n"
                + "every 20 ms, Java code every 10 ms): %,d samples%n", nativeSamples);
        printTop(out, "Native samples by thread and caller", nativeByCaller, nativeSamples, false);
        if (callersOf != null) {
            long all = callers.values().stream().mapToLong(Long::longValue).sum();
            printTop(out, "Callers of " + callersOf + " (first frame outside the JDK), " + all + " samples", callers,
                    all, false);
        }
        out.printf(Locale.ROOT, "Allocation (sampled, weighted): %,.0f MiB%s%n", allocBytes / 1048576.0,
                seconds > 0 ? String.format(Locale.ROOT, ", %,.0f MiB/s", allocBytes / 1048576.0 / seconds) : "");
        printTop(out, "Allocation by class", allocByClass, allocBytes, true);
        printTop(out, "Allocation by site (first frame outside the JDK)", allocBySite, allocBytes, true);
        out.printf(Locale.ROOT, "GC: %d collections, %d ms of pauses in total, the longest %d ms%n", gcCount,
                gcPauses.toMillis(), longestPause.toMillis());
        printTop(out, "Collections by collector (cause)", gcByName, gcCount, false);
    }

    private void printTop(PrintStream out, String title, Map<String, Long> counts, long whole, boolean bytes) {
        out.println(title + ":");
        List<Map.Entry<String, Long>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        for (int i = 0; i < Math.min(top, entries.size()); i++) {
            Map.Entry<String, Long> e = entries.get(i);
            double share = whole == 0 ? 0 : 100.0 * e.getValue() / whole;
            String amount = bytes ? String.format(Locale.ROOT, "%,10.1f MiB", e.getValue() / 1048576.0)
                    : String.format(Locale.ROOT, "%,10d", e.getValue());
            out.printf(Locale.ROOT, "  %5.1f%% %s  %s%n", share, amount, e.getKey());
        }
        out.println();
    }
}
