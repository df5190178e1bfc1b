package org.lsmworkbook.tools.mutation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lsmworkbook.tools.markers.SourceLines;

/**
 * Finds the {@code // pit:} comments of one source file (see {@link Exclusion} for their form) and
 * reports every such comment that does not follow the form, rather than guessing what it meant.
 */
public final class ExclusionComments {

    /** The text that starts an exclusion comment. */
    public static final String PREFIX = "// pit:";

    private static final Pattern START = Pattern.compile("//\\s*pit:");
    private static final Pattern BODY = Pattern.compile(
            "\\s*(equivalent|redundant|message)\\s+([A-Za-z_]\\w*(?:\\s*,\\s*[A-Za-z_]\\w*)*)\\s*(?:—|--|-)\\s*(\\S.*)");

    /**
     * What was found in one file.
     *
     * @param exclusions the well-formed comments
     * @param problems one message per malformed comment, naming the file and line
     */
    public record Found(List<Exclusion> exclusions, List<String> problems) {

        /** Copies the lists so that the result cannot change under its reader. */
        public Found {
            exclusions = List.copyOf(exclusions);
            problems = List.copyOf(problems);
        }
    }

    private ExclusionComments() {
    }

    /**
     * Reads a file's exclusion comments.
     *
     * @param path the file's path relative to the repository root, for messages
     * @param text the file's content
     * @return the exclusions and the problems
     */
    public static Found find(String path, String text) {
        List<String> lines = SourceLines.split(text).stream().map(SourceLines::content).toList();
        List<Exclusion> exclusions = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            Matcher start = START.matcher(line);
            if (!start.find()) {
                continue;
            }
            int number = i + 1;
            Matcher body = BODY.matcher(line.substring(start.end()));
            if (!body.matches()) {
                problems.add(path + ":" + number + ": an exclusion comment reads '" + PREFIX
                        + " equivalent|redundant|message MutatorName[, MutatorName] — reason', not '" + line.strip() + "'");
                continue;
            }
            boolean ownLine = line.substring(0, start.start()).isBlank();
            int target = ownLine ? nextCodeLine(lines, i) : number;
            if (target < 0) {
                problems.add(path + ":" + number + ": an exclusion comment on a line of its own must be followed by"
                        + " the line it is about");
                continue;
            }
            List<String> mutators = Arrays.stream(body.group(2).split(",")).map(String::strip).toList();
            exclusions.add(new Exclusion(path, target, number, body.group(1), mutators, body.group(3).strip()));
        }
        return new Found(exclusions, problems);
    }

    /** The 1-based number of the first line after index {@code i} that is not an exclusion comment. */
    private static int nextCodeLine(List<String> lines, int i) {
        for (int j = i + 1; j < lines.size(); j++) {
            String line = lines.get(j);
            Matcher start = START.matcher(line);
            boolean commentOnly = start.find() && line.substring(0, start.start()).isBlank();
            if (!commentOnly && !line.isBlank()) {
                return j + 1;
            }
        }
        return -1;
    }
}
