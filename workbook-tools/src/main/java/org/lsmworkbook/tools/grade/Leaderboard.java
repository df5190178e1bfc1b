package org.lsmworkbook.tools.grade;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a submission puts on Gradescope's leaderboard: numbers from a short run of the project's
 * benchmark ({@code org.lsmworkbook.bench.DbBench}) on the submitted engine, or none, with notes
 * that say why. The leaderboard never changes the score.
 *
 * <p>Correctness first: the numbers count only when the engine answered every operation of the run
 * as it must (DbBench's own checks: every written key found, no absent key found, every entry
 * scanned) and its JVM ended well. Otherwise the submission gets no entry at all.
 *
 * @param entries the columns, in order; empty when the submission gets no entry
 * @param notes what a student and an instructor should know: how the numbers were measured, or why
 *     there are none
 */
public record Leaderboard(List<LeaderboardEntry> entries, List<String> notes) {

    /** The workloads the run measures, in order; {@code readmissing} is there for its check only. */
    public static final List<String> WORKLOADS = List.of("fillrandom", "readrandom", "readmissing", "readseq");

    /**
     * The engine whose results count: the workbook's own with every bonus off, so that every
     * submission, with or without the bonus tasks, runs the same core code.
     */
    static final String ENGINE = "minilsm-core";

    /** Copies the lists so that the record cannot change. */
    public Leaderboard {
        entries = List.copyOf(entries);
        notes = List.copyOf(notes);
    }

    /**
     * No leaderboard was asked for.
     *
     * @return an empty leaderboard without notes
     */
    public static Leaderboard off() {
        return new Leaderboard(List.of(), List.of());
    }

    /**
     * No entry, for a reason.
     *
     * @param reason why, for the student
     * @return an empty leaderboard with that note
     */
    public static Leaderboard none(String reason) {
        return new Leaderboard(List.of(), List.of("no leaderboard entry: " + reason));
    }

    /**
     * Why a submission may not go on the leaderboard, or null when it may: every stage's every
     * graded test of the core (hidden ones, and the tests of given code, included) must have
     * passed. Bonus tests are extra credit: a submission that skips them still gets an entry.
     *
     * @param stages the submission's grade, stage by stage
     * @return the reason, or null
     */
    public static String notEligible(List<StageGrade> stages) {
        int tests = 0;
        List<String> failing = new ArrayList<>();
        for (StageGrade stage : stages) {
            List<TestScore> core = stage.scores().stream().filter(s -> !s.test().bonus()).toList();
            tests += core.size();
            long failed = core.stream().filter(s -> !s.passed()).count();
            if (failed > 0) {
                failing.add(stage.module() + " (" + failed + " of " + core.size() + " tests failed)");
            }
        }
        if (tests == 0) {
            return "no graded test ran";
        }
        if (!failing.isEmpty()) {
            return "the benchmark runs only when every graded test passes; not yet in " + String.join(", ", failing);
        }
        return null;
    }

    /**
     * The leaderboard from DbBench's {@code --json} document: MiniLsm's throughputs and memory, or
     * no entry when it failed, gave a wrong answer, or did not measure every workload.
     *
     * @param json the document DbBench wrote
     * @return the leaderboard
     */
    @SuppressWarnings("unchecked")
    public static Leaderboard fromBench(String json) {
        Map<String, Object> doc;
        Map<String, Object> engine = null;
        try {
            doc = (Map<String, Object>) JsonReader.parse(json);
            for (Object e : (List<Object>) doc.get("engines")) {
                Map<String, Object> candidate = (Map<String, Object>) e;
                if (ENGINE.equals(candidate.get("engine"))) {
                    engine = candidate;
                }
            }
        } catch (IllegalArgumentException | ClassCastException | NullPointerException e) {
            return none("the benchmark's results cannot be read (" + e.getMessage() + ")");
        }
        if (engine == null) {
            return none("the benchmark's results hold no run of MiniLsm");
        }
        try {
            return fromEngine(doc, engine);
        } catch (ClassCastException | NullPointerException e) {
            return none("the benchmark's results are not in the expected form (" + e + ")");
        }
    }

    @SuppressWarnings("unchecked")
    private static Leaderboard fromEngine(Map<String, Object> doc, Map<String, Object> engine) {
        if (engine.get("failure") != null) {
            return none("the engine failed during the benchmark: " + engine.get("failure"));
        }
        Map<String, Map<String, Object>> results = new java.util.LinkedHashMap<>();
        for (Object r : (List<Object>) engine.get("results")) {
            Map<String, Object> result = (Map<String, Object>) r;
            results.put((String) result.get("workload"), result);
        }
        for (Map.Entry<String, Map<String, Object>> result : results.entrySet()) {
            Object problem = result.getValue().get("problem");
            if (problem != null) {
                return none("a wrong answer in " + result.getKey() + ": " + problem);
            }
        }
        for (String workload : WORKLOADS) {
            if (!results.containsKey(workload)) {
                return none("the benchmark did not measure " + workload);
            }
        }
        List<LeaderboardEntry> entries = new ArrayList<>();
        entries.add(new LeaderboardEntry("Random fills/s", Math.rint(opsPerSecond(results.get("fillrandom"))),
                LeaderboardEntry.DESC));
        entries.add(new LeaderboardEntry("Random reads/s", Math.rint(opsPerSecond(results.get("readrandom"))),
                LeaderboardEntry.DESC));
        entries.add(new LeaderboardEntry("Scan entries/s", Math.rint(opsPerSecond(results.get("readseq"))),
                LeaderboardEntry.DESC));
        List<String> notes = new ArrayList<>();
        Map<String, Object> memory = (Map<String, Object>) engine.get("memory");
        double afterGc = ((Number) memory.get("max_heap_after_gc_bytes")).doubleValue();
        if (afterGc >= 0) {
            entries.add(new LeaderboardEntry("Peak heap after GC (MiB)", Math.round(afterGc / 1048576.0 * 10) / 10.0,
                    LeaderboardEntry.ASC));
        } else {
            notes.add("no heap figure: no garbage collection ran during the benchmark");
        }
        notes.add(0, "leaderboard: MiniLsm, " + String.format(java.util.Locale.ROOT, "%,d",
                ((Number) doc.get("num")).longValue()) + " keys, " + ((Number) doc.get("write_buffer_bytes")).longValue() / 1024
                + " KiB memtables (the reads go to SST files); every answer was checked and correct");
        return new Leaderboard(entries, notes);
    }

    private static double opsPerSecond(Map<String, Object> result) {
        double ops = ((Number) result.get("ops")).doubleValue();
        double nanos = ((Number) result.get("nanos")).doubleValue();
        return nanos <= 0 ? 0 : ops * 1e9 / nanos;
    }

    /**
     * The lines the grade's output shows: the notes, then one line per entry.
     *
     * @return the lines, empty when no leaderboard was asked for
     */
    public List<String> lines() {
        List<String> lines = new ArrayList<>(notes);
        for (LeaderboardEntry entry : entries) {
            lines.add(String.format("  %-26s %s", entry.name(), entry.valueText()));
        }
        return lines;
    }
}
