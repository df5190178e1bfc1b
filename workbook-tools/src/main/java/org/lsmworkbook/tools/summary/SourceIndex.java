package org.lsmworkbook.tools.summary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.lsmworkbook.tools.edition.Stage;

/**
 * Where each class of an edition's stages is written: its source file, and whether it is code under
 * test ({@code src/main/java}) or a test ({@code src/test/java}). Turns a stack frame into a
 * {@code file:line} that a student can open.
 */
public final class SourceIndex {

    /** Which tree a source file sits in. */
    public enum Kind {
        /** {@code src/main/java}: the code the tests check (the student's, or given). */
        MAIN,
        /** {@code src/test/java}: a test or a test fixture. */
        TEST
    }

    /**
     * A source file of a class.
     *
     * @param file the file, relative to the edition's root
     * @param kind main or test
     */
    public record Source(Path file, Kind kind) {
    }

    private final Map<String, Source> byClass = new HashMap<>();

    private SourceIndex() {
    }

    /**
     * Indexes the sources of the stages.
     *
     * @param root the edition's root
     * @param stages its stages
     * @return the index
     */
    public static SourceIndex of(Path root, List<Stage> stages) {
        SourceIndex index = new SourceIndex();
        for (Stage stage : stages) {
            index.add(root, stage.dir().resolve("src/main/java"), Kind.MAIN);
            index.add(root, stage.dir().resolve("src/test/java"), Kind.TEST);
        }
        return index;
    }

    private void add(Path root, Path tree, Kind kind) {
        if (!Files.isDirectory(tree)) {
            return;
        }
        try (Stream<Path> files = Files.walk(tree)) {
            files.filter(p -> p.getFileName().toString().endsWith(".java")).forEach(file -> {
                String relative = tree.relativize(file).toString().replace('\\', '/');
                String className = relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
                byClass.put(className, new Source(root.relativize(file), kind));
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + tree, e);
        }
    }

    /**
     * The source of a class named in a stack frame; nested and anonymous classes map to the file
     * of their top-level class.
     *
     * @param className a binary class name, e.g. "org.lsmworkbook.block.BlockIterator$1"
     * @return its source, or null if the class is not in the edition's stages
     */
    public Source find(String className) {
        int dollar = className.indexOf('$');
        return byClass.get(dollar < 0 ? className : className.substring(0, dollar));
    }
}
