package org.lsmworkbook.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * The JVM that {@link DbBench} starts for one engine: it runs the workloads and reports on its
 * standard output in the {@link ChildProtocol}. Not meant to be started by hand, but it can be:
 *
 * <pre>
 *   java -Xmx512m -cp CLASSPATH org.lsmworkbook.bench.BenchChild --engine minilsm --num 100000 \
 *       --seed 42 --dir /tmp/x --workloads fillrandom,readrandom [--write-buffer BYTES] [--jfr DIR]
 * </pre>
 *
 * <p>With {@code --jfr DIR}, each measured workload (not its warm-up) is recorded with JFR's
 * {@code profile} settings into {@code DIR/<engine>-<workload>.jfr}.
 */
public final class BenchChild {

    private BenchChild() {}

    public static void main(String[] args) {
        PrintStream out = System.out;
        MemoryStats memory = MemoryStats.start();
        int status = 0;
        try {
            run(args, out, memory);
        } catch (Throwable t) {
            out.println(ChildProtocol.failed(ChildProtocol.describe(t)));
            t.printStackTrace();
            status = 1;
        } finally {
            out.println(ChildProtocol.memory(memory.report()));
            out.flush();
        }
        System.exit(status);
    }

    private static void run(String[] args, PrintStream out, MemoryStats memory) throws IOException {
        EngineKind engine = null;
        int num = 0;
        long seed = 0;
        Path dir = null;
        Path jfr = null;
        EngineSettings settings = EngineSettings.standard();
        List<Workload> workloads = new ArrayList<>();
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            switch (args[i]) {
                case "--engine":
                    engine = EngineKind.byId(value);
                    break;
                case "--num":
                    num = Integer.parseInt(value);
                    break;
                case "--seed":
                    seed = Long.parseLong(value);
                    break;
                case "--dir":
                    dir = Path.of(value);
                    break;
                case "--jfr":
                    jfr = Path.of(value);
                    break;
                case "--write-buffer":
                    settings = settings.withWriteBufferSize(Long.parseLong(value));
                    break;
                case "--workloads":
                    for (String id : value.split(",")) {
                        workloads.add(Workload.byId(id));
                    }
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (engine == null || num < 1 || dir == null || workloads.isEmpty()) {
            throw new IllegalArgumentException("usage: BenchChild --engine E --num N --seed S --dir DIR "
                    + "--workloads a,b [--write-buffer BYTES] [--jfr DIR]");
        }
        Files.createDirectories(dir);
        final EngineKind kind = engine;
        final Path jfrDir = jfr;
        WorkloadRunner.Listener listener = new WorkloadRunner.Listener() {
            private Recording recording;

            @Override
            public void progress(String line) {
                out.println(ChildProtocol.progress(line));
            }

            @Override
            public void result(WorkloadResult result) {
                out.println(ChildProtocol.result(result));
                // Also now, not only at the end: a JVM that runs out of memory later ends at once.
                out.println(ChildProtocol.memory(memory.report()));
            }

            @Override
            public void beforeMeasure(Workload workload) {
                if (jfrDir == null) {
                    return;
                }
                try {
                    recording = new Recording(Configuration.getConfiguration("profile"));
                    recording.setName(kind.id() + "-" + workload.id());
                    recording.setToDisk(true);
                    recording.setDestination(jfrDir.resolve(kind.id() + "-" + workload.id() + ".jfr"));
                    recording.start();
                } catch (IOException | ParseException e) {
                    out.println(ChildProtocol.progress("JFR could not start: " + e));
                    recording = null;
                }
            }

            @Override
            public void afterMeasure(Workload workload) {
                if (recording != null) {
                    recording.stop(); // writes the destination file
                    recording.close();
                    recording = null;
                    out.println(ChildProtocol.progress(workload.id() + ": JFR recording written to "
                            + jfrDir.resolve(kind.id() + "-" + workload.id() + ".jfr")));
                }
            }
        };
        try (WorkloadRunner runner = new WorkloadRunner(kind, settings, num, seed, dir, listener)) {
            runner.run(workloads);
            out.println(ChildProtocol.progress("closing the database (not measured)"));
        }
    }
}
