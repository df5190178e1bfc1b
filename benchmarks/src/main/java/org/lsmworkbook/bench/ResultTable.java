package org.lsmworkbook.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Formats the results of a run: one row per workload with each engine's ops/s and µs/op and the
 * ratio of MiniLsm's ops/s to each other engine's (above 1.00x: MiniLsm is faster), then the memory
 * each engine's JVM used, what sets each engine apart, the JVM flags and the machine. As plain text
 * for the terminal, or as Markdown.
 *
 * <p>"Ours", the engine whose ratios are shown, is {@link EngineKind#MINILSM} (bonuses on) if the
 * run has it, else {@link EngineKind#MINILSM_CORE}; the other one, when both ran, is a peer like the
 * rest, so its ratio column is what the bonuses gain. A run without MiniLsm has no ratio columns.
 *
 * <p>A cell says {@code FAILED} where an engine's JVM stopped before the workload (the reason follows
 * the table), and an ops/s value ends in {@code !} where the engine gave wrong answers (also
 * explained below the table).
 */
public final class ResultTable {

    private final RunInfo info;
    private final List<Workload> workloads;
    private final List<EngineRun> runs;

    /**
     * @param workloads the rows, in order
     * @param runs the engines' runs, in column order
     */
    public ResultTable(RunInfo info, List<Workload> workloads, List<EngineRun> runs) {
        this.info = info;
        this.workloads = List.copyOf(workloads);
        this.runs = List.copyOf(runs);
    }

    /** The table for a terminal: aligned columns, ASCII only. */
    public String text() {
        StringBuilder sb = new StringBuilder();
        sb.append(title()).append("\n\n");
        appendAligned(sb, resultGrid("us/op"), 1);
        sb.append('\n');
        appendAligned(sb, memoryGrid(), 1);
        sb.append('\n');
        for (String line : notes()) {
            sb.append(line).append('\n');
        }
        for (String line : environment()) {
            sb.append(line).append('\n');
        }
        return sb.toString();
    }

    /** The table as Markdown, for docs/performance.md. */
    public String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(title()).append("\n\n");
        appendMarkdown(sb, resultGrid("µs/op"));
        sb.append('\n');
        appendMarkdown(sb, memoryGrid());
        sb.append('\n');
        for (String line : notes()) {
            sb.append("- ").append(line).append('\n');
        }
        for (String line : environment()) {
            sb.append("- ").append(line).append('\n');
        }
        return sb.toString();
    }

    private String title() {
        int runCount = runs.stream().mapToInt(EngineRun::runs).max().orElse(1);
        return String.format(Locale.ROOT, "db_bench-style results: N = %,d keys (%d-byte keys, %d-byte values), seed %d%s",
                info.num(), Keys.KEY_SIZE, Values.VALUE_SIZE, info.seed(),
                runCount > 1 ? ", median of " + runCount + " runs" : "");
    }

    /** Header row first. */
    private List<String[]> resultGrid(String microsLabel) {
        EngineRun ours = ours();
        List<EngineRun> peers = new ArrayList<>();
        if (ours != null) {
            for (EngineRun r : runs) {
                if (r != ours) {
                    peers.add(r);
                }
            }
        }
        List<String[]> grid = new ArrayList<>();
        List<String> header = new ArrayList<>();
        header.add("workload");
        for (EngineRun r : runs) {
            header.add(r.engine().displayName() + " ops/s");
            header.add(microsLabel);
        }
        for (EngineRun peer : peers) {
            header.add("ours/" + peer.engine().displayName());
        }
        grid.add(header.toArray(new String[0]));
        for (Workload w : workloads) {
            List<String> row = new ArrayList<>();
            row.add(w.id());
            for (EngineRun r : runs) {
                WorkloadResult result = r.results().get(w);
                if (result != null) {
                    row.add(formatOps(result.opsPerSecond()) + (result.isCorrect() ? "" : "!"));
                    row.add(formatMicros(result.microsPerOp()));
                } else {
                    row.add(r.failed() ? "FAILED" : "-");
                    row.add("-");
                }
            }
            for (EngineRun peer : peers) {
                WorkloadResult a = ours.results().get(w);
                WorkloadResult b = peer.results().get(w);
                row.add(a != null && b != null && b.opsPerSecond() > 0
                        ? formatRatio(a.opsPerSecond() / b.opsPerSecond()) : "-");
            }
            grid.add(row.toArray(new String[0]));
        }
        return grid;
    }

    private List<String[]> memoryGrid() {
        List<String[]> grid = new ArrayList<>();
        String[] header = new String[runs.size() + 1];
        String[] peak = new String[runs.size() + 1];
        String[] afterGc = new String[runs.size() + 1];
        String[] rss = new String[runs.size() + 1];
        header[0] = "memory (MiB)";
        peak[0] = "peak heap used";
        afterGc[0] = "max heap after GC";
        rss[0] = "peak RSS";
        for (int i = 0; i < runs.size(); i++) {
            MemoryReport m = runs.get(i).memory();
            header[i + 1] = runs.get(i).engine().displayName();
            peak[i + 1] = formatMiB(m.peakHeapBytes());
            afterGc[i + 1] = m.maxHeapAfterGcBytes() < 0 ? "no GC" : formatMiB(m.maxHeapAfterGcBytes());
            rss[i + 1] = formatMiB(m.peakRssBytes());
        }
        grid.add(header);
        grid.add(peak);
        grid.add(afterGc);
        grid.add(rss);
        return grid;
    }

    private List<String> notes() {
        List<String> notes = new ArrayList<>();
        for (EngineRun r : runs) {
            for (WorkloadResult result : r.results().values()) {
                if (!result.isCorrect()) {
                    notes.add("WRONG ANSWERS (!): " + r.engine().displayName() + " " + result.workload().id() + ": "
                            + result.problem());
                }
            }
            if (r.failed()) {
                notes.add("FAILED: " + r.engine().displayName() + ": " + r.failure());
            }
        }
        List<String> spreads = new ArrayList<>();
        for (EngineRun r : runs) {
            r.spread().entrySet().stream().max(Map.Entry.comparingByValue()).ifPresent(e -> spreads.add(
                    String.format(Locale.ROOT, "%s %.2fx (%s)", r.engine().displayName(), e.getValue(), e.getKey().id())));
        }
        if (!spreads.isEmpty()) {
            notes.add("Largest spread between runs (fastest ops/s / slowest), per engine: " + String.join(", ", spreads));
        }
        return notes;
    }

    private List<String> environment() {
        List<String> lines = new ArrayList<>();
        EngineRun ours = ours();
        String oursName = ours == null ? EngineKind.MINILSM.displayName() : ours.engine().displayName();
        lines.add("ours/X = " + oursName + " ops/s divided by X's ops/s (above 1.00x: " + oursName + " is faster). "
                + "readseq counts entries, seekrandom counts seeks (each reads " + Workload.SEEK_NEXTS + " entries).");
        for (EngineRun r : runs) {
            lines.add(r.engine().displayName() + ": " + r.engine().configuration() + ".");
        }
        lines.add("Each engine ran in its own JVM: java " + String.join(" ", info.jvmFlags()));
        lines.add("JDK " + info.jdk() + "; " + info.os() + "; " + info.cores() + " cores; " + info.cpu()
                + "; " + info.date());
        if (info.loadBefore() >= 0 || info.loadAfter() >= 0) {
            double worst = Math.max(info.loadBefore(), info.loadAfter());
            lines.add(String.format(Locale.ROOT, "Load average (1 min): %.2f before, %.2f after%s",
                    info.loadBefore(), info.loadAfter(),
                    worst > info.cores() * 0.5 + 1 ? " -- other programs were busy: treat the numbers with care" : ""));
        }
        return lines;
    }

    /** The MiniLsm whose ratios the table shows: with its bonuses if it ran, else the core engine, else null. */
    private EngineRun ours() {
        EngineRun withBonuses = run(EngineKind.MINILSM);
        return withBonuses != null ? withBonuses : run(EngineKind.MINILSM_CORE);
    }

    private EngineRun run(EngineKind kind) {
        for (EngineRun r : runs) {
            if (r.engine() == kind) {
                return r;
            }
        }
        return null;
    }

    static String formatOps(double opsPerSecond) {
        return String.format(Locale.ROOT, "%,d", Math.round(opsPerSecond));
    }

    static String formatMicros(double micros) {
        if (micros < 10) {
            return String.format(Locale.ROOT, "%.2f", micros);
        }
        if (micros < 100) {
            return String.format(Locale.ROOT, "%.1f", micros);
        }
        return String.format(Locale.ROOT, "%,.0f", micros);
    }

    static String formatRatio(double ratio) {
        return String.format(Locale.ROOT, "%.2fx", ratio);
    }

    static String formatMiB(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%,d", Math.round(bytes / 1048576.0));
    }

    /** Left-aligns the first {@code textColumns} columns, right-aligns the others (numbers). */
    private static void appendAligned(StringBuilder sb, List<String[]> grid, int textColumns) {
        int columns = grid.get(0).length;
        int[] width = new int[columns];
        for (String[] row : grid) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], row[c].length());
            }
        }
        for (int r = 0; r < grid.size(); r++) {
            String[] row = grid.get(r);
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                if (c > 0) {
                    line.append(" | ");
                }
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                line.append(c < textColumns ? cell + pad : pad + cell);
            }
            sb.append(line.toString().stripTrailing()).append('\n');
            if (r == 0) {
                StringBuilder rule = new StringBuilder();
                for (int c = 0; c < columns; c++) {
                    if (c > 0) {
                        rule.append("-+-");
                    }
                    rule.append("-".repeat(width[c]));
                }
                sb.append(rule).append('\n');
            }
        }
    }

    private static void appendMarkdown(StringBuilder sb, List<String[]> grid) {
        for (int r = 0; r < grid.size(); r++) {
            String[] row = grid.get(r);
            sb.append("| ").append(String.join(" | ", row)).append(" |\n");
            if (r == 0) {
                sb.append("|---");
                for (int c = 1; c < row.length; c++) {
                    sb.append("|---:");
                }
                sb.append("|\n");
            }
        }
    }
}
