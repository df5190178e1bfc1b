package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.lsmworkbook.tools.WorkbookException;

@Timeout(10)
class TestCatalogTest {

    private static List<GradedTest> scan(String... lines) {
        return TestCatalog.scan("day1-block", "day1-block/p/XTest.java", String.join("\n", lines));
    }

    @Test
    void finds_test_methods_with_their_class_and_display_names() {
        List<GradedTest> tests = scan(
                "package p.q;",
                "import org.junit.jupiter.api.*;",
                "@DisplayName(\"Day 1 · Task 1 — blocks\")",
                "@Timeout(10)",
                "class XTest {",
                "    private static final List<String> NAMES = List.of(\"a\", make(\"{\"));",
                "    @Test",
                "    void an_empty_key_is_rejected() { helper(\"}\"); }",
                "    @ParameterizedTest",
                "    @ValueSource(longs = {1, 2, 3})",
                "    void model(long seed, @TempDir Path dir) { }",
                "    @org.junit.jupiter.api.Test @DisplayName(\"named \\\"here\\\"\") void named() { }",
                "    void helper(String s) { }",
                "    @BeforeEach void setUp() { }",
                "}");
        assertThat(tests).as("three test methods; helpers, fixtures and field initialisers are not tests")
                .extracting(GradedTest::key)
                .containsExactly("p.q.XTest#an_empty_key_is_rejected", "p.q.XTest#model", "p.q.XTest#named");
        assertThat(tests).extracting(GradedTest::displayName).containsExactly(
                "Day 1 · Task 1 — blocks › an empty key is rejected",
                "Day 1 · Task 1 — blocks › model",
                "Day 1 · Task 1 — blocks › named \"here\"");
        assertThat(tests).as("one point each by default, and not hidden")
                .allSatisfy(t -> {
                    assertThat(t.points()).isEqualTo(1);
                    assertThat(t.hidden()).isFalse();
                    assertThat(t.module()).isEqualTo("day1-block");
                });
    }

    @Test
    void a_points_tag_on_a_method_or_on_its_class_sets_the_points() {
        List<GradedTest> tests = scan(
                "package p;",
                "@Tag(\"points=3\")",
                "class XTest {",
                "    @Test void three() { }",
                "    @Test @Tag(\"points=0\") void none() { }",
                "    @Tag(value = \"points=7\") @Test void seven() { }",
                "}");
        assertThat(tests).extracting(GradedTest::method, GradedTest::points)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("three", 3),
                        org.assertj.core.groups.Tuple.tuple("none", 0),
                        org.assertj.core.groups.Tuple.tuple("seven", 7));
    }

    @Test
    void a_malformed_points_tag_is_refused_with_the_file_and_line() {
        assertThatThrownBy(() -> scan("package p;", "class XTest {", "  @Test", "  @Tag(\"points=two\")",
                "  void t() { }", "}"))
                .isInstanceOf(WorkbookException.class)
                .hasMessageContaining("day1-block/p/XTest.java:4")
                .hasMessageContaining("points=N");
        assertThatThrownBy(() -> scan("package p;", "class XTest {", "  @Test @Tag(\"points=101\") void t() { }", "}"))
                .as("more than " + TestCatalog.MAX_POINTS + " points is refused")
                .isInstanceOf(WorkbookException.class);
    }

    @Test
    void disabled_tests_and_classes_are_not_graded() {
        assertThat(scan("package p;", "class XTest {", "  @Disabled(\"later\") @Test void off() { }",
                "  @Test void on() { }", "}"))
                .extracting(GradedTest::method).containsExactly("on");
        assertThat(scan("package p;", "@Disabled", "class XTest {", "  @Test void on() { }", "}")).isEmpty();
    }

    @Test
    void a_file_tagged_hidden_holds_hidden_tests() {
        assertThat(scan("package p;", "@Tag(\"hidden\")", "class XTest {", "  @Test void secret() { }", "}"))
                .singleElement().extracting(GradedTest::hidden).isEqualTo(true);
    }

    @Test
    void only_nested_classes_marked_nested_run_and_they_take_a_binary_name() {
        List<GradedTest> tests = scan(
                "package p;",
                "class XTest {",
                "    @Nested class Inner { @Test void inside() { } }",
                "    static class Helper { @Test void never() { } }",
                "    @Test void outside() { Object o = new Object() { public String toString() { return \"\"; } }; }",
                "}");
        assertThat(tests).extracting(GradedTest::key).containsExactly("p.XTest$Inner#inside", "p.XTest#outside");
    }

    @Test
    void tests_tagged_given_or_architecture_are_not_tests_of_the_solution() {
        List<GradedTest> tests = scan(
                "package p;",
                "class XTest {",
                "    @Test void solved() { }",
                "    @Test @Tag(\"given\") void handed_out() { }",
                "}");
        assertThat(tests).extracting(GradedTest::solution).containsExactly(true, false);
        assertThat(scan("package p;", "@Tag(\"architecture\")", "class ArchTest {", "  @Test void rule() { }", "}"))
                .singleElement().extracting(GradedTest::solution).isEqualTo(false);
    }

    @Test
    void unquote_resolves_escapes() {
        assertThat(TestCatalog.unquote("\"a\\\"b\\\\c\\n\\u00e9\"")).isEqualTo("a\"b\\c\né");
    }

    @Test
    void tests_tagged_bonus_on_the_method_or_the_class_are_bonus_tests_of_the_solution() {
        List<GradedTest> tests = scan(
                "package p;",
                "@DisplayName(\"Day 2 · Task 2 — tables\")",
                "class XTest {",
                "    @Test void core() { }",
                "    @Test @Tag(\"bonus\") void extra() { }",
                "    @Test @Tag(\"bonus\") @Tag(\"points=3\") void worth_three() { }",
                "}");
        assertThat(tests).extracting(GradedTest::method, GradedTest::bonus, GradedTest::solution, GradedTest::points)
                .as("a bonus test tests the solution and is worth 1 point unless points=N says otherwise")
                .containsExactly(org.assertj.core.groups.Tuple.tuple("core", false, true, 1),
                        org.assertj.core.groups.Tuple.tuple("extra", true, true, 1),
                        org.assertj.core.groups.Tuple.tuple("worth_three", true, true, 3));
        List<GradedTest> bonusClass = scan(
                "package p;",
                "@Tag(\"bonus\")",
                "@DisplayName(\"Day 2 · Task 6 (bonus) — bloom filter\")",
                "class BloomTest {",
                "    @Test void no_false_negatives() { }",
                "    @Nested class Corruption { @Test void every_byte() { } }",
                "}");
        assertThat(bonusClass).as("the class's tag covers its methods and its nested classes")
                .extracting(GradedTest::key, GradedTest::bonus)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("p.BloomTest#no_false_negatives", true),
                        org.assertj.core.groups.Tuple.tuple("p.BloomTest$Corruption#every_byte", true));
        assertThat(bonusClass.get(0).displayName()).isEqualTo("Day 2 · Task 6 (bonus) — bloom filter › no false negatives");
    }

    @Test
    void a_test_tagged_bonus_and_given_is_refused() {
        assertThatThrownBy(() -> scan("package p;", "@Tag(\"given\")", "class XTest {",
                "  @Test @Tag(\"bonus\") void t() { }", "}"))
                .as("a bonus test tests the student's solution; given code passes before anything is written")
                .isInstanceOf(WorkbookException.class)
                .hasMessageContaining("day1-block/p/XTest.java:4")
                .hasMessageContaining("\"bonus\" and \"given\" or \"architecture\"");
    }
}
