package org.lsmworkbook.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@Timeout(10)
@DisplayName("DbBench options: defaults, every option, and bad input refused with a clear message")
class BenchOptionsTest {

    @Test
    void no_arguments_give_the_full_run() {
        BenchOptions o = BenchOptions.parse();
        assertThat(o.num()).as("N without options").isEqualTo(1_000_000);
        assertThat(o.engines()).as("all engines, ours first (bonuses on, then off), then each peer")
                .containsExactly(EngineKind.MINILSM, EngineKind.MINILSM_CORE, EngineKind.ROCKSDB,
                        EngineKind.ROCKSDB_BLOOM, EngineKind.ROCKSDB_EQUAL, EngineKind.LEVELDB);
        assertThat(o.workloads()).as("all workloads in db_bench order").containsExactly(Workload.values());
        assertThat(o.xmx()).as("default heap").isEqualTo("512m");
        assertThat(o.dir()).as("default: a fresh temporary directory").isNull();
        assertThat(o.markdown()).as("no Markdown file unless asked").isNull();
        assertThat(o.jfr()).as("no profiling unless asked").isNull();
        assertThat(o.runs()).as("one run unless asked").isEqualTo(1);
        assertThat(o.writeBufferSize()).as("the standard 64 MiB write buffer unless asked").isEqualTo(64L << 20);
        assertThat(o.json()).as("no JSON file unless asked").isNull();
        assertThat(o.help()).isFalse();
    }

    @Test
    void quick_means_a_hundred_thousand_keys() {
        assertThat(BenchOptions.parse("--quick").num()).as("--quick").isEqualTo(100_000);
    }

    @Test
    void every_option_is_read_in_both_spellings() {
        BenchOptions o = BenchOptions.parse("--num", "5000", "--engines", "rocksdb,minilsm", "--workloads=readseq,fillseq",
                "--xmx=1g", "--seed", "-7", "--dir", "/tmp/b", "--markdown=out.md", "--jfr", "jfr",
                "--jvm-arg", "-XX:+UseParallelGC", "--jvm-arg=-Xss1m", "--timeout", "60", "--runs", "3",
                "--write-buffer", "512k", "--json=out.json");
        assertThat(o.num()).as("--num").isEqualTo(5000);
        assertThat(o.engines()).as("--engines keeps the given order")
                .containsExactly(EngineKind.ROCKSDB, EngineKind.MINILSM);
        assertThat(o.workloads()).as("--workloads keeps the given order")
                .containsExactly(Workload.READSEQ, Workload.FILLSEQ);
        assertThat(o.xmx()).isEqualTo("1g");
        assertThat(o.seed()).isEqualTo(-7);
        assertThat(o.dir()).isEqualTo(Path.of("/tmp/b"));
        assertThat(o.markdown()).isEqualTo(Path.of("out.md"));
        assertThat(o.jfr()).isEqualTo(Path.of("jfr"));
        assertThat(o.jvmArgs()).as("--jvm-arg is repeatable").containsExactly("-XX:+UseParallelGC", "-Xss1m");
        assertThat(o.timeoutSeconds()).isEqualTo(60);
        assertThat(o.runs()).as("--runs").isEqualTo(3);
        assertThat(o.writeBufferSize()).as("--write-buffer 512k is 512 KiB").isEqualTo(512L << 10);
        assertThat(o.json()).as("--json").isEqualTo(Path.of("out.json"));
    }

    @Test
    void the_write_buffer_takes_bytes_kib_or_mib() {
        assertThat(BenchOptions.parse("--write-buffer", "65536").writeBufferSize()).as("plain bytes").isEqualTo(65536);
        assertThat(BenchOptions.parse("--write-buffer", "4M").writeBufferSize()).as("4M").isEqualTo(4L << 20);
    }

