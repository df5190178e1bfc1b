package org.lsmworkbook.tools.commands;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.shell.EngineBuild;

/**
 * {@code shell [--path DIR]}: opens the finished engine on a directory and reads commands (put,
 * get, scan, flush, dump, ...) from the terminal or from a pipe.
 *
 * <p>The shell itself is {@code LsmShell} in the write path's stage; this command builds the stages
 * when they changed since the last build (see {@link EngineBuild}), then runs the shell as a child
 * process that shares this one's standard input and output, and exits with its exit code.
 */
public final class ShellCommand implements Command {

    /** The database directory when {@code --path} is not given, relative to the current directory. */
    public static final String DEFAULT_PATH = "lsm.db";

    /** Starts the shell's process and waits for it to end; tests pass one that records the command. */
    interface Launcher {

        /**
         * Runs a command.
         *
         * @param command the program and its arguments
         * @return the program's exit code
         */
        int run(List<String> command);
    }

    private final PrintStream progress;
    private final Launcher launcher;

    /**
     * Creates the command.
     *
     * @param progress where the build's progress and failures are printed (standard error)
     */
    public ShellCommand(PrintStream progress) {
        this(progress, ShellCommand::runChild);
    }

    ShellCommand(PrintStream progress, Launcher launcher) {
        this.progress = progress;
        this.launcher = launcher;
    }

    @Override
    public String name() {
        return "shell";
    }

    @Override
    public String usage() {
        return "shell [--path DIR]";
    }

    @Override
    public String description() {
        return "open a database and type commands (put, get, scan, flush, dump...)";
    }

    @Override
    public int run(Context context, List<String> arguments) {
        Arguments args = new Arguments(name(), arguments);
        String path = args.option("--path");
        args.positional(0);
        // A relative DIR means relative to where the user typed the command, as with any tool.
        Path database = databaseDirectory(path == null ? DEFAULT_PATH : path);

        EngineBuild engine = EngineBuild.of(context.root());
        if (engine.needsBuild() && !build(context, engine)) {
            return 1;
        }
        List<String> command = List.of(ChildProcess.javaExecutable(), "-cp", String.join(File.pathSeparator, engine.classpath()),
                EngineBuild.MAIN_CLASS, "--path", database.toString());
        context.out().flush();
        return launcher.run(command);
    }

    private static Path databaseDirectory(String path) {
        if (path.isBlank()) {
            throw WorkbookException.usage("shell: --path needs a directory, e.g. --path lsm.db");
        }
        try {
            return Path.of(path).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw WorkbookException.usage("shell: '" + path + "' is not a usable directory name: " + e.getReason());
        }
    }

    /** Runs Maven once; on failure prints its output and says so. True if the engine is built. */
    private boolean build(Context context, EngineBuild engine) {
        List<Stage> stages = engine.stages();
        progress.println("building the engine (days " + stages.get(0).day() + "-"
                + stages.get(stages.size() - 1).day() + ")...");
        FileTime start = FileTime.from(Instant.now());
        if (!QuietMaven.run(context, engine.mavenArguments(), progress, "building the engine",
                "Fix what it names, then run ./workbook shell again.")) {
            return false;
        }
        engine.markBuilt(start);
        return true;
    }

    private static int runChild(List<String> command) {
        return ChildProcess.run(command, "the shell");
    }
}
