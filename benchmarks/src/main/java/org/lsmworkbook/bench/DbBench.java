package org.lsmworkbook.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * db_bench-style workloads against three engines with the same budget, each in the configurations
 * that {@link EngineKind} lists: MiniLsm (the workbook's engine, with its bonus tasks on and with
 * them off), RocksDB through rocksdbjni (write-ahead log off; with and without bloom filters, and
 * without compaction) and LevelDB's pure-Java port (org.iq80.leveldb). Run with {@code --help} for
 * the options.
 *
 * <pre>
 *   java -cp BENCHMARK_CLASSPATH org.lsmworkbook.bench.DbBench [--quick] [options]
 * </pre>
 *
 * <p>Each engine runs in a JVM of its own ({@link BenchChild}), started with the same {@code java}
 * binary, the same classpath and the same flags ({@code -Xmx}, {@code -XX:+ExitOnOutOfMemoryError},
 * and any {@code --jvm-arg}), one after the other, so that no engine's garbage, JIT profile or
 * threads disturb another's. This JVM passes their progress through, collects their results and
 * prints the table ({@link ResultTable}), and with {@code --json FILE} also writes the results as JSON
 * ({@link ResultJson}). An engine whose JVM fails, runs out of memory or takes
 * too long is reported as FAILED, with the reason, and the others still run.
 *
 * <p>Exit status: 0 if every engine ran every workload and answered correctly, 1 if not, 2 for a
 * bad command line.
 */
public final class DbBench {

    /** Lines of a child's standard error kept to explain a failure. */
    private static final int ERROR_LINES_KEPT = 30;

    private final BenchOptions options;
    private final PrintStream out;

