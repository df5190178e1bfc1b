package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

/** The leaderboard: who gets on it, what DbBench's results become, and its shape in results.json. */
@Timeout(10)
@DisplayName("Leaderboard: correctness first, Gradescope's leaderboard array in results.json")
class LeaderboardTest {

    private static final GradedTest GIVEN = new GradedTest("day1-block", "p.GTest", "given", "Day 1 · given", 0, false, false);
    private static final GradedTest SOLVED = new GradedTest("day1-block", "p.ATest", "solved", "Day 1 · A › solved", 1, false, true);
    private static final GradedTest HIDDEN = new GradedTest("day2-sst", "q.HTest", "secret", "Day 2 · hidden › secret", 2, true, true);

    private static List<StageGrade> stages(Outcome hiddenOutcome) {
        StageOutcome day1 = new StageOutcome("day1-block", StageStatus.TESTED, List.of(
                new TestCaseResult("p.GTest", "given", Outcome.PASSED),
                new TestCaseResult("p.ATest", "solved", Outcome.PASSED)), List.of(), 1);
        StageOutcome day2 = new StageOutcome("day2-sst", StageStatus.TESTED, List.of(
                new TestCaseResult("q.HTest", "secret", hiddenOutcome, "expected 1 but was 2")), List.of(), 1);
        return List.of(StageGrade.score(1, List.of(GIVEN, SOLVED), day1), StageGrade.score(2, List.of(HIDDEN), day2));
    }

    @Test
    void every_graded_test_must_pass_hidden_ones_included() {
        assertThat(Leaderboard.notEligible(stages(Outcome.PASSED))).as("every test passed: eligible").isNull();
        assertThat(Leaderboard.notEligible(stages(Outcome.FAILED)))
                .as("one hidden test failed: not eligible, and the reason names the stage")
                .contains("every graded test passes", "day2-sst (1 of 1 tests failed)");
        StageOutcome notCompiled = new StageOutcome("day2-sst", StageStatus.NOT_COMPILED, List.of(), List.of("x"), 1);
        assertThat(Leaderboard.notEligible(List.of(stages(Outcome.PASSED).get(0),
                StageGrade.score(2, List.of(HIDDEN), notCompiled))))
                .as("a stage that does not compile has failed tests").contains("day2-sst");
        assertThat(Leaderboard.notEligible(List.of())).as("nothing graded").isEqualTo("no graded test ran");
    }

    @Test
    void a_correct_run_gives_throughputs_and_heap_with_their_order() {
        Leaderboard board = Leaderboard.fromBench(BenchResultsFixture.correct());
        assertThat(board.entries()).as("the columns, from MiniLsm's results (ops / time)").containsExactly(
                new LeaderboardEntry("Random fills/s", 50_000, "desc"),
                new LeaderboardEntry("Random reads/s", 200_000, "desc"),
                new LeaderboardEntry("Scan entries/s", 2_000_000, "desc"),
                new LeaderboardEntry("Peak heap after GC (MiB)", 46.0, "asc"));
        assertThat(board.notes()).as("the note says how it was measured")
                .anySatisfy(n -> assertThat(n).contains("100,000 keys", "256 KiB memtables", "correct"));
    }

    @Test
    void a_wrong_answer_or_a_failed_engine_gets_no_entry_and_a_note_that_says_why() {
        Leaderboard wrong = Leaderboard.fromBench(BenchResultsFixture.wrongAnswer());
        assertThat(wrong.entries()).as("a wrong answer: no entry, whatever the speed").isEmpty();
        assertThat(wrong.notes()).containsExactly(
                "no leaderboard entry: a wrong answer in readrandom: found only 99,990 of 100,000 keys that were written");

        Leaderboard failed = Leaderboard.fromBench(BenchResultsFixture.failedEngine());
        assertThat(failed.entries()).as("an engine that failed: no entry").isEmpty();
        assertThat(failed.notes()).singleElement().asString()
                .contains("the engine failed during the benchmark", "disk full");

        Leaderboard garbage = Leaderboard.fromBench("{\"engines\": [");
        assertThat(garbage.entries()).as("results that are not JSON").isEmpty();
        assertThat(garbage.notes()).singleElement().asString().contains("cannot be read", "not JSON");

        Leaderboard partial = Leaderboard.fromBench(BenchResultsFixture.correct().replace("\"readseq\", \"ops\"",
                "\"seekrandom\", \"ops\""));
        assertThat(partial.notes()).as("a workload that was never measured").singleElement().asString()
                .contains("did not measure readseq");
    }

