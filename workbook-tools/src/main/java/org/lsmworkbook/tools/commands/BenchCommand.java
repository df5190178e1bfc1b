package org.lsmworkbook.tools.commands;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;

/**
 * {@code bench [--quick] [--jmh] [ARGS...]}: builds the engine and the benchmarks module, then runs
 * the db_bench-style comparison (MiniLsm, RocksDB, LevelDB) or, with {@code --jmh}, the JMH
 * microbenchmarks of each stage. Every other argument goes to the benchmark program; {@code --help}
 * there lists them.
 *
 * <p>The benchmarks are not a stage: they live in {@code benchmarks/}, which only the Maven profile
 * {@code bench} builds, because their peers (RocksDB's native library) are large downloads.
 */
public final class BenchCommand implements Command {

    /** The module that holds the benchmarks. */
    static final String MODULE = "benchmarks";
    /** The db_bench-style comparison's main class. */
    static final String DB_BENCH = "org.lsmworkbook.bench.DbBench";
    /** The JMH runner's main class. */
    static final String JMH_RUNNER = "org.lsmworkbook.bench.jmh.JmhRunner";
    /** Where the build records the benchmarks' runtime classpath, relative to the module. */
    static final String CLASSPATH_FILE = "target/bench-classpath.txt";

    private final PrintStream progress;

    /**
     * Creates the command.
     *
     * @param progress where the build's progress and failures are printed (standard error)
     */
    public BenchCommand(PrintStream progress) {
        this.progress = progress;
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String usage() {
        return "bench [--quick] [--jmh] [ARGS...]";
    }

    @Override
    public String description() {
        return "benchmark the engine against RocksDB and LevelDB (--jmh: microbenchmarks per stage)";
    }

    /**
     * Maven's arguments that build the engine and the benchmarks and record their classpath.
     *
     * @return the arguments after {@code mvn}
     */
    static List<String> mavenArguments() {
        return List.of("-q", "-B", "-P", "bench", "-pl", MODULE, "-am", "-Dmaven.test.skip=true",
                "package", "dependency:build-classpath", "-Dmdep.outputFile=" + CLASSPATH_FILE,
                "-DincludeScope=runtime");
    }

    @Override
    public int run(Context context, List<String> arguments) {
        List<String> rest = new ArrayList<>(arguments);
        boolean jmh = rest.remove("--jmh");
        Path module = context.root().resolve(MODULE);
        if (!Files.isRegularFile(module.resolve("pom.xml"))) {
            throw new WorkbookException("there is no " + MODULE + "/pom.xml under " + context.root());
        }
        progress.println("building the engine and the benchmarks (Maven profile 'bench')...");
        if (!QuietMaven.run(context, mavenArguments(), progress, "building the benchmarks",
                "Fix what it names, then run ./workbook bench again.")) {
            return 1;
        }
        List<String> command = new ArrayList<>(List.of(ChildProcess.javaExecutable(), "-cp", classpath(module),
                jmh ? JMH_RUNNER : DB_BENCH));
        command.addAll(rest);
        context.out().flush();
        return ChildProcess.run(command, "the benchmark");
    }

    private static String classpath(Path module) {
        Path file = module.resolve(CLASSPATH_FILE);
        try {
            String recorded = Files.readString(file, StandardCharsets.UTF_8).strip();
            String classes = module.resolve("target").resolve("classes").toString();
            return recorded.isEmpty() ? classes : classes + File.pathSeparator + recorded;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ", which the build should have written", e);
        }
    }
}
