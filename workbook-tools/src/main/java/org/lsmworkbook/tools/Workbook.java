package org.lsmworkbook.tools;

import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.lsmworkbook.tools.commands.BenchCommand;
import org.lsmworkbook.tools.commands.CheckDocsCommand;
import org.lsmworkbook.tools.commands.Command;
import org.lsmworkbook.tools.commands.Context;
import org.lsmworkbook.tools.commands.GradeCommand;
import org.lsmworkbook.tools.commands.GradescopeCommand;
import org.lsmworkbook.tools.commands.HelpCommand;
import org.lsmworkbook.tools.commands.MutationCommand;
import org.lsmworkbook.tools.commands.RedGateCommand;
import org.lsmworkbook.tools.commands.ShellCommand;
import org.lsmworkbook.tools.commands.StudentCommand;
import org.lsmworkbook.tools.commands.TaskGateCommand;
import org.lsmworkbook.tools.commands.TestCommand;
import org.lsmworkbook.tools.maven.MavenProcess;

/**
 * The entry point of {@code ./workbook}: picks the command and turns refusals into messages and
 * exit codes (0 success, 1 tests or gate failed, 2 refused or misused).
 *
 * <p>The launcher passes the repository root as the system property {@code workbook.root}; without
 * it the current directory is the root.
 */
public final class Workbook {

    private Workbook() {
    }

    /**
     * Runs a command and exits with its exit code.
     *
     * @param args the command and its arguments
     */
    public static void main(String[] args) {
        Path root = Path.of(System.getProperty("workbook.root", ".")).toAbsolutePath().normalize();
        Context context = new Context(root, System.out, MavenProcess.fromEnvironment());
        System.exit(run(context, System.err, args));
    }

    /**
     * Runs a command.
     *
     * @param context the repository, output and Maven to use
     * @param err where refusals are printed
     * @param args the command and its arguments
     * @return the exit code
     */
    public static int run(Context context, PrintStream err, String... args) {
        List<Command> commands = commands(err);
        String name = args.length == 0 || args[0].equals("-h") || args[0].equals("--help") ? "help" : args[0];
        List<String> rest = args.length == 0 ? List.of() : Arrays.asList(args).subList(1, args.length);
        try {
            Command command = commands.stream().filter(c -> c.name().equals(name)).findFirst()
                    .orElseThrow(() -> WorkbookException.usage("unknown command '" + name + "'"));
            if (!Files.isDirectory(context.root())) {
                throw new WorkbookException("the repository root " + context.root() + " is not a directory");
            }
            return command.run(context, rest);
        } catch (WorkbookException e) {
            err.println("workbook: " + e.getMessage());
            if (e.pointToHelp()) {
                err.println("See ./workbook help for the commands and their options.");
            }
            return e.exitCode();
        } catch (UncheckedIOException e) {
            err.println("workbook: " + e.getMessage() + ": " + e.getCause().getMessage());
            return 1;
        } finally {
            context.out().flush();
        }
    }

    private static List<Command> commands(PrintStream err) {
        List<Command> commands = new ArrayList<>();
        commands.add(new StudentCommand());
        commands.add(new TestCommand());
        commands.add(new RedGateCommand());
        commands.add(new TaskGateCommand());
        commands.add(new GradeCommand());
        commands.add(new GradescopeCommand());
        commands.add(new ShellCommand(err));
        commands.add(new BenchCommand(err));
        commands.add(new CheckDocsCommand());
        commands.add(new MutationCommand(err));
        commands.add(new HelpCommand(commands));
        return commands;
    }
}
