package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.lsmworkbook.tools.WorkbookException;

/** Starts a program that shares this process's terminal, and the JDK to start Java programs with. */
final class ChildProcess {

    private ChildProcess() {
    }

    /** The java that runs these tools, so that a child gets the same JDK. */
    static String javaExecutable() {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        Path java = Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java.toString();
        }
        return ProcessHandle.current().info().command().orElse("java");
    }

    /**
     * Runs a command with inherited standard input, output and error, and waits for it. If this
     * process is stopped meanwhile, the child is stopped too rather than left behind.
     *
     * @param command the program and its arguments
     * @param what the child's name in error messages, e.g. "the shell"
     * @return the child's exit code
     */
    static int run(List<String> command, String what) {
        Process process;
        try {
            process = new ProcessBuilder(command).inheritIO().start();
        } catch (IOException e) {
            throw new WorkbookException("cannot start " + what + " with " + command.get(0) + ": " + e.getMessage());
        }
        Thread stop = new Thread(process::destroy);
        Runtime.getRuntime().addShutdownHook(stop);
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            throw new WorkbookException("interrupted while " + what + " was running");
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stop);
            } catch (IllegalStateException e) {
                // already shutting down: the hook runs, and the child has ended anyway
            }
        }
    }
}
