package org.lsmworkbook.tools.markers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.lsmworkbook.tools.markers.Sources.java;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class StubbingTest {

    private static final StubText DAY1 = new StubText(1, "docs/day1-block.md");

    private static String stub(String source) {
        MarkedFile marked = MarkerParser.parse("X.java", source);
        assertThat(marked.problems()).as("the source's markers should be valid").isEmpty();
        return SolutionRewriter.stub(source, marked.regions(), DAY1);
    }

    private static String throwFor(String member, String task) {
        return "throw new UnsupportedOperationException(\"Day 1, " + task + ": " + member
                + " is not written yet (see docs/day1-block.md)\");";
    }

    @Test
    void a_region_around_members_disappears_with_its_marker_lines() {
        String source = java(
                "class BlockBuilder {",
                "    @BEGIN",
                "    private int size;",
                "    private void grow() { size++; }",
                "    @END",
                "    int given;",
                "}");
        assertThat(stub(source)).as("fields and helpers between the markers are removed")
                .isEqualTo(java("class BlockBuilder {", "    int given;", "}"));
    }

    @Test
    void a_region_in_a_method_body_becomes_the_exact_stub() {
        String source = java(
                "class BlockBuilder {",
                "    boolean add(byte[] key) {",
                "        @BEGIN Task 2",
                "        return key.length > 0;",
                "        @END",
                "    }",
                "}");
        assertThat(stub(source)).as("TODO comment plus throw at the marker's indentation").isEqualTo(java(
                "class BlockBuilder {",
                "    boolean add(byte[] key) {",
                "        // TODO Day 1, Task 2: write BlockBuilder.add (see docs/day1-block.md)",
                "        " + throwFor("BlockBuilder.add", "Task 2"),
                "    }",
                "}"));
    }

    @Test
    void a_constructor_region_names_the_type_and_a_compact_record_constructor_too() {
        String source = java(
                "public final class BlockBuilder {",
                "    public BlockBuilder(int blockSize) throws IllegalStateException {",
                "        @BEGIN Task 1",
                "        this.blockSize = blockSize;",
                "        @END",
                "    }",
                "    record Entry(byte[] key) {",
                "        Entry {",
                "            @BEGIN Task 5",
                "            key = key.clone();",
                "            @END",
                "        }",
                "    }",
                "}");
        String stubbed = stub(source);
        assertThat(stubbed).as("a constructor's stub says it is the constructor")
                .contains("// TODO Day 1, Task 1: write the BlockBuilder constructor (see docs/day1-block.md)")
                .contains(throwFor("the BlockBuilder constructor", "Task 1"))
                .contains("// TODO Day 1, Task 5: write the Entry constructor (see docs/day1-block.md)");
    }

    @Test
    void nested_types_anonymous_classes_and_lambdas_name_the_innermost_type_and_method() {
        String source = java(
                "class Outer {",
                "    static class Inner extends Base<String> implements Runnable {",
                "        public void run() {",
                "            @BEGIN Task 1",
                "            go();",
                "            @END",
                "        }",
                "    }",
                "    Comparator<String> order() {",
                "        return new Comparator<String>() {",
                "            @BEGIN",
                "            private int calls;",
                "            @END",
                "            public int compare(String a, String b) {",
                "                @BEGIN Task 2",
                "                return a.compareTo(b);",
                "                @END",
                "            }",
                "        };",
                "    }",
                "    Runnable task() {",
                "        return () -> {",
                "            if (ready) {",
                "                @BEGIN Task 3",
                "                work();",
                "                @END",
                "            }",
                "        };",
                "    }",
                "}");
        String stubbed = stub(source);
        assertThat(stubbed).as("the nested class's method")
                .contains("// TODO Day 1, Task 1: write Inner.run (see docs/day1-block.md)");
        assertThat(stubbed).as("a method of an anonymous class names the enclosing named type")
                .contains("// TODO Day 1, Task 2: write Outer.compare (see docs/day1-block.md)")
                .doesNotContain("private int calls;");
        assertThat(stubbed).as("a block in a lambda belongs to the method around the lambda")
                .contains("// TODO Day 1, Task 3: write Outer.task (see docs/day1-block.md)");
    }

    @Test
    void braces_in_strings_chars_comments_and_text_blocks_do_not_confuse_the_classifier() {
        String source = java(
                "class Tricky {",
                "    String open = \"{{{\";",
                "    char close = '}';",
                "    /* } } } */",
                "    String block = \"\"\"",
                "        } not code {",
                "        \"\"\";",
                "    int m() { // {",
                "        @BEGIN Task 1",
                "        String s = \"}\";",
                "        return s.length();",
                "        @END",
                "    }",
                "    @BEGIN",
                "    int helper() { return '{'; }",
                "    @END",
                "}");
        String stubbed = stub(source);
        assertThat(stubbed).as("m's region is a body region despite the braces in literals and comments")
                .contains("// TODO Day 1, Task 1: write Tricky.m (see docs/day1-block.md)");
        assertThat(stubbed).as("the helper is a member region and disappears").doesNotContain("helper");
    }

    @Test
    void marker_text_inside_a_text_block_is_not_a_marker() {
        String source = java(
                "class Doc {",
                "    String s = \"\"\"",
                "        @BEGIN Task 9",
                "        \"\"\";",
                "}");
        MarkedFile marked = MarkerParser.parse("Doc.java", source);
        assertThat(marked.problems()).as("no problem: the text block only quotes a marker").isEmpty();
        assertThat(marked.regions()).as("no region either").isEmpty();
    }

    @Test
    void file_level_regions_disappear_and_enum_constant_bodies_are_classes() {
        String source = java(
                "package p;",
                "@BEGIN",
                "import java.util.Arrays;",
                "@END",
                "enum Color {",
                "    RED {",
                "        int code() {",
                "            @BEGIN Task 1",
                "            return 1;",
                "            @END",
                "        }",
                "    };",
                "}");
        String stubbed = stub(source);
        assertThat(stubbed).as("the solution-only import is gone").doesNotContain("import");
        assertThat(stubbed).contains("// TODO Day 1, Task 1: write Color.code (see docs/day1-block.md)");
    }

    @Test
    void solving_keeps_the_code_and_drops_only_the_marker_lines_with_crlf_kept() {
        String source = java(
                "class A {",
                "    @BEGIN",
                "    int x;",
                "    @END",
                "    int m() {",
                "        @BEGIN Task 1",
                "        return x;",
                "        @END",
                "    }",
                "}").replace("\n", "\r\n");
        MarkedFile marked = MarkerParser.parse("A.java", source);
        assertThat(SolutionRewriter.solve(source, marked.regions()))
                .isEqualTo(java("class A {", "    int x;", "    int m() {", "        return x;", "    }", "}")
                        .replace("\n", "\r\n"));
        assertThat(SolutionRewriter.stub(source, marked.regions(), DAY1)).as("stub lines use the file's CRLF")
                .contains("(see docs/day1-block.md)\r\n").doesNotContain("md)\n");
    }

    @Test
    void a_label_with_quotes_is_escaped_in_the_string_literal() {
        Region region = new Region(1, 2, "Task \"2\"", Region.Placement.STUBBED, "", "A", "m");
        assertThat(DAY1.throwLine(region)).as("quotes in the label must not end the string")
                .isEqualTo("throw new UnsupportedOperationException(\"Day 1, Task \\\"2\\\": A.m is not written yet"
                        + " (see docs/day1-block.md)\");");
    }

    @Test
    void a_partial_edition_keeps_the_chosen_tasks_and_the_member_regions_and_stubs_the_rest() {
        String source = java(
                "class Builder {",
                "    @BEGIN",
                "    private int size;",
                "    @END",
                "    void add() {",
                "        @BEGIN Task 1",
                "        size++;",
                "        @END",
                "    }",
                "    int count() {",
                "        @BEGIN Task 2",
                "        return size;",
                "        @END",
                "    }",
                "}");
        MarkedFile marked = MarkerParser.parse("X.java", source);
        String partial = SolutionRewriter.partial(source, marked.regions(), DAY1,
                region -> region.task() == 0 || region.task() <= 1);
        assertThat(partial).as("task 1 and the field kept, task 2 stubbed").isEqualTo(java(
                "class Builder {",
                "    private int size;",
                "    void add() {",
                "        size++;",
                "    }",
                "    int count() {",
                "        // TODO Day 1, Task 2: write Builder.count (see docs/day1-block.md)",
                "        " + throwFor("Builder.count", "Task 2"),
                "    }",
                "}"));
    }

    @Test
    void a_later_task_may_finish_a_method_an_earlier_task_starts_and_its_stub_does_not_throw() {
        String source = java(
                "class Engine {",
                "    void put() {",
                "        @BEGIN Task 2",
                "        int size = 1;",
                "        @END",
                "        @BEGIN Task 3",
                "        freeze(size);",
                "        @END",
                "    }",
                "}");
        MarkedFile marked = MarkerParser.parse("X.java", source);
        assertThat(marked.problems()).as("a region of a later task may follow in the same body").isEmpty();
        assertThat(marked.regions().get(1).chained()).isTrue();
        assertThat(SolutionRewriter.stub(source, marked.regions(), DAY1))
                .as("only the first stub throws: a second throw would be unreachable")
                .isEqualTo(java(
                        "class Engine {",
                        "    void put() {",
                        "        // TODO Day 1, Task 2: write Engine.put (see docs/day1-block.md)",
                        "        " + throwFor("Engine.put", "Task 2"),
                        "        // TODO Day 1, Task 3: write Engine.put (see docs/day1-block.md)",
                        "    }",
                        "}"));
        assertThat(SolutionRewriter.partial(source, marked.regions(), DAY1, region -> region.task() <= 2))
                .as("with task 2 written, the method runs to its end without task 3's code")
                .isEqualTo(java(
                        "class Engine {",
                        "    void put() {",
                        "        int size = 1;",
                        "        // TODO Day 1, Task 3: write Engine.put (see docs/day1-block.md)",
                        "    }",
                        "}"));
    }

    @Test
    void code_after_a_region_that_is_not_a_later_task_s_region_is_refused() {
        String source = java(
                "class Engine {",
                "    void put() {",
                "        @BEGIN Task 3",
                "        int size = 1;",
                "        @END",
                "        @BEGIN Task 2",
                "        freeze(size);",
                "        @END",
                "    }",
                "}");
        assertThat(MarkerParser.parse("X.java", source).problems()).singleElement()
                .satisfies(problem -> assertThat(problem.toString()).contains("code follows the region"));
    }

    @Test
    void a_bonus_task_s_region_is_numbered_after_the_core_and_stubbed_like_any_other() {
        String source = java(
                "class Filter {",
                "    boolean mayContain(int key) {",
                "        @BEGIN Task 6 (bonus: bloom filter)",
                "        return key > 0;",
                "        @END",
                "    }",
                "    int size() {",
                "        @BEGIN Task 2",
                "        return 1;",
                "        @END",
                "    }",
                "}");
        MarkedFile marked = MarkerParser.parse("X.java", source);
        assertThat(marked.regions()).extracting(Region::task, Region::bonus)
                .as("the label '(bonus' makes a region a bonus task's; its number is the next after the core's")
                .containsExactly(org.assertj.core.groups.Tuple.tuple(6, true),
                        org.assertj.core.groups.Tuple.tuple(2, false));
        assertThat(stub(source)).as("a bonus region's stub names the task with its label, as any other")
                .contains("        // TODO Day 1, Task 6 (bonus: bloom filter): write Filter.mayContain (see docs/day1-block.md)",
                        "        " + throwFor("Filter.mayContain", "Task 6 (bonus: bloom filter)"));
    }
}
