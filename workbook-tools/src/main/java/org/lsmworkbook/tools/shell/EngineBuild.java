package org.lsmworkbook.tools.shell;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;

/**
 * What the shell runs on: the jars of the stages up to the write path, and the write path's
 * runtime classpath (Caffeine and what it needs) as Maven recorded it in a file. Decides whether
 * they must be built again, and says which Maven arguments build them.
 *
 * <p>The engine needs a build when a stage's jar is missing, when anything under a stage's
 * {@code src/main} (a file, or a directory whose entries changed) or a stage's {@code pom.xml} or
 * the root {@code pom.xml} is newer than that stage's jar, or when the recorded classpath is
 * missing or older than a pom. Tests are not part of the engine: {@code src/test} does not count.
 */
public final class EngineBuild {

    /** The stage that holds the shell. */
    public static final String SHELL_MODULE = "day6-write-path";

    /** The shell's main class. */
    public static final String MAIN_CLASS = "org.lsmworkbook.write.LsmShell";

    /** The version in the stages' jar names; it is the root pom's version. */
    static final String VERSION = "1.0.0-SNAPSHOT";

    /** Where Maven records a module's runtime classpath, relative to the module (every module gets one). */
    static final String CLASSPATH_FILE = "target/engine-classpath.txt";

    private final Path root;
    private final List<Stage> stages;

    private EngineBuild(Path root, List<Stage> stages) {
        this.root = root;
        this.stages = stages;
    }

    /**
     * Finds the stages the shell needs: every stage up to and including {@link #SHELL_MODULE}.
     *
     * @param root the repository root
     * @return the engine of that repository
     * @throws WorkbookException if the repository has no {@link #SHELL_MODULE}
     */
    public static EngineBuild of(Path root) {
        List<Stage> all = Stages.find(root);
        Stage shell = all.stream().filter(s -> s.module().equals(SHELL_MODULE)).findFirst().orElseThrow(() ->
                new WorkbookException("the shell lives in " + SHELL_MODULE + ", but " + root + " has no such stage"));
        return new EngineBuild(root, all.stream().filter(s -> s.day() <= shell.day()).toList());
    }

    /**
     * The stages the shell runs on, in course order.
     *
     * @return day 1 up to the write path
     */
    public List<Stage> stages() {
        return stages;
    }

    /**
     * The jar of every stage, in course order.
     *
     * @return e.g. {@code day1-block/target/day1-block-1.0.0-SNAPSHOT.jar}, ...
     */
    public List<Path> jars() {
        return stages.stream().map(EngineBuild::jar).toList();
    }

    /**
     * The file in which the build records the write path's runtime classpath.
     *
     * @return {@code day6-write-path/target/engine-classpath.txt}
     */
    public Path classpathFile() {
        return shellStage().dir().resolve(CLASSPATH_FILE);
    }

    /**
     * Tells why the engine must be built, if it must.
     *
     * @return the first reason found, or empty if the jars and the recorded classpath are up to date
     */
    public Optional<String> whyBuild() {
        Path rootPom = root.resolve("pom.xml");
        List<Path> poms = new ArrayList<>(List.of(rootPom));
        for (Stage stage : stages) {
            Path jar = jar(stage);
            if (!Files.isRegularFile(jar)) {
                return Optional.of(relative(jar) + " is missing");
            }
            FileTime built = modified(jar);
            Path stagePom = stage.dir().resolve("pom.xml");
            poms.add(stagePom);
            for (Path pom : List.of(rootPom, stagePom)) {
                if (isNewer(pom, built)) {
                    return Optional.of(relative(pom) + " changed after " + relative(jar) + " was built");
                }
            }
            Optional<Path> changed = newerUnder(stage.dir().resolve("src").resolve("main"), built);
            if (changed.isPresent()) {
                return Optional.of(relative(changed.get()) + " changed after " + relative(jar) + " was built");
            }
        }
        Path classpath = classpathFile();
        if (!Files.isRegularFile(classpath)) {
            return Optional.of(relative(classpath) + " is missing");
        }
        FileTime recorded = modified(classpath);
        for (Path pom : poms) {
            if (isNewer(pom, recorded)) {
                return Optional.of(relative(pom) + " changed after " + relative(classpath) + " was written");
            }
        }
        return Optional.empty();
    }

