package org.lsmworkbook.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one engine reported: the workloads it measured, and why it stopped if it failed. Either one
 * JVM's run, or the {@linkplain #combine median of several}.
 *
 * @param engine the engine
 * @param results the measured workloads, in the order they ran
 * @param failure {@code null} if the JVM ran every workload and ended well; otherwise why not
 *     (an exception, running out of memory, a time-out, an exit code). The workloads measured before
 *     the failure still count.
 * @param memory the JVM's memory use (the largest, over several runs)
 * @param runs how many runs the results are the median of
 * @param spread for each workload measured more than once, its fastest ops/s divided by its slowest
 */
public record EngineRun(EngineKind engine, Map<Workload, WorkloadResult> results, String failure, MemoryReport memory,
        int runs, Map<Workload, Double> spread) {

    public EngineRun {
        Objects.requireNonNull(engine, "engine");
        results = Collections.unmodifiableMap(new LinkedHashMap<>(results));
        memory = memory == null ? MemoryReport.unknown() : memory;
        spread = Collections.unmodifiableMap(new LinkedHashMap<>(spread));
    }

    /** One JVM's run. */
    public EngineRun(EngineKind engine, Map<Workload, WorkloadResult> results, String failure, MemoryReport memory) {
        this(engine, results, failure, memory, 1, Map.of());
    }

    /** True if the JVM failed. */
    public boolean failed() {
        return failure != null;
    }

    /** True if the run failed or any workload got wrong answers. */
    public boolean hasProblems() {
        return failed() || results.values().stream().anyMatch(r -> !r.isCorrect());
    }

    /**
     * Several runs of one engine as one: for each workload the run with the median ops/s (the lower
     * middle one for an even count, so that it is a measured result), with any wrong answer of any run
     * kept; the first failure; the largest memory figures.
     *
     * @throws IllegalArgumentException if {@code runs} is empty or mixes engines
     */
    public static EngineRun combine(List<EngineRun> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("no runs to combine");
        }
        EngineKind engine = runs.get(0).engine();
        Map<Workload, List<WorkloadResult>> byWorkload = new LinkedHashMap<>();
        String failure = null;
        long peakHeap = -1;
        long afterGc = -1;
        long rss = -1;
        for (int i = 0; i < runs.size(); i++) {
            EngineRun run = runs.get(i);
            if (run.engine() != engine) {
                throw new IllegalArgumentException("cannot combine runs of " + engine + " and " + run.engine());
            }
            for (WorkloadResult r : run.results().values()) {
                byWorkload.computeIfAbsent(r.workload(), w -> new ArrayList<>()).add(r);
            }
            if (failure == null && run.failed()) {
                failure = run.failure() + (runs.size() > 1 ? " (in run " + (i + 1) + " of " + runs.size() + ")" : "");
            }
            peakHeap = Math.max(peakHeap, run.memory().peakHeapBytes());
            afterGc = Math.max(afterGc, run.memory().maxHeapAfterGcBytes());
            rss = Math.max(rss, run.memory().peakRssBytes());
        }
        Map<Workload, WorkloadResult> median = new LinkedHashMap<>();
        Map<Workload, Double> spread = new LinkedHashMap<>();
        for (Map.Entry<Workload, List<WorkloadResult>> e : byWorkload.entrySet()) {
            List<WorkloadResult> sorted = new ArrayList<>(e.getValue());
            sorted.sort(Comparator.comparingDouble(WorkloadResult::opsPerSecond));
            WorkloadResult middle = sorted.get((sorted.size() - 1) / 2);
            String problem = sorted.stream().map(WorkloadResult::problem).filter(Objects::nonNull).findFirst()
                    .orElse(null);
            median.put(e.getKey(), new WorkloadResult(middle.workload(), middle.ops(), middle.nanos(), middle.found(),
                    problem));
            double slowest = sorted.get(0).opsPerSecond();
            if (sorted.size() > 1 && slowest > 0) {
                spread.put(e.getKey(), sorted.get(sorted.size() - 1).opsPerSecond() / slowest);
            }
        }
        return new EngineRun(engine, median, failure, new MemoryReport(peakHeap, afterGc, rss), runs.size(), spread);
    }
}
