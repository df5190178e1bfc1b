package org.lsmworkbook.tools.edition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;

/**
 * Finds the stages of a repository: root directories named {@code day<N>-<name>} that hold a
 * pom.xml, ordered by day number.
 */
public final class Stages {

    /** The stage directory naming convention; group 1 is the day number. */
    public static final Pattern MODULE_NAME = Pattern.compile("day(\\d+)-[a-z0-9-]+");

    private static final Pattern DAY_ARGUMENT = Pattern.compile("(?:day)?(\\d+)");

    private Stages() {
    }

    /**
     * Lists the stages under a root directory.
     *
     * @param root the repository (or edition) root
     * @return the stages, by day number, then by name
     */
    public static List<Stage> find(Path root) {
        List<Stage> stages = new ArrayList<>();
        try (Stream<Path> children = Files.list(root)) {
            for (Path dir : (Iterable<Path>) children.sorted()::iterator) {
                Matcher m = MODULE_NAME.matcher(dir.getFileName().toString());
                if (m.matches() && Files.isDirectory(dir) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                    stages.add(new Stage(m.group(0), Integer.parseInt(m.group(1)), dir));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        stages.sort(Comparator.comparingInt(Stage::day).thenComparing(Stage::module));
        return List.copyOf(stages);
    }

    /**
     * Reads a day argument: {@code day3}, {@code 3} or a module name such as {@code day3-memtable}.
     * The day need not exist yet (a checkpoint beyond the last stage is allowed).
     *
     * @param argument what the user typed
     * @return the day number
     * @throws WorkbookException if the argument is none of those forms
     */
    public static int parseDay(String argument) {
        Matcher plain = DAY_ARGUMENT.matcher(argument);
        Matcher module = MODULE_NAME.matcher(argument);
        String digits = plain.matches() ? plain.group(1) : module.matches() ? module.group(1) : null;
        if (digits == null) {
            throw WorkbookException.usage("'" + argument + "' is not a day: write day3, 3 or day3-memtable");
        }
        int day = digits.length() > 6 ? Integer.MAX_VALUE : Integer.parseInt(digits);
        if (day < 1) {
            throw WorkbookException.usage("days start at 1, not " + argument);
        }
        return day;
    }

    /**
     * Finds the existing stage a day argument names.
     *
     * @param stages the repository's stages
     * @param argument {@code day3}, {@code 3} or {@code day3-memtable}
     * @return the stage
     * @throws WorkbookException if no stage has that day
     */
    public static Stage resolve(List<Stage> stages, String argument) {
        int day = parseDay(argument);
        return stages.stream().filter(s -> s.day() == day).findFirst().orElseThrow(() ->
                WorkbookException.usage("there is no stage for '" + argument + "'; the stages are "
                        + String.join(", ", stages.stream().map(Stage::module).toList())));
    }
}
