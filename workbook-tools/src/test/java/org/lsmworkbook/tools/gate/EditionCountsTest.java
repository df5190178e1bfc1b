package org.lsmworkbook.tools.gate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.edition.EditionProperties;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;
import org.lsmworkbook.tools.maven.TestTally;

@Timeout(10)
class EditionCountsTest {

    private static TestCaseResult result(String name, Outcome outcome) {
        return new TestCaseResult("p.XTest", name, outcome, "");
    }

    @Test
    void counts_each_stage_as_workbook_test_would_there_graded_and_given_tests_together() {
        EditionProperties student = new EditionProperties("student", "day1", List.of("day1-block", "day2-sst"), List.of());
        List<StageRun> runs = List.of(
                new StageRun("day1-block", StageRole.STUBBED,
                        List.of(result("a", Outcome.ERROR), result("m(long)[1]", Outcome.FAILED),
                                result("m(long)[2]", Outcome.FAILED)),
                        List.of(result("given", Outcome.PASSED))),
                new StageRun("day2-sst", StageRole.STUBBED, List.of(result("b", Outcome.SKIPPED)), List.of()));
        EditionCounts counts = EditionCounts.of(student, runs);
        assertThat(counts.edition()).isEqualTo("student");
        assertThat(counts.tallies()).as("one per test case, invocations of a parameterized test each counted")
                .containsEntry("day1-block", new TestTally(1, 3, 0))
                .containsEntry("day2-sst", new TestTally(0, 0, 1));
        EditionProperties checkpoint = new EditionProperties("checkpoint", "day4", List.of("day4-engine"),
                List.of("day1-block"));
        assertThat(EditionCounts.of(checkpoint, List.of()).edition()).isEqualTo("from-day4");
    }

    @Test
    void bonus_tests_are_counted_apart_as_workbook_test_counts_them() {
        EditionProperties student = new EditionProperties("student", "day1", List.of("day2-sst"), List.of());
        List<StageRun> runs = List.of(new StageRun("day2-sst", StageRole.STUBBED,
                List.of(result("a", Outcome.ERROR), result("bloom(long)[1]", Outcome.ERROR),
                        result("bloom(long)[2]", Outcome.ERROR)),
                List.of(result("given", Outcome.PASSED))));
        EditionCounts counts = EditionCounts.of(student, runs, Map.of("day2-sst", Set.of("p.XTest#bloom")));
        assertThat(counts.tallies()).as("the core: the bonus test's invocations left out")
                .containsEntry("day2-sst", new TestTally(1, 1, 0));
        assertThat(counts.bonusTallies()).containsEntry("day2-sst", new TestTally(0, 2, 0));
        assertThat(EditionCounts.of(student, runs).bonusTallies()).as("no bonus keys, no bonus counts").isEmpty();
    }

    @Test
    void bonus_counts_round_trip_through_the_file(@TempDir Path dir) {
        EditionCounts counts = new EditionCounts("student", Map.of("day2-sst", new TestTally(3, 40, 0)),
                Map.of("day2-sst", new TestTally(0, 5, 0)));
        Path file = dir.resolve(EditionCounts.FILE_NAME);
        counts.write(file);
        assertThat(EditionCounts.read(file)).isEqualTo(counts);
    }
}
