package org.lsmworkbook.bench.jmh;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.NoBenchmarksException;
import org.openjdk.jmh.runner.ProfilersFailedException;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the JMH microbenchmarks of this package and prints a short summary; what {@code ./workbook
 * bench --jmh [args]} runs.
 *
 * <p>Arguments are JMH's own (see {@code -h}): a regular expression picks benchmarks ({@code
 * MemTable}, {@code 'Block.*iterate'}), {@code -f}, {@code -wi}, {@code -i}, {@code -w}, {@code -r}
 * change forks, iterations and their times, {@code -p name=v1,v2} sets parameters, and {@code -prof
 * gc} adds the allocation per operation to the summary. Without arguments every benchmark runs with
 * the defaults written on each class: 1 fork, 3 warm-up and 5 measured iterations of 1 second,
 * about 4 minutes in all.
 *
 * <p>After JMH's own report comes the summary: one line per benchmark and parameter set (score,
 * error, the best iteration, unit; MB/s for the benchmarks that count bytes, see {@link
 * ByteCounter}; bytes allocated per operation with {@code -prof gc}), then the ratio of a memtable
 * put to a bare {@code ConcurrentSkipListMap} put of the same keys, with PASS when it is within the
 * {@value #PUT_RATIO_TARGET}x target, MISS otherwise; the verdict goes by {@link
 * MemTableBenchmark#sideBySide}, which a busy machine hardly skews. A score whose error is more than
 * 20% of it is marked with "!": the machine was too busy for it to mean much.
 */
public final class JmhRunner {

    /** The most a memtable put may cost, as a multiple of a bare skip-list put of the same keys. */
    public static final double PUT_RATIO_TARGET = 1.5;

    /** An error above this part of the score marks the score as noisy in the summary. */
    private static final double NOISY_ERROR = 0.2;
    /** The benchmarks run when no regular expression is given: every one in this package. */
    private static final String DEFAULT_INCLUDE = Pattern.quote(JmhRunner.class.getPackageName() + ".");
    /** The secondary result of {@link ByteCounter}: bytes per unit of time. */
    private static final String BYTES_LABEL = "bytes";
    /** The secondary result of {@code -prof gc}: bytes allocated per operation. */
    private static final String ALLOC_LABEL = "gc.alloc.rate.norm";
    /** The order of the summary: the stages bottom-up, and each floor before what it bounds. */
    private static final List<String> SUMMARY_ORDER = List.of(
            "BlockBenchmark.build", "BlockBenchmark.decode", "BlockBenchmark.iterate",
            "SsTableBenchmark.scan",
            "MemTableBenchmark.skipListPut", "MemTableBenchmark.memtablePut", "MemTableBenchmark.enginePut",
            "MemTableBenchmark.sideBySide",
            "MergeIteratorBenchmark.singleSource", "MergeIteratorBenchmark.merge",
            "GetBenchmark.hit", "GetBenchmark.miss");
    /** The columns of the summary that hold text, not numbers. */
    private static final List<String> TEXT_COLUMNS = List.of("Benchmark", "Params", "Mode", "Unit");
    private static final Pattern RATE_UNIT = Pattern.compile("ops/(\\w+)");
    private static final Pattern TIME_UNIT = Pattern.compile("(\\w+)/op");

    private JmhRunner() {}

    /** Runs the benchmarks that {@code args} (JMH's command line) select, then prints the summary. */
    public static void main(String[] args) throws IOException {
        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(args);
        } catch (CommandLineOptionException e) {
            System.err.println("Error parsing the JMH arguments: " + e.getMessage());
            System.err.println("Run with -h for the list of options.");
            System.exit(1);
            return;
        }
        ChainedOptionsBuilder builder = new OptionsBuilder().parent(cmd);
        if (cmd.getIncludes().isEmpty()) {
            builder.include(DEFAULT_INCLUDE);
        }
        Options options = builder.build();
        Runner runner = new Runner(options);
        if (cmd.shouldHelp()) {
            cmd.showHelp();
            return;
        }
        if (cmd.shouldList()) {
            runner.list();
            return;
        }
        if (cmd.shouldListWithParams()) {
            runner.listWithParams(cmd);
            return;
        }
        if (cmd.shouldListProfilers()) {
            cmd.listProfilers();
            return;
        }
        if (cmd.shouldListResultFormats()) {
            cmd.listResultFormats();
            return;
        }
        Collection<RunResult> results;
        try {
            results = runner.run();
        } catch (NoBenchmarksException e) {
            System.err.println("No benchmark matches " + options.getIncludes() + "; -l lists them.");
            System.exit(1);
            return;
        } catch (ProfilersFailedException e) {
            System.err.println("A profiler could not start: " + e.getMessage());
            System.exit(1);
            return;
        } catch (RunnerException e) {
            System.err.println("The benchmarks failed: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
            return;
        }
        printSummary(results, System.out);
    }

    /** Prints the table and the put ratios for {@code results}. */
    static void printSummary(Collection<RunResult> results, PrintStream out) {
        List<RunResult> sorted = new ArrayList<>(results);
        sorted.sort(RunResult.DEFAULT_SORT_COMPARATOR);
        // Then bottom-up, stage by stage (a stable sort keeps JMH's order of the parameters).
        sorted.sort(Comparator.comparingInt((RunResult r) -> rank(shortName(r.getParams().getBenchmark())))
                .thenComparing(r -> shortName(r.getParams().getBenchmark())));
        boolean anyAlloc = sorted.stream().anyMatch(r -> allocPerOp(r) != null);

        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(
                List.of("Benchmark", "Params", "Mode", "Score", "Error", "Best", "Unit", "MB/s"));
        if (anyAlloc) {
            header.add("B/op");
        }
        rows.add(header.toArray(new String[0]));
        for (RunResult r : sorted) {
            BenchmarkParams p = r.getParams();
            Result<?> primary = r.getPrimaryResult();
            Double mbPerSecond = megabytesPerSecond(r);
            Double best = bestIteration(r);
            List<String> row = new ArrayList<>(List.of(
                    shortName(p.getBenchmark()),
                    params(p),
                    p.getMode().shortLabel(),
                    number(primary.getScore()),
                    error(primary),
                    best == null ? "" : number(best),
                    primary.getScoreUnit(),
                    mbPerSecond == null ? "" : number(mbPerSecond)));
            if (anyAlloc) {
                Double alloc = allocPerOp(r);
                row.add(alloc == null ? "" : number(alloc));
            }
            rows.add(row.toArray(new String[0]));
        }

        out.println();
        out.println("LSM Workbook microbenchmarks (Error: 99.9% confidence interval; Best: the best iteration; "
                + "MB = 10^6 bytes)");
        out.println();
        boolean[] left = new boolean[header.size()];
        for (int c = 0; c < left.length; c++) {
            left[c] = TEXT_COLUMNS.contains(header.get(c));
        }
        printTable(rows, left, out);
        if (sorted.stream().anyMatch(r -> isNoisy(r.getPrimaryResult()))) {
            out.printf(Locale.ROOT, "! the error is more than %.0f%% of the score: the machine was busy, or the "
                    + "benchmark needs more or longer iterations (-i, -r)%n", 100 * NOISY_ERROR);
        }
        out.println();
        printPutRatios(sorted, out);
    }

    /** "± error", marked with "!" if it is large; empty if JMH could not compute it. */
    private static String error(Result<?> r) {
        if (Double.isNaN(r.getScoreError())) {
            return "";
        }
        return "± " + number(r.getScoreError()) + (isNoisy(r) ? " !" : "  ");
    }

    /** True if the score's error is too large a part of it for the score to be trusted. */
    private static boolean isNoisy(Result<?> r) {
        return !Double.isNaN(r.getScoreError()) && r.getScoreError() > NOISY_ERROR * Math.abs(r.getScore());
    }

    /**
     * The score of the best measured iteration, in the score's unit: the shortest time, or the
     * highest rate. Null for a unit that is neither.
     */
    private static Double bestIteration(RunResult r) {
        String unit = r.getPrimaryResult().getScoreUnit();
        boolean rate = RATE_UNIT.matcher(unit).matches();
        if (!rate && !TIME_UNIT.matcher(unit).matches()) {
            return null;
        }
        Double best = null;
        for (BenchmarkResult fork : r.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                double score = iteration.getPrimaryResult().getScore();
                if (best == null || (rate ? score > best : score < best)) {
                    best = score;
                }
            }
        }
        return best;
    }

    /**
     * The ratio of the time of a memtable put to a bare skip-list put, and of an engine put to a
     * bare put, for each mode and parameter set: from {@link MemTableBenchmark#sideBySide} and from
     * the separate benchmarks. The verdict goes by the side-by-side ratio when it was measured, by
     * the separate ones otherwise.
     */
    private static void printPutRatios(List<RunResult> results, PrintStream out) {
        Map<String, Map<String, RunResult>> byParams = new LinkedHashMap<>();
        for (RunResult r : results) {
            String benchmark = r.getParams().getBenchmark();
            if (benchmark.startsWith(MemTableBenchmark.class.getName() + ".")) {
                String params = params(r.getParams());
                String key = r.getParams().getMode().shortLabel() + (params.isEmpty() ? "" : " " + params);
                byParams.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .put(benchmark.substring(benchmark.lastIndexOf('.') + 1), r);
            }
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"", "Side by side", "Separate runs", "Memtable"});
        boolean anyNoisy = false;
        for (Map.Entry<String, Map<String, RunResult>> e : byParams.entrySet()) {
            Map<String, RunResult> runs = e.getValue();
            Double sideMemtable = null;
            String sideBySide = "";
            RunResult side = runs.get("sideBySide");
            if (side != null) {
                Double skipList = bestFill(side, "skipListBestNanos");
                Double memtable = bestFill(side, "memtableBestNanos");
                Double engine = bestFill(side, "engineBestNanos");
                if (skipList != null && skipList > 0 && memtable != null && engine != null) {
                    sideMemtable = memtable / skipList;
                    sideBySide = String.format(Locale.ROOT, "memtable %.2fx, engine %.2fx", sideMemtable, engine / skipList);
                }
            }
            Double separateMemtable = null;
            String separate = "";
            RunResult skipList = runs.get("skipListPut");
            if (skipList != null && secondsPerOp(skipList) != null) {
                List<String> parts = new ArrayList<>();
                for (String name : List.of("memtablePut", "enginePut")) {
                    RunResult r = runs.get(name);
                    Double ratio = r == null || secondsPerOp(r) == null ? null : secondsPerOp(r) / secondsPerOp(skipList);
                    if (ratio == null) {
                        continue;
                    }
                    boolean noisy = isNoisy(r.getPrimaryResult()) || isNoisy(skipList.getPrimaryResult());
                    anyNoisy |= noisy;
                    parts.add(String.format(Locale.ROOT, "%s %.2fx%s", name.replace("Put", ""), ratio, noisy ? " !" : ""));
                    if (name.equals("memtablePut")) {
                        separateMemtable = ratio;
                    }
                }
                separate = String.join(", ", parts);
            }
            Double judged = sideMemtable != null ? sideMemtable : separateMemtable;
            if (judged == null) {
                continue;
            }
            rows.add(new String[] {e.getKey(), sideBySide, separate, judged <= PUT_RATIO_TARGET ? "PASS" : "MISS"});
        }
        if (rows.size() == 1) {
            out.println("Put ratio: not measured (run MemTableBenchmark's sideBySide, or skipListPut and memtablePut).");
            return;
        }
        out.printf(Locale.ROOT, "Put ratio = time of a put / time of a bare ConcurrentSkipListMap put of the same keys "
                + "(target for the memtable: <= %.2fx)%n", PUT_RATIO_TARGET);
        printTable(rows, new boolean[] {true, true, true, true}, out);
        out.println("The verdict goes by the side-by-side ratio when there is one: the sides are filled in turn and "
                + "each is timed by its best fill, so a busy machine hardly skews it.");
        if (anyNoisy) {
            out.println("! a ratio of noisy scores: the separate runs happened at different times on a busy machine.");
        }
    }

    /**
     * The smallest value of the secondary result {@code label} over every measured iteration of
     * {@code r} (each being the best fill of that iteration), or null if there is none.
     */
    private static Double bestFill(RunResult r, String label) {
        Double best = null;
        for (BenchmarkResult fork : r.getBenchmarkResults()) {
            for (IterationResult iteration : fork.getIterationResults()) {
                Result<?> result = iteration.getSecondaryResults().get(label);
                if (result != null && result.getScore() > 0 && (best == null || result.getScore() < best)) {
                    best = result.getScore();
                }
            }
        }
        return best;
    }

    /** Seconds per operation of {@code r}'s primary score, or null for a unit that is no time. */
    private static Double secondsPerOp(RunResult r) {
        return secondsPerOp(r.getPrimaryResult().getScoreUnit(), r.getPrimaryResult().getScore());
    }

    /** MB/s from the {@link ByteCounter} result, or null if the benchmark counts no bytes. */
    private static Double megabytesPerSecond(RunResult r) {
        Result<?> bytes = r.getSecondaryResults().get(BYTES_LABEL);
        if (bytes == null) {
            return null;
        }
        Double secondsPerByte = secondsPerOp(bytes.getScoreUnit(), bytes.getScore());
        return secondsPerByte == null || secondsPerByte <= 0 ? null : 1e-6 / secondsPerByte;
    }

    /** Bytes allocated per operation, from {@code -prof gc}, or null without it. */
    private static Double allocPerOp(RunResult r) {
        for (String label : r.getSecondaryResults().keySet()) {
            if (label.endsWith(ALLOC_LABEL)) {
                return r.getSecondaryResults().get(label).getScore();
            }
        }
        return null;
    }

    /**
     * The seconds one operation takes, from a score in {@code unit}: a rate ({@code ops/s}) or a
     * time ({@code ns/op}); null for any other unit, or a rate of zero or less.
     */
    private static Double secondsPerOp(String unit, double score) {
        Matcher rate = RATE_UNIT.matcher(unit);
        if (rate.matches()) {
            Double seconds = seconds(rate.group(1));
            return seconds == null || score <= 0 ? null : seconds / score;
        }
        Matcher time = TIME_UNIT.matcher(unit);
        if (time.matches()) {
            Double seconds = seconds(time.group(1));
            return seconds == null ? null : score * seconds;
        }
        return null;
    }

    /** Seconds in one of JMH's time units, or null for an unknown one. */
    private static Double seconds(String unit) {
        switch (unit) {
            case "ns":
                return 1e-9;
            case "us":
                return 1e-6;
            case "ms":
                return 1e-3;
            case "s":
                return 1.0;
            case "min":
                return 60.0;
            case "hr":
                return 3600.0;
            case "day":
                return 86400.0;
            default:
                return null;
        }
    }

    /** Where a benchmark comes in the summary: the order of {@link #SUMMARY_ORDER}, others last. */
    private static int rank(String shortName) {
        int i = SUMMARY_ORDER.indexOf(shortName);
        return i < 0 ? SUMMARY_ORDER.size() : i;
    }

    /** The benchmark's class and method, without the package. */
    private static String shortName(String benchmark) {
        int method = benchmark.lastIndexOf('.');
        int type = benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    /** {@code name=value} for every parameter, in name order. */
    private static String params(BenchmarkParams p) {
        StringBuilder sb = new StringBuilder();
        for (String name : new TreeSet<>(p.getParamsKeys())) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(name).append('=').append(p.getParam(name));
        }
        return sb.toString();
    }

    /** A number with about four significant digits, and thousands separated. */
    private static String number(double x) {
        double abs = Math.abs(x);
        if (Double.isNaN(x)) {
            return "NaN";
        } else if (abs >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", x);
        } else if (abs >= 100) {
            return String.format(Locale.ROOT, "%.1f", x);
        } else if (abs >= 1 || abs == 0) {
            return String.format(Locale.ROOT, "%.2f", x);
        } else {
            return String.format(Locale.ROOT, "%.3g", x);
        }
    }

    /** Prints rows in columns, the first being the header, aligned to the left where {@code left} says. */
    private static void printTable(List<String[]> rows, boolean[] left, PrintStream out) {
        int columns = rows.get(0).length;
        int[] width = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append("  ");
                }
                String format = "%" + (left[c] ? "-" : "") + width[c] + "s";
                line.append(String.format(Locale.ROOT, format, row[c]));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
