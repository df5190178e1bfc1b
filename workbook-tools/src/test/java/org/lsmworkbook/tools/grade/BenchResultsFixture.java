package org.lsmworkbook.tools.grade;

/** DbBench {@code --json} documents, as the benchmark writes them, for the leaderboard's tests. */
final class BenchResultsFixture {

    private BenchResultsFixture() {
    }

    /** A run of MiniLsm in which every answer was right: 50,000 fills/s, 200,000 reads/s, 2,000,000 entries/s. */
    static String correct() {
        return document(null, null, 48_234_496L);
    }

    /** The same run with a wrong answer in {@code readrandom}. */
    static String wrongAnswer() {
        return document("found only 99,990 of 100,000 keys that were written", null, 48_234_496L);
    }

    /** A run whose engine JVM failed after the fill. */
    static String failedEngine() {
        return document(null, "IOException: disk full (at org.lsmworkbook.write.MiniLsm.put:42)", 48_234_496L);
    }

    static String document(String readProblem, String failure, long afterGc) {
        String results = failure != null
                ? "{\"workload\": \"fillrandom\", \"ops\": 100000, \"nanos\": 2000000000, \"found\": 100000,"
                        + " \"ops_per_second\": 50000.000, \"micros_per_op\": 20.000, \"problem\": null}"
                : String.join(",\n",
                        "{\"workload\": \"fillrandom\", \"ops\": 100000, \"nanos\": 2000000000, \"found\": 100000,"
                                + " \"ops_per_second\": 50000.000, \"micros_per_op\": 20.000, \"problem\": null}",
                        "{\"workload\": \"readrandom\", \"ops\": 100000, \"nanos\": 500000000, \"found\": 99990,"
                                + " \"ops_per_second\": 200000.000, \"micros_per_op\": 5.000, \"problem\": "
                                + (readProblem == null ? "null" : "\"" + readProblem + "\"") + "}",
                        "{\"workload\": \"readmissing\", \"ops\": 100000, \"nanos\": 400000000, \"found\": 0,"
                                + " \"ops_per_second\": 250000.000, \"micros_per_op\": 4.000, \"problem\": null}",
                        "{\"workload\": \"readseq\", \"ops\": 100000, \"nanos\": 50000000, \"found\": 100000,"
                                + " \"ops_per_second\": 2000000.000, \"micros_per_op\": 0.500, \"problem\": null}");
        return "{\n  \"num\": 100000, \"seed\": 42, \"write_buffer_bytes\": 262144, \"xmx\": \"256m\",\n"
                + "  \"workloads\": [\"fillrandom\", \"readrandom\", \"readmissing\", \"readseq\"],\n"
                + "  \"engines\": [\n    {\"engine\": \"minilsm-core\", \"name\": \"MiniLsm (core)\", \"runs\": 1, \"failure\": "
                + (failure == null ? "null" : "\"" + failure + "\"") + ",\n"
                + "     \"memory\": {\"peak_heap_bytes\": 75497472, \"max_heap_after_gc_bytes\": " + afterGc
                + ", \"peak_rss_bytes\": 126877696},\n     \"results\": [\n" + results + "\n     ]}\n  ]\n}\n";
    }
}
