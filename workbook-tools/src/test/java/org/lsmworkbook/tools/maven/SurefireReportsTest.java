package org.lsmworkbook.tools.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.maven.TestCaseResult.Outcome;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SurefireReportsTest {

    @TempDir
    Path module;

    private Path report(String name, String xml) throws IOException {
        Path dir = Files.createDirectories(SurefireReports.directory(module));
        return Files.writeString(dir.resolve(name), xml);
    }

    @Test
    void every_outcome_is_read_from_a_report() throws IOException {
        report("TEST-org.x.FooTest.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuite name="org.x.FooTest" tests="6" errors="2" skipped="1" failures="1">
                  <properties><property name="a" value="b"/></properties>
                  <testcase name="passes" classname="org.x.FooTest" time="0.1"/>
                  <testcase name="fails" classname="org.x.FooTest">
                    <failure message="[count] expected: &lt;2&gt;&#10;second line" type="org.opentest4j.AssertionFailedError">trace</failure>
                  </testcase>
                  <testcase name="errs" classname="org.x.FooTest">
                    <error message="Day 1, Task 1" type="java.lang.UnsupportedOperationException"/>
                    <system-out>printed</system-out>
                  </testcase>
                  <testcase name="skipped" classname="org.x.FooTest"><skipped message="disabled"/></testcase>
                  <testcase name="param(int)[1]" classname="org.x.FooTest$Inner"/>
                  <testcase name="npe" classname="org.x.FooTest"><error type="java.lang.NullPointerException"/></testcase>
                </testsuite>
                """);
        List<TestCaseResult> results = SurefireReports.read(SurefireReports.directory(module));
        assertThat(results).as("one result per testcase, in document order, with the first line of a "
                        + "failure's message, or the exception type when there is no message").containsExactly(
                new TestCaseResult("org.x.FooTest", "passes", Outcome.PASSED),
                new TestCaseResult("org.x.FooTest", "fails", Outcome.FAILED, "[count] expected: <2>",
                        "[count] expected: <2>\nsecond line", "trace"),
                new TestCaseResult("org.x.FooTest", "errs", Outcome.ERROR, "Day 1, Task 1"),
                new TestCaseResult("org.x.FooTest", "skipped", Outcome.SKIPPED),
                new TestCaseResult("org.x.FooTest$Inner", "param(int)[1]", Outcome.PASSED),
                new TestCaseResult("org.x.FooTest", "npe", Outcome.ERROR, "java.lang.NullPointerException"));
        assertThat(TestTally.of(results).describe()).as("the summary of ./workbook test")
                .isEqualTo("2 passed, 3 failed, 1 skipped (6 tests)");
    }

    @Test
    void a_display_name_in_classname_falls_back_to_the_suite_name() throws IOException {
        report("TEST-org.x.BarTest.xml", """
                <testsuite name="org.x.BarTest">
                  <testcase name="seeks" classname="Day 1 · Task 4 — seeking in a block"/>
                </testsuite>
                """);
        assertThat(SurefireReports.read(SurefireReports.directory(module)))
                .extracting(TestCaseResult::displayName).as("Class#method with the real class name")
                .containsExactly("org.x.BarTest#seeks");
    }

    @Test
    void a_rerun_that_passed_counts_as_passed() throws IOException {
        report("TEST-org.x.Flaky.xml", """
                <testsuite name="org.x.Flaky">
                  <testcase name="sometimes" classname="org.x.Flaky"><flakyFailure message="once"/></testcase>
                </testsuite>
                """);
        assertThat(SurefireReports.read(SurefireReports.directory(module)))
                .extracting(TestCaseResult::outcome).containsExactly(Outcome.PASSED);
    }

    @Test
    void reports_from_several_files_are_read_and_other_files_ignored() throws IOException {
        report("TEST-b.B.xml", "<testsuite name=\"b.B\"><testcase name=\"t\" classname=\"b.B\"/></testsuite>");
        report("TEST-a.A.xml", "<testsuite name=\"a.A\"><testcase name=\"t\" classname=\"a.A\"/></testsuite>");
        report("a.A.txt", "plain text summary");
        assertThat(SurefireReports.read(SurefireReports.directory(module)))
                .extracting(TestCaseResult::className).as("file-name order").containsExactly("a.A", "b.B");
    }

    @Test
    void no_reports_is_not_the_same_as_no_tests_and_delete_removes_them() throws IOException {
        assertThat(SurefireReports.read(SurefireReports.directory(module))).as("no directory: null").isNull();
        report("a.A.txt", "no xml");
        assertThat(SurefireReports.read(SurefireReports.directory(module))).as("no TEST-*.xml: null").isNull();
        report("TEST-a.A.xml", "<testsuite name=\"a.A\"/>");
        assertThat(SurefireReports.read(SurefireReports.directory(module))).as("a suite without tests").isEmpty();
        SurefireReports.delete(module);
        assertThat(SurefireReports.directory(module)).as("stale reports deleted").doesNotExist();
    }
}