    @Test
    void the_new_engines_have_stable_ids() {
        BenchOptions o = BenchOptions.parse("--engines", "minilsm,minilsm-core,rocksdb-bloom");
        assertThat(o.engines()).as("--engines minilsm,minilsm-core,rocksdb-bloom (the ids the book uses)")
                .containsExactly(EngineKind.MINILSM, EngineKind.MINILSM_CORE, EngineKind.ROCKSDB_BLOOM);
    }

    @Test
    void names_are_case_insensitive_and_numbers_may_have_separators() {
        BenchOptions o = BenchOptions.parse("--engines", "LevelDB", "--workloads", "ReadRandom", "--num", "1_000");
        assertThat(o.engines()).containsExactly(EngineKind.LEVELDB);
        assertThat(o.workloads()).containsExactly(Workload.READRANDOM);
        assertThat(o.num()).as("1_000 is a thousand").isEqualTo(1000);
    }

    @Test
    void help_is_recognised_and_the_usage_names_every_option() {
        assertThat(BenchOptions.parse("--help").help()).isTrue();
        assertThat(BenchOptions.parse("-h").help()).isTrue();
        String usage = BenchOptions.usage() + BenchOptions.workloadHelp();
        for (String option : List.of("--num", "--quick", "--engines", "--workloads", "--xmx", "--seed", "--dir",
                "--markdown", "--jfr", "--jvm-arg", "--timeout", "--runs", "--write-buffer", "--json", "--help")) {
            assertThat(usage).as("the usage text should explain " + option).contains(option);
        }
        for (Workload w : Workload.values()) {
            assertThat(usage).as("the usage text should list workload " + w.id()).contains(w.id());
        }
        for (EngineKind e : EngineKind.values()) {
            assertThat(usage).as("the usage text should list engine " + e.id() + " with its configuration")
                    .contains(e.id()).contains(e.configuration());
        }
        assertThat(usage).as("the usage text should say which engines answer the bonus question")
                .contains("--engines minilsm,minilsm-core,rocksdb-bloom");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "--bogus;                          unknown option '--bogus'",
        "fillseq;                          unknown option 'fillseq'",
        "--num;                            --num needs a value",
        "--num abc;                        --num takes a whole number, but was 'abc'",
        "--num 0;                          --num must be between 1 and",
        "--num -5;                         --num must be between 1 and",
        "--num 1000000000;                 --num must be between 1 and",
        "--quick --num 10;                 give one of --quick and --num, not both",
        "--quick=yes;                      --quick takes no value",
        "--engines cassandra;              unknown engine 'cassandra'",
        "--engines minilsm,,rocksdb;       without empty items",
        "--engines minilsm,MiniLsm;        names 'MiniLsm' twice",
        "--workloads fillall;              unknown workload 'fillall'",
        "--xmx 512;                        --xmx takes a heap size",
        "--xmx 512mb;                      --xmx takes a heap size",
        "--xmx -Xmx512m;                   --xmx takes a heap size",
        "--seed x;                         --seed takes a whole number",
        "--jvm-arg UseParallelGC;          --jvm-arg takes one JVM flag starting with '-'",
        "--timeout 0;                      --timeout must be between 1 and",
        "--dir=;                           --dir needs a path",
        "--runs 0;                         --runs must be between 1 and 99",
        "--write-buffer 1k;                --write-buffer must be between 16384 and",
        "--write-buffer 4g;                --write-buffer takes a size in bytes",
        "--write-buffer big;               --write-buffer takes a size in bytes",
        "--json=;                          --json needs a path",
    })
    void bad_input_is_refused_with_a_message_that_says_what_is_wrong(String commandLine, String expected) {
        String[] args = commandLine.trim().split(" ");
        assertThatThrownBy(() -> BenchOptions.parse(args))
                .as("'" + commandLine.trim() + "' must be refused (DbBench then exits with status 2)")
                .isInstanceOf(BenchOptions.UsageException.class)
                .hasMessageContaining(expected.trim());
    }
}
