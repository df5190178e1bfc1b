package org.lsmworkbook.bench;

import java.util.List;
import java.util.Locale;

/**
 * The results of a {@link DbBench} run as JSON ({@code --json FILE}), for programs that read them
 * (the grader's leaderboard) rather than the table:
 *
 * <pre>
 * {
 *   "num": 100000, "seed": 42, "write_buffer_bytes": 524288, "xmx": "256m",
 *   "workloads": ["fillrandom", "readrandom", "readseq"],
 *   "engines": [
 *     {"engine": "minilsm", "name": "MiniLsm",
 *      "configuration": "the reference engine with its bonuses on (bloom filters of 10 bits per key)", "runs": 1,
 *      "failure": null,
 *      "memory": {"peak_heap_bytes": 75497472, "max_heap_after_gc_bytes": 48234496, "peak_rss_bytes": 126877696},
 *      "results": [
 *        {"workload": "fillrandom", "ops": 100000, "nanos": 1362000000, "found": 100000,
 *         "ops_per_second": 73421.4, "micros_per_op": 13.62, "problem": null}, ...]}
 *   ]
 * }
 * </pre>
 *
 * <p>{@code configuration} is {@link EngineKind#configuration()}: what sets the engine apart, such
 * as MiniLsm's bonuses. {@code workloads} lists what was asked for; an engine's {@code results} hold what it measured,
 * so a workload missing there was never measured (see {@code failure}). {@code problem} is
 * {@code null} when the engine answered as it must ({@link WorkloadResult#isCorrect()}); memory
 * figures are -1 when unknown ({@link MemoryReport}).
 */
final class ResultJson {

    private ResultJson() {}

    /** The document for {@code runs}, measured with {@code options}. */
    static String of(BenchOptions options, List<EngineRun> runs) {
        StringBuilder sb = new StringBuilder();
        sb.append("{\n");
        sb.append("  \"num\": ").append(options.num()).append(",\n");
        sb.append("  \"seed\": ").append(options.seed()).append(",\n");
        sb.append("  \"write_buffer_bytes\": ").append(options.writeBufferSize()).append(",\n");
        sb.append("  \"xmx\": ").append(quote(options.xmx())).append(",\n");
        sb.append("  \"workloads\": [");
        for (int i = 0; i < options.workloads().size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(options.workloads().get(i).id()));
        }
        sb.append("],\n");
        sb.append("  \"engines\": [");
        String separator = "\n";
        for (EngineRun run : runs) {
            sb.append(separator);
            separator = ",\n";
            MemoryReport m = run.memory();
            sb.append("    {\"engine\": ").append(quote(run.engine().id()))
                    .append(", \"name\": ").append(quote(run.engine().displayName()))
                    .append(",\n     \"configuration\": ").append(quote(run.engine().configuration()))
                    .append(", \"runs\": ").append(run.runs())
                    .append(", \"failure\": ").append(run.failure() == null ? "null" : quote(run.failure()))
                    .append(",\n     \"memory\": {\"peak_heap_bytes\": ").append(m.peakHeapBytes())
                    .append(", \"max_heap_after_gc_bytes\": ").append(m.maxHeapAfterGcBytes())
                    .append(", \"peak_rss_bytes\": ").append(m.peakRssBytes()).append("},\n")
                    .append("     \"results\": [");
            String inner = "\n";
            for (WorkloadResult r : run.results().values()) {
                sb.append(inner);
                inner = ",\n";
                sb.append("       {\"workload\": ").append(quote(r.workload().id()))
                        .append(", \"ops\": ").append(r.ops())
                        .append(", \"nanos\": ").append(r.nanos())
                        .append(", \"found\": ").append(r.found())
                        .append(", \"ops_per_second\": ").append(number(r.opsPerSecond()))
                        .append(", \"micros_per_op\": ").append(number(r.microsPerOp()))
                        .append(", \"problem\": ").append(r.problem() == null ? "null" : quote(r.problem()))
                        .append('}');
            }
            sb.append(run.results().isEmpty() ? "]}" : "\n     ]}");
        }
        sb.append(runs.isEmpty() ? "]\n" : "\n  ]\n");
        sb.append("}\n");
        return sb.toString();
    }

    /** A finite number with at most three decimals; JSON has no NaN or infinity. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "0";
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A JSON string literal. */
    static String quote(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"':
                    out.append("\\\"");
                    break;
                case '\\':
                    out.append("\\\\");
                    break;
                case '\n':
                    out.append("\\n");
                    break;
                case '\r':
                    out.append("\\r");
                    break;
                case '\t':
                    out.append("\\t");
                    break;
                default:
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"').toString();
    }
}
