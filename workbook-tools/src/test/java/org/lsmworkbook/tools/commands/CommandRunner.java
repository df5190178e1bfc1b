package org.lsmworkbook.tools.commands;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.lsmworkbook.tools.Workbook;

/**
 * Runs {@code ./workbook} commands in-process against a given root and captures what they print.
 * Maven must not be started by these tests, so the Maven it hands over fails the test if used.
 */
public final class CommandRunner {

    /**
     * What a command printed and returned.
     *
     * @param exitCode the exit code
     * @param out standard output
     * @param err standard error
     */
    public record Result(int exitCode, String out, String err) {
    }

    private CommandRunner() {
    }

    /**
     * Runs one command.
     *
     * @param root the repository root
     * @param args the command line after {@code ./workbook}
     * @return what happened
     */
    public static Result run(Path root, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        Context context = new Context(root, outStream, (dir, arguments, log) -> {
            fail("unit tests must not start Maven, but got: mvn " + arguments);
            return 1;
        });
        int exit = Workbook.run(context, errStream, args);
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
