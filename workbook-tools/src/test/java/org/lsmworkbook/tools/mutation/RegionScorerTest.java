package org.lsmworkbook.tools.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.tools.mutation.MutantsForTests.mutant;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.markers.Markers;
import org.lsmworkbook.tools.mutation.Mutant.Status;

@Timeout(10)
class RegionScorerTest {

    static final String FILE = "day1-block/src/main/java/p/Counter.java";

    @TempDir
    Path root;

    /**
     * Lines: 4 given, 6-10 a region (BEGIN on 5, END on 11) with an exclusion on 8, 13 given with a
     * stray exclusion, 15 given.
     */
    private Stage stage() throws IOException {
        Path file = root.resolve(FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n",
                "package p;",                                                                  // 1
                "class Counter {",                                                             // 2
                "    int count(int a) {",                                                      // 3
                "        if (a < 0) throw new IllegalArgumentException();",                    // 4
                "        " + Markers.BEGIN + " Task 1",                                        // 5
                "        int n = a + 1;",                                                      // 6
                "        n = n * 2;",                                                          // 7
                "        if (n > 0) { // pit: equivalent ConditionalsBoundaryMutator — n is even, never 0 here",
                "            n--;",                                                            // 9
                "        } return n;",                                                         // 10
                "        " + Markers.END,                                                      // 11
                "    }",                                                                       // 12
                "    int given() { return 1; } // pit: equivalent MathMutator — in given code",
                "}",                                                                           // 14
                ""));
        return new Stage("day1-block", 1, root.resolve("day1-block"));
    }

    @Test
    void only_mutants_strictly_inside_a_region_count_and_a_comment_excludes_an_undetected_one() throws IOException {
        List<Mutant> mutants = List.of(
                mutant("Counter.java", "p.Counter", 4, "NegateConditionalsMutator", Status.SURVIVED),
                mutant("Counter.java", "p.Counter", 6, "MathMutator", Status.KILLED),
                mutant("Counter.java", "p.Counter", 7, "MathMutator", Status.SURVIVED),
                mutant("Counter.java", "p.Counter", 8, "ConditionalsBoundaryMutator", Status.SURVIVED),
                mutant("Counter.java", "p.Counter", 8, "NegateConditionalsMutator", Status.TIMED_OUT),
                mutant("Counter.java", "p.Counter", 9, "IncrementsMutator", Status.NO_COVERAGE),
                mutant("Counter.java", "p.Counter", 10, "PrimitiveReturnsMutator", Status.NON_VIABLE),
                mutant("Counter.java", "p.Counter", 13, "MathMutator", Status.SURVIVED));
        RegionScore score = RegionScorer.score(root, stage(), mutants);

        assertThat(score.problems()).isEmpty();
        assertThat(score.allMutants()).isEqualTo(8);
        assertThat(score.inRegions()).as("lines 6 to 10 lie between the markers; 4 and 13 are given code")
                .extracting(m -> m.mutant().line()).containsExactly(6, 7, 8, 8, 9, 10);
        assertThat(score.excluded()).singleElement().satisfies(m -> {
            assertThat(m.location()).isEqualTo(FILE + ":8");
            assertThat(m.mutant().mutatorName()).isEqualTo("ConditionalsBoundaryMutator");
            assertThat(m.exclusion().reason()).isEqualTo("n is even, never 0 here");
        });
        assertThat(score.counted()).as("6 in regions, less 1 excluded and 1 non-viable").isEqualTo(4);
        assertThat(score.detected()).as("the killed one and the timed-out one").isEqualTo(2);
        assertThat(score.survivors()).extracting(ScoredMutant::location).containsExactly(FILE + ":7");
        assertThat(score.noCoverage()).extracting(ScoredMutant::location).containsExactly(FILE + ":9");
        assertThat(score.permille()).isEqualTo(500);
        assertThat(score.reaches(50)).isTrue();
        assertThat(score.reaches(51)).isFalse();
        assertThat(score.unusedExclusions()).as("the comment in given code excludes nothing and is listed")
                .extracting(Exclusion::line).containsExactly(13);
    }

    @Test
    void a_comment_whose_mutant_was_killed_excludes_nothing_and_is_listed_as_unused() throws IOException {
        RegionScore score = RegionScorer.score(root, stage(), List.of(
                mutant("Counter.java", "p.Counter", 8, "ConditionalsBoundaryMutator", Status.KILLED)));
        assertThat(score.excluded()).isEmpty();
        assertThat(score.detected()).isEqualTo(1);
        assertThat(score.unusedExclusions()).extracting(Exclusion::line).containsExactly(8, 13);
    }

    @Test
    void a_name_takes_out_one_mutant_so_a_second_of_the_same_kind_on_the_line_still_counts() throws IOException {
        RegionScore score = RegionScorer.score(root, stage(), List.of(
                mutant("Counter.java", "p.Counter", 8, "ConditionalsBoundaryMutator", Status.SURVIVED),
                mutant("Counter.java", "p.Counter", 8, "ConditionalsBoundaryMutator", Status.SURVIVED)));
        assertThat(score.excluded()).hasSize(1);
        assertThat(score.survivors()).extracting(ScoredMutant::location).containsExactly(FILE + ":8");
        assertThat(score.unusedExclusions()).extracting(Exclusion::line).containsExactly(13);
    }

    @Test
    void comments_in_files_without_mutants_are_still_checked() throws IOException {
        RegionScore score = RegionScorer.score(root, stage(), List.of());
        assertThat(score.unusedExclusions()).extracting(Exclusion::line).containsExactly(8, 13);
        assertThat(score.counted()).isZero();
        assertThat(score.reaches(0)).as("nothing to score is never a pass").isFalse();
    }

    @Test
    void a_mutant_of_a_missing_file_is_a_problem() throws IOException {
        RegionScore score = RegionScorer.score(root, stage(), List.of(
                mutant("Gone.java", "p.Gone", 3, "MathMutator", Status.SURVIVED)));
        assertThat(score.problems()).singleElement().asString()
                .contains("day1-block/src/main/java/p/Gone.java").contains("does not exist");
        assertThat(score.inRegions()).isEmpty();
    }

    @Test
    void the_report_lists_counts_verdict_survivors_and_exclusions_with_file_and_line() throws IOException {
        RegionScore score = RegionScorer.score(root, stage(), List.of(
                mutant("Counter.java", "p.Counter", 6, "MathMutator", Status.KILLED),
                mutant("Counter.java", "p.Counter", 7, "MathMutator", Status.SURVIVED),
                mutant("Counter.java", "p.Counter", 8, "ConditionalsBoundaryMutator", Status.SURVIVED),
                mutant("Counter.java", "p.Counter", 4, "MathMutator", Status.SURVIVED)));
        String text = String.join("\n", ScoreReport.lines(score, 95));
        assertThat(text)
                .contains("mutants in solution regions: 3 (1 more in given code are not counted)")
                .contains("killed 1, timed out 0, memory or run error 0, survived 1, no coverage 0, excluded 1")
                .contains("score: 1 of 2 detected (50.0%); target 95%: NOT reached")
                .contains("  " + FILE + ":7  MathMutator: changed something  (in Counter.m)")
                .contains("equivalent: n is even, never 0 here")
                .contains(FILE + ":13  MathMutator on line 13");
        assertThat(ScoreReport.percent(999)).isEqualTo("99.9%");
        assertThat(ScoreReport.percent(1000)).isEqualTo("100.0%");
    }
}
