package org.lsmworkbook.tools.gate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.lsmworkbook.tools.maven.TestCaseResult;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

/**
 * Judges an edition's test results against the red gate's rules: every graded test of a stubbed
 * stage fails (and there is at least one), every test of a solved stage passes, and every test
 * tagged given or architecture passes. Pure, so the rules are tested without running Maven.
 */
public final class GateVerdict {

    private final List<String> table = new ArrayList<>();
    private final List<String> offenses = new ArrayList<>();
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    private GateVerdict() {
    }

    /**
     * Judges the results of every stage.
     *
     * @param runs one entry per stage, in course order
     * @return the verdict
     */
    public static GateVerdict judge(List<StageRun> runs) {
        GateVerdict verdict = new GateVerdict();
        verdict.table.add(String.format("%-20s %-8s %-18s %s", "stage", "role", "graded", "given+architecture"));
        for (StageRun run : runs) {
            verdict.judgeStage(run);
        }
        return verdict;
    }

    /**
     * A verdict for an edition that did not compile: nothing else can be judged.
     *
     * @return a failed verdict
     */
    public static GateVerdict notCompiled() {
        GateVerdict verdict = new GateVerdict();
        verdict.count("the edition does not compile");
        return verdict;
    }

    private void judgeStage(StageRun run) {
        List<TestCaseResult> graded = run.graded();
        long gradedFailed = graded.stream().filter(r -> r.outcome().isFailure()).count();
        long gradedPassed = graded.stream().filter(r -> r.outcome() == Outcome.PASSED).count();
        long givenPassed = run.givenAndArchitecture().stream().filter(r -> r.outcome() == Outcome.PASSED).count();
        String gradedCell = run.role() == StageRole.STUBBED
                ? gradedFailed + "/" + graded.size() + " failed"
                : gradedPassed + "/" + graded.size() + " passed";
        table.add(String.format("%-20s %-8s %-18s %s", run.module(), run.role().label(), gradedCell,
                givenPassed + "/" + run.givenAndArchitecture().size() + " passed"));

        if (run.role() == StageRole.STUBBED) {
            if (graded.isEmpty()) {
                offend("stubbed stage without graded tests", run.module()
                        + ": a stubbed stage needs at least one graded test (tests tagged given or architecture"
                        + " do not count)");
            }
            for (TestCaseResult result : graded) {
                if (result.outcome() == Outcome.PASSED) {
                    offend("graded test passed on the stub", result.displayName()
                            + ": it must call code the student writes");
                } else if (result.outcome() == Outcome.SKIPPED) {
                    offend("graded test skipped on the stub", result.displayName()
                            + ": a skipped test never goes red; it must run and fail until the task is done");
                }
            }
        } else {
            for (TestCaseResult result : graded) {
                if (result.outcome().isFailure()) {
                    offend("graded test failed on a solved stage", result.displayName()
                            + ": a checkpoint must keep the stages before it working");
                } else if (result.outcome() == Outcome.SKIPPED) {
                    offend("graded test skipped on a solved stage", result.displayName()
                            + ": every test of a solved stage must pass");
                }
            }
        }
        for (TestCaseResult result : run.givenAndArchitecture()) {
            if (result.outcome() != Outcome.PASSED) {
                offend("given/architecture test did not pass", result.displayName() + " ("
                        + result.outcome().name().toLowerCase(java.util.Locale.ROOT)
                        + "): given code and architecture rules must hold before the student writes anything");
            }
        }
    }

    private void offend(String category, String detail) {
        offenses.add(category + ": " + detail);
        count(category);
    }

    private void count(String category) {
        counts.merge(category, 1, Integer::sum);
    }

    /**
     * The table, a header line and one row per stage.
     *
     * @return the table's lines
     */
    public List<String> table() {
        return List.copyOf(table);
    }

    /**
     * Every offending test or stage, with a hint.
     *
     * @return one line per offense
     */
    public List<String> offenses() {
        return List.copyOf(offenses);
    }

    /**
     * Tells whether the edition passed the gate.
     *
     * @return true if nothing offended
     */
    public boolean passed() {
        return counts.isEmpty();
    }

    /**
     * The gate's last line.
     *
     * @return "red gate: passed" or "red gate: FAILED (...)" with counts per kind of offense
     */
    public String lastLine() {
        if (passed()) {
            return "red gate: passed";
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((category, n) -> parts.add(n + " x " + category));
        return "red gate: FAILED (" + String.join(", ", parts) + ")";
    }
}
