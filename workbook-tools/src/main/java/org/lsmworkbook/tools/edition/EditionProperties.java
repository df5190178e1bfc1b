package org.lsmworkbook.tools.edition;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.lsmworkbook.tools.WorkbookException;

/**
 * The {@code workbook-edition.properties} file at an edition's root: which stages are stubbed and
 * which stay solved. The red gate reads it, and {@code student --force} takes its presence as
 * proof that a directory is an edition it may replace.
 *
 * @param edition "student" or "checkpoint"
 * @param from the first stubbed day, e.g. "day1"
 * @param stubbed modules whose solutions were replaced by stubs, in course order
 * @param solved modules that kept their solutions, in course order
 */
public record EditionProperties(String edition, String from, List<String> stubbed, List<String> solved) {

    /** The file's name. */
    public static final String FILE_NAME = "workbook-edition.properties";

    /** Copies the lists so that the record cannot change. */
    public EditionProperties {
        stubbed = List.copyOf(stubbed);
        solved = List.copyOf(solved);
    }

    /**
     * Renders the file. Written by hand rather than with {@link Properties#store} because that
     * adds a date, and editions must be byte-for-byte reproducible.
     *
     * @return the file's content
     */
    public String render() {
        return "# Written by ./workbook student; read by ./workbook red-gate. Do not edit.\n"
                + "edition=" + edition + "\n"
                + "from=" + from + "\n"
                + "stubbed=" + String.join(",", stubbed) + "\n"
                + "solved=" + String.join(",", solved) + "\n";
    }

    /**
     * Reads the file from an edition's root.
     *
     * @param editionRoot a directory written by {@code ./workbook student}
     * @return the properties
     * @throws WorkbookException if the directory has no such file
     */
    public static EditionProperties read(Path editionRoot) {
        Path file = editionRoot.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            throw new WorkbookException(editionRoot + " is not an edition written by ./workbook student (it has no "
                    + FILE_NAME + ")");
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new EditionProperties(p.getProperty("edition", ""), p.getProperty("from", ""),
                list(p.getProperty("stubbed", "")), list(p.getProperty("solved", "")));
    }

    private static List<String> list(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
