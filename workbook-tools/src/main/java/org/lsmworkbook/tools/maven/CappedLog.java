package org.lsmworkbook.tools.maven;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Copies a build's output into a log file, bounded. The first {@code maxBytes} are kept whole.
 * After that only the lines grading reads are kept (surefire's counts, {@code [ERROR]} lines, the
 * build's result), up to {@code maxBytes} more, and a line says that the log was cut. A line longer
 * than {@link #MAX_LINE} bytes is cut to that length.
 */
final class CappedLog {

    /** The longest line kept, in bytes. */
    static final int MAX_LINE = 16 * 1024;

    /** The lines kept after the cap. */
    private static final Pattern KEPT = Pattern.compile(
            "^(\\u001B\\[[0-9;]*m)*\\[(ERROR|INFO|WARNING)\\](\\u001B\\[[0-9;]*m)* (Tests run:|Running |BUILD |"
                    + "There (was|were) |Failed to execute|.*\\.java:\\[\\d+,\\d+\\])|^\\[ERROR\\]");

    private CappedLog() {
    }

    /**
     * Copies until the input ends.
     *
     * @param in the build's output
     * @param log the file to write
     * @param maxBytes how much is kept whole
     * @throws IOException if the log cannot be written
     */
    static void copy(InputStream in, Path log, long maxBytes) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(log))) {
            byte[] line = new byte[MAX_LINE];
            long written = 0;
            long keptAfterCap = 0;
            boolean cut = false;
            int length = 0;
            boolean overlong = false;
            int b;
            while ((b = in.read()) >= 0) {
                if (b != '\n') {
                    if (length < MAX_LINE) {
                        line[length++] = (byte) b;
                    } else {
                        overlong = true;
                    }
                    continue;
                }
                if (written + length + 1 <= maxBytes) {
                    out.write(line, 0, length);
                    out.write('\n');
                    written += length + 1;
                } else {
                    if (!cut) {
                        cut = true;
                        out.write(("[workbook] the log is over " + maxBytes + " bytes: from here on only test counts,"
                                + " errors and the build's result are kept\n").getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    }
                    if (keptAfterCap + length + 1 <= maxBytes
                            && KEPT.matcher(new String(line, 0, Math.min(length, 512), StandardCharsets.UTF_8)).find()) {
                        out.write(line, 0, length);
                        out.write('\n');
                        keptAfterCap += length + 1;
                    }
                }
                if (overlong && !cut) {
                    out.write("[workbook] (the line above was cut)\n".getBytes(StandardCharsets.UTF_8));
                }
                length = 0;
                overlong = false;
            }
            if (length > 0 && written + length <= maxBytes) {
                out.write(line, 0, length);
                out.write('\n');
            }
        }
    }
}