    public DbBench(BenchOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (BenchOptions.UsageException e) {
            System.err.println("DbBench: " + e.getMessage());
            System.err.println("Run with --help to see the options.");
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.println(BenchOptions.usage());
            System.out.print(BenchOptions.workloadHelp());
            return;
        }
        int status;
        try {
            status = new DbBench(options, System.out).run();
        } catch (IOException e) {
            System.err.println("DbBench: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    /** The flags every engine's JVM gets, in order. */
    List<String> jvmFlags() {
        List<String> flags = new ArrayList<>();
        flags.add("-Xmx" + options.xmx());
        flags.add("-XX:+ExitOnOutOfMemoryError");
        flags.addAll(options.jvmArgs());
        return flags;
    }

    /**
     * Runs every engine, prints the table and writes the Markdown file if asked.
     *
     * @return the exit status: 0 if all went well, 1 if an engine failed or gave wrong answers
     */
    public int run() throws IOException {
        List<String> flags = jvmFlags();
        RunInfo info = RunInfo.current(options.num(), options.seed(), flags);
        out.printf(Locale.ROOT, "DbBench: N = %,d, engines %s, workloads %s%s%s%n", options.num(),
                options.engines().stream().map(EngineKind::id).collect(Collectors.joining(",")),
                options.workloads().stream().map(Workload::id).collect(Collectors.joining(",")),
                options.runs() > 1 ? ", " + options.runs() + " runs" : "",
                options.writeBufferSize() != BenchOptions.DEFAULT_WRITE_BUFFER
                        ? ", write buffer " + sizeText(options.writeBufferSize()) : "");
        out.println("DbBench: each engine in its own JVM: java " + String.join(" ", flags));
        if (options.jfr() != null) {
            Files.createDirectories(options.jfr());
            out.println("DbBench: JFR recordings go to " + options.jfr().toAbsolutePath()
                    + " (profiling slows the run: do not compare these numbers)");
        }
        Path base = options.dir() == null
                ? Files.createTempDirectory("dbbench-")
                : Files.createTempDirectory(Files.createDirectories(options.dir()), "dbbench-");
        Map<EngineKind, List<EngineRun>> byEngine = new LinkedHashMap<>();
        try {
            // With several runs the engines take turns, so that a busy moment of the machine is shared out.
            for (int round = 1; round <= options.runs(); round++) {
                if (options.runs() > 1) {
                    out.println();
                    out.println("DbBench: run " + round + " of " + options.runs());
                }
                for (EngineKind engine : options.engines()) {
                    EngineRun run = runChild(engine, base.resolve(engine.id()), flags);
                    byEngine.computeIfAbsent(engine, e -> new ArrayList<>()).add(run);
                    WorkloadRunner.deleteTree(base.resolve(engine.id()));
                }
            }
        } finally {
            WorkloadRunner.deleteTree(base);
        }
        List<EngineRun> runs = new ArrayList<>();
        for (List<EngineRun> engineRuns : byEngine.values()) {
            runs.add(EngineRun.combine(engineRuns));
        }
        ResultTable table = new ResultTable(info.withLoadAfterNow(), options.workloads(), runs);
        out.println();
        out.print(table.text());
        if (options.markdown() != null) {
            Path parent = options.markdown().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.markdown(), table.markdown(), StandardCharsets.UTF_8);
            out.println("DbBench: the table is also in " + options.markdown());
        }
        if (options.json() != null) {
            Path parent = options.json().toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(options.json(), ResultJson.of(options, runs), StandardCharsets.UTF_8);
            out.println("DbBench: the results are also in " + options.json() + " (JSON)");
        }
        boolean problems = runs.stream().anyMatch(EngineRun::hasProblems);
        if (problems) {
            out.println("DbBench: some engine failed or gave wrong answers (see above)");
        }
        return problems ? 1 : 0;
    }

    /** A size as "512 KiB" or "4 MiB" (whole KiB or MiB), or in bytes. */
    static String sizeText(long bytes) {
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        return bytes % 1024 == 0 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }

    /** The command that starts the JVM of {@code engine}. */
    List<String> childCommand(EngineKind engine, Path dir, List<String> flags) {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(flags);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchChild.class.getName());
        command.add("--engine");
        command.add(engine.id());
        command.add("--num");
        command.add(Integer.toString(options.num()));
        command.add("--seed");
        command.add(Long.toString(options.seed()));
        command.add("--dir");
        command.add(dir.toAbsolutePath().toString());
        command.add("--workloads");
        command.add(options.workloads().stream().map(Workload::id).collect(Collectors.joining(",")));
        if (options.writeBufferSize() != BenchOptions.DEFAULT_WRITE_BUFFER) {
            command.add("--write-buffer");
            command.add(Long.toString(options.writeBufferSize()));
        }
        if (options.jfr() != null) {
            command.add("--jfr");
            command.add(options.jfr().toAbsolutePath().toString());
        }
        return command;
    }

    /** The {@code java} of the running JVM, so that every engine runs on the same JDK. */
    static String javaBinary() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    private EngineRun runChild(EngineKind engine, Path dir, List<String> flags) throws IOException {
        String name = engine.displayName();
        out.println();
        out.println("DbBench: " + name + ": starting its JVM");
        Map<Workload, WorkloadResult> results = new LinkedHashMap<>();
        MemoryReport[] memory = {null};
        String[] reported = {null};
        Deque<String> lastErrors = new ArrayDeque<>();
        Process process = new ProcessBuilder(childCommand(engine, dir, flags)).start();
        process.getOutputStream().close();
        Thread stdout = reader(process.getInputStream(), "dbbench-" + engine.id() + "-out", line -> {
            try {
                if (line.startsWith(ChildProtocol.PROGRESS)) {
                    out.println("  [" + name + "] " + line.substring(ChildProtocol.PROGRESS.length()));
                } else if (line.startsWith(ChildProtocol.RESULT)) {
                    WorkloadResult r = ChildProtocol.parseResult(line);
                    synchronized (results) {
                        results.put(r.workload(), r);
                    }
                } else if (line.startsWith(ChildProtocol.MEMORY)) {
                    memory[0] = ChildProtocol.parseMemory(line);
                } else if (line.startsWith(ChildProtocol.FAILED)) {
                    reported[0] = line.substring(ChildProtocol.FAILED.length());
                    out.println("  [" + name + "] FAILED: " + reported[0]);
                } else {
                    out.println("  [" + name + "] " + line);
                    keep(lastErrors, line);
                }
            } catch (RuntimeException e) {
                out.println("  [" + name + "] (a line DbBench could not read: " + e.getMessage() + ") " + line);
            }
        });
        Thread stderr = reader(process.getErrorStream(), "dbbench-" + engine.id() + "-err", line -> {
            System.err.println("  [" + name + "] " + line);
            keep(lastErrors, line);
        });
        String failure = null;
        try {
            if (!process.waitFor(options.timeoutSeconds(), TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    process.waitFor(10, TimeUnit.SECONDS);
                }
                failure = "timed out after " + options.timeoutSeconds() + " s (--timeout) and was stopped";
            }
            stdout.join(10_000);
            stderr.join(10_000);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while " + name + " was running");
        }
        if (failure == null) {
            failure = failureOf(process.exitValue(), reported[0], lastErrors);
        }
        synchronized (results) {
            out.println("DbBench: " + name + ": " + (failure == null ? "done" : "FAILED: " + failure));
            return new EngineRun(engine, results, failure, memory[0]);
        }
    }

    /** Why a child failed, or null if it did not. */
    static String failureOf(int exitCode, String reported, Iterable<String> lastLines) {
        String outOfMemory = null;
        for (String line : lastLines) {
            if (line.contains("OutOfMemoryError")) {
                outOfMemory = line.trim();
            }
        }
        if (outOfMemory != null) {
            return "ran out of memory (" + outOfMemory + ")";
        }
        if (reported != null) {
            return reported;
        }
        if (exitCode != 0) {
            String last = null;
            for (String line : lastLines) {
                if (!line.isBlank()) {
                    last = line.trim();
                }
            }
            return "its JVM ended with exit code " + exitCode + (last == null ? "" : " (last output: " + last + ")");
        }
        return null;
    }

    private static void keep(Deque<String> lines, String line) {
        synchronized (lines) {
            lines.addLast(line);
            if (lines.size() > ERROR_LINES_KEPT) {
                lines.removeFirst();
            }
        }
    }

    private static Thread reader(InputStream stream, String threadName, Consumer<String> onLine) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    onLine.accept(line);
                }
            } catch (IOException e) {
                // the process ended; nothing more to read
            }
        }, threadName);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