    /**
     * Tells whether the engine must be built before the shell can run.
     *
     * @return true if {@link #whyBuild()} has a reason
     */
    public boolean needsBuild() {
        return whyBuild().isPresent();
    }

    /**
     * Maven's arguments for one run, in the repository root, that packages the stages without their
     * tests and records the write path's runtime classpath. With {@code -am} every module of the
     * build records its own classpath, each in its own {@code target}: a relative output file is
     * resolved against the module's directory.
     *
     * @return the arguments after {@code mvn}
     */
    public List<String> mavenArguments() {
        return List.of("-q", "-B", "-pl", SHELL_MODULE, "-am", "-Dmaven.test.skip=true",
                "package", "dependency:build-classpath",
                "-Dmdep.outputFile=" + CLASSPATH_FILE, "-DincludeScope=runtime");
    }

    /**
     * Marks the jars and the recorded classpath as built at {@code buildStart}. Maven leaves a jar
     * that is up to date as it is, so without this a source older than the build but newer than
     * that jar would ask for a build every time. The start of the build, not its end, so that a
     * file saved while Maven ran still counts as a change next time.
     *
     * @param buildStart when the build began
     */
    public void markBuilt(FileTime buildStart) {
        List<Path> outputs = new ArrayList<>(jars());
        outputs.add(classpathFile());
        for (Path output : outputs) {
            if (!Files.isRegularFile(output)) {
                throw new WorkbookException("Maven finished without error, but " + relative(output)
                        + " is not there; the shell cannot start without it");
            }
            try {
                Files.setLastModifiedTime(output, buildStart);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot set the time of " + output, e);
            }
        }
    }

    /**
     * The shell's classpath: the stages' jars, then the recorded entries that are not among them.
     *
     * @return the entries, in order, without duplicates
     */
    public List<String> classpath() {
        String recorded;
        try {
            recorded = Files.readString(classpathFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + classpathFile(), e);
        }
        Set<String> entries = new LinkedHashSet<>();
        jars().forEach(jar -> entries.add(jar.toAbsolutePath().normalize().toString()));
        for (String entry : recorded.strip().split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Path.of(entry.strip()).toAbsolutePath().normalize().toString());
            }
        }
        return List.copyOf(entries);
    }

    private Stage shellStage() {
        return stages.get(stages.size() - 1);
    }

    private static Path jar(Stage stage) {
        return stage.dir().resolve("target").resolve(stage.module() + "-" + VERSION + ".jar");
    }

    private String relative(Path path) {
        return root.relativize(path).toString().replace(File.separatorChar, '/');
    }

    private static boolean isNewer(Path file, FileTime than) {
        return Files.exists(file) && modified(file).compareTo(than) > 0;
    }

    /** The first file or directory under {@code dir} (itself included) modified after {@code than}. */
    private static Optional<Path> newerUnder(Path dir, FileTime than) {
        if (!Files.isDirectory(dir)) {
            return Optional.empty();
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(path -> modifiedAfter(path, than)).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        } catch (UncheckedIOException e) {
            throw new UncheckedIOException("cannot list " + dir, e.getCause());
        }
    }

    /** Like {@link #isNewer}, for a walk: a file removed meanwhile (an editor's temporary file) is no change. */
    private static boolean modifiedAfter(Path path, FileTime than) {
        try {
            return Files.getLastModifiedTime(path).compareTo(than) > 0;
        } catch (NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + path, e);
        }
    }

    private static FileTime modified(Path path) {
        try {
            return Files.getLastModifiedTime(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the time of " + path, e);
        }
    }
}
