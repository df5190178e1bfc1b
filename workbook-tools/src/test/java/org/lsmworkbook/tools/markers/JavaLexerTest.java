package org.lsmworkbook.tools.markers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class JavaLexerTest {

    private static List<String> braces(String source) {
        return JavaLexer.lex(source).tokens().stream()
                .filter(t -> t.is("{") || t.is("}"))
                .map(t -> t.text() + "@" + t.line())
                .toList();
    }

    @Test
    void braces_inside_strings_chars_and_comments_are_not_code() {
        String source = String.join("\n",
                "class A {",
                "  String s = \"{ \\\" }}\";",
                "  char c = '{', d = '\\'', e = '}';",
                "  // { line comment",
                "  /* { block",
                "     } comment */",
                "}");
        assertThat(braces(source)).as("only the class body's braces are code").containsExactly("{@1", "}@7");
    }

    @Test
    void braces_inside_text_blocks_are_not_code() {
        String source = String.join("\n",
                "class A {",
                "  String t = \"\"\"",
                "      { \\\"\"\" still inside }",
                "      }\"\"\";",
                "  void m() { }",
                "}");
        assertThat(braces(source)).as("text-block braces ignored, escaped quotes do not end it")
                .containsExactly("{@1", "{@5", "}@5", "}@6");
    }

    @Test
    void lines_that_start_inside_a_comment_or_text_block_are_known() {
        String source = String.join("\r\n", "/* a", "b */", "String t = \"\"\"", "  c", "  \"\"\";", "x");
        JavaLexer.Lexed lexed = JavaLexer.lex(source);
        assertThat(List.of(1, 2, 3, 4, 5, 6).stream().filter(lexed::startsInsideText).toList())
                .as("lines 2 (comment) and 4, 5 (text block) begin inside text; CRLF counts as one line break")
                .containsExactly(2, 4, 5);
    }

    @Test
    void arrows_and_method_references_are_single_tokens() {
        List<String> texts = JavaLexer.lex("a -> b::c").tokens().stream().map(Token::text).toList();
        assertThat(texts).containsExactly("a", "->", "b", "::", "c");
    }
}