    @Test
    @SuppressWarnings("unchecked")
    void results_json_carries_gradescopes_leaderboard_array_and_the_score_is_unchanged() {
        GradeReport plain = new GradeReport(stages(Outcome.PASSED), List.of(), 30);
        GradeReport ranked = plain.withLeaderboard(Leaderboard.fromBench(BenchResultsFixture.correct()));
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(ranked.toJson());
        List<Map<String, Object>> board = (List<Map<String, Object>>) json.get("leaderboard");
        assertThat(board).as("Gradescope's leaderboard: one object per column").hasSize(4)
                .allSatisfy(e -> assertThat(e).containsOnlyKeys("name", "value", "order"));
        assertThat(board.get(1)).containsEntry("name", "Random reads/s").containsEntry("value", 200_000.0)
                .containsEntry("order", "desc");
        assertThat(board.get(3)).containsEntry("name", "Peak heap after GC (MiB)").containsEntry("value", 46.0)
                .containsEntry("order", "asc");
        assertThat(json.get("score")).as("the leaderboard never changes the score")
                .isEqualTo(((Map<String, Object>) JsonReader.parse(plain.toJson())).get("score"));
        assertThat((String) json.get("output")).as("the output says how the numbers were measured")
                .contains("leaderboard: MiniLsm", "Random reads/s");
    }

    @Test
    @SuppressWarnings("unchecked")
    void without_entries_results_json_has_no_leaderboard_but_the_output_says_why() {
        GradeReport failed = new GradeReport(stages(Outcome.FAILED), List.of(), 30)
                .withLeaderboard(Leaderboard.none(Leaderboard.notEligible(stages(Outcome.FAILED))));
        Map<String, Object> json = (Map<String, Object>) JsonReader.parse(failed.toJson());
        assertThat(json).as("no entry for a submission that failed a stage").doesNotContainKey("leaderboard");
        assertThat((String) json.get("output")).contains("no leaderboard entry: the benchmark runs only when every"
                + " graded test passes");
        Map<String, Object> off = (Map<String, Object>) JsonReader.parse(new GradeReport(stages(Outcome.PASSED),
                List.of(), 30).toJson());
        assertThat(off).as("no leaderboard asked for").doesNotContainKey("leaderboard");
        assertThat((String) off.get("output")).doesNotContain("leaderboard");
    }

    @Test
    void entries_are_checked_and_written_as_json_numbers() {
        assertThat(new LeaderboardEntry("a", 152_340, "desc").toJson())
                .isEqualTo("{\"name\": \"a\", \"value\": 152340, \"order\": \"desc\"}");
        assertThat(new LeaderboardEntry("b", 42.46, "asc").valueText()).isEqualTo("42.5");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeaderboardEntry("c", 1, "up"))
                .hasMessageContaining("\"desc\" or \"asc\"");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LeaderboardEntry("d", Double.NaN, "asc"))
                .hasMessageContaining("finite");
    }

    @Test
    void the_reader_takes_json_and_refuses_what_is_not() {
        assertThat(JsonReader.parse("{\"a\": [1, -2.5e1, true, null, \"\\u00e9\\n\"]}"))
                .isEqualTo(Map.of("a", java.util.Arrays.asList(1.0, -25.0, true, null, "é\n")));
        for (String bad : List.of("{\"a\": 1,}", "[01]", "{\"a\": 1, \"a\": 2}", "\"open", "[NaN]", "{} x", "[".repeat(100))) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> JsonReader.parse(bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not JSON at offset");
        }
    }
}
