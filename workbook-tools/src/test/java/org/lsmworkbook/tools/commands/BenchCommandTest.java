package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class BenchCommandTest {

    @Test
    void without_the_benchmarks_module_it_says_what_is_missing(@TempDir Path root) {
        CommandRunner.Result result = CommandRunner.run(root, "bench", "--quick");
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.err()).contains("no benchmarks/pom.xml");
    }

    @Test
    void the_build_uses_the_bench_profile_and_records_the_classpath() {
        assertThat(BenchCommand.mavenArguments())
                .as("the benchmarks are outside the default build; the profile brings them in")
                .containsSequence("-P", "bench")
                .containsSequence("-pl", "benchmarks", "-am")
                .contains("dependency:build-classpath", "-Dmdep.outputFile=" + BenchCommand.CLASSPATH_FILE);
    }
}
