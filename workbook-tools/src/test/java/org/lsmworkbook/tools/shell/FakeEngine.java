package org.lsmworkbook.tools.shell;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * A repository with the six stages as far as the shell's build cares: poms, a source and a test
 * per stage, the jars and the recorded classpath. Every source is dated {@link #SOURCES}, every
 * output {@link #BUILT}, an hour later: an engine built after its last change.
 */
public final class FakeEngine {

    /** The stages, in course order. */
    public static final List<String> MODULES = List.of("day1-block", "day2-sst", "day3-memtable", "day4-engine",
            "day5-read-path", "day6-write-path");

    /** When every source was last changed. */
    public static final FileTime SOURCES = FileTime.from(Instant.parse("2026-01-05T10:00:00Z"));

    /** When every jar and the recorded classpath were built. */
    public static final FileTime BUILT = FileTime.from(Instant.parse("2026-01-05T11:00:00Z"));

    /** A library jar the recorded classpath names besides the stages. */
    public static final String LIBRARY = "m2/com/github/ben-manes/caffeine/caffeine/3.3.1/caffeine-3.3.1.jar";

    private FakeEngine() {
    }

    /**
     * Writes the repository.
     *
     * @param root an empty directory
     * @return root
     */
    public static Path create(Path root) throws IOException {
        write(root, "pom.xml", "<project/>\n");
        for (String module : MODULES) {
            write(root, module + "/pom.xml", "<project/>\n");
            write(root, source(module), "class Main { }\n");
            write(root, module + "/src/test/java/p/MainTest.java", "class MainTest { }\n");
            write(root, jar(module), "not a real jar");
        }
        // As Maven records it: the earlier stages' jars, then the libraries.
        StringBuilder classpath = new StringBuilder();
        for (String module : MODULES.subList(0, MODULES.size() - 1)) {
            classpath.insert(0, root.resolve(jar(module)) + File.pathSeparator);
        }
        classpath.append(root.resolve(LIBRARY));
        write(root, "day6-write-path/target/engine-classpath.txt", classpath.toString());
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setLastModifiedTime(path, SOURCES);
            }
        }
        for (String module : MODULES) {
            Files.setLastModifiedTime(root.resolve(jar(module)), BUILT);
        }
        Files.setLastModifiedTime(root.resolve("day6-write-path/target/engine-classpath.txt"), BUILT);
        return root;
    }

    /**
     * A stage's one main source.
     *
     * @param module e.g. "day4-engine"
     * @return its path relative to the root
     */
    public static String source(String module) {
        return module + "/src/main/java/p/Main.java";
    }

    /**
     * A stage's jar.
     *
     * @param module e.g. "day4-engine"
     * @return its path relative to the root
     */
    public static String jar(String module) {
        return module + "/target/" + module + "-1.0.0-SNAPSHOT.jar";
    }

    /**
     * Sets a file's modification time.
     *
     * @param root the repository
     * @param path the file, relative to root
     * @param time the new time
     */
    public static void touch(Path root, String path, FileTime time) {
        try {
            Files.setLastModifiedTime(root.resolve(path), time);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A time some minutes after {@code time}.
     *
     * @param time a time
     * @param minutes how many minutes later
     * @return the later time
     */
    public static FileTime plusMinutes(FileTime time, long minutes) {
        return FileTime.from(time.toInstant().plusSeconds(60 * minutes));
    }

    private static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
