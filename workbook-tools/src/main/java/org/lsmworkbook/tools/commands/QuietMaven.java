package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Runs a Maven build whose output is only worth showing when it fails: the output goes to a
 * temporary file, which is printed (without Maven's colour codes) if the build fails.
 */
final class QuietMaven {

    /** A terminal colour code, which Maven can print even in batch mode. */
    private static final Pattern ANSI_CODE = Pattern.compile("\u001B\\[[0-9;]*m");

    private QuietMaven() {
    }

    /**
     * Runs Maven in the repository root.
     *
     * @param context the repository and the Maven to run
     * @param arguments Maven's arguments
     * @param progress where a failed build's output and the closing message go
     * @param what what was built, e.g. "building the engine"
     * @param advice what the user should do after a failure, e.g. "Fix what it names, then run ./workbook shell again."
     * @return true if Maven succeeded
     */
    static boolean run(Context context, List<String> arguments, PrintStream progress, String what,
            String advice) {
        Path log;
        try {
            log = Files.createTempFile("workbook-build", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a file for Maven's output", e);
        }
        try {
            int exit = context.maven().run(context.root(), arguments, log);
            if (exit == 0) {
                return true;
            }
            String output = ANSI_CODE.matcher(new String(Files.readAllBytes(log), Charset.defaultCharset()))
                    .replaceAll("");
            progress.print(output);
            if (!output.isEmpty() && !output.endsWith("\n")) {
                progress.println();
            }
            progress.println("workbook: " + what + " failed (Maven's exit code " + exit + "; its output is above). "
                    + advice);
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Maven's output in " + log, e);
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a leftover file in the temporary directory is harmless
            }
        }
    }
}
