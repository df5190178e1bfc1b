package org.lsmworkbook.tools.maven;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.lsmworkbook.tools.WorkbookException;

/**
 * Runs the real {@code mvn} (or {@code mvn.cmd} on Windows) as a child process. The environment
 * variable {@code WORKBOOK_MVN} names another executable, e.g. a Maven wrapper.
 */
public final class MavenProcess implements Maven {

    /** The environment variable that overrides the Maven executable. */
    public static final String OVERRIDE = "WORKBOOK_MVN";

    private final String executable;

    /**
     * Creates a runner for the given executable.
     *
     * @param executable the Maven executable to start
     */
    public MavenProcess(String executable) {
        this.executable = executable;
    }

    /**
     * Creates a runner for the Maven the user's environment asks for.
     *
     * @return a runner for {@code $WORKBOOK_MVN}, or {@code mvn}/{@code mvn.cmd}
     */
    public static MavenProcess fromEnvironment() {
        String override = System.getenv(OVERRIDE);
        if (override != null && !override.isBlank()) {
            return new MavenProcess(override.strip());
        }
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new MavenProcess(windows ? "mvn.cmd" : "mvn");
    }

    @Override
    public int run(Path workDir, List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(executable);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile());
        if (log == null) {
            builder.inheritIO();
        } else {
            try {
                Files.createDirectories(log.toAbsolutePath().getParent());
            } catch (IOException e) {
                throw new WorkbookException("cannot create the directory for " + log + ": " + e.getMessage());
            }
            builder.redirectErrorStream(true).redirectOutput(log.toFile());
        }
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            throw new WorkbookException("cannot run Maven ('" + executable + "'): " + e.getMessage()
                    + "\nInstall Maven 3.8 or newer and put it on the PATH, or set " + OVERRIDE
                    + " to the Maven executable.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WorkbookException("interrupted while waiting for Maven");
        }
    }
}
