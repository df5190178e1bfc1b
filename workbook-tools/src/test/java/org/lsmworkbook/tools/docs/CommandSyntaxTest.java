package org.lsmworkbook.tools.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CommandSyntaxTest {

    @Test
    void options_with_values_flags_and_required_options_come_from_the_synopsis() {
        CommandSyntax grade = CommandSyntax.parse("grade --submission DIR [--json FILE] [--offline] [--expect full|stubs]");
        assertThat(grade.name()).isEqualTo("grade");
        assertThat(grade.options()).containsEntry("--submission", "DIR").containsEntry("--json", "FILE")
                .containsEntry("--offline", null).containsEntry("--expect", "full|stubs");
        assertThat(grade.required()).containsExactly("--submission");
        assertThat(grade.positional()).isEmpty();
    }

    @Test
    void nested_optional_arguments_and_brackets_inside_a_word() {
        CommandSyntax test = CommandSyntax.parse("test [dayN [TestClass[#method]]]");
        assertThat(test.positional()).containsExactly(
                new CommandSyntax.Slot("dayN", CommandSyntax.Kind.STAGE, true),
                new CommandSyntax.Slot("TestClass[#method]", CommandSyntax.Kind.TEST, true));
        assertThat(CommandSyntax.parse("red-gate DIR").positional())
                .containsExactly(new CommandSyntax.Slot("DIR", CommandSyntax.Kind.ANY, false));
        CommandSyntax bench = CommandSyntax.parse("bench [--quick] [--jmh] [ARGS...]");
        assertThat(bench.options()).containsEntry("--quick", null).containsEntry("--jmh", null);
        assertThat(bench.takesRest()).isTrue();
    }

    @Test
    void shell_lines_split_into_simple_commands() {
        assertThat(ShellWords.commands("printf 'put a 1\\nflush\\n' | ./workbook shell --path /tmp/db   # a comment"))
                .containsExactly(List.of("printf", "put a 1\\nflush\\n"), List.of("./workbook", "shell", "--path", "/tmp/db"));
        assertThat(ShellWords.commands(
                "for s in ../s/*/; do ./workbook grade --submission \"$s\" --json \"../r/$(basename \"$s\").json\"; done"))
                .contains(List.of("./workbook", "grade", "--submission", "$s", "--json", "../r/$(basename \"$s\").json"));
        assertThat(ShellWords.commands("AUTOGRADER_ROOT=\"$t\" bash run && (cd x && unzip -q y)"))
                .containsExactly(List.of("bash", "run"), List.of("cd", "x"), List.of("unzip", "-q", "y"));
    }
}
