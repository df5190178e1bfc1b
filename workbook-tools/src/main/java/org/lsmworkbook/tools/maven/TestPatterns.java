package org.lsmworkbook.tools.maven;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Builds surefire {@code -Dtest} patterns that select exactly one module's tests.
 *
 * <p>Why packages: {@code mvn test -pl dayN -am} also runs the tests of earlier stages, and each
 * stage has its own packages (JPMS forbids split packages). Surefire 3.5 reads
 * {@code org/lsmworkbook/block/*} as "every class directly in that package" ({@code *} does not
 * cross a '/'; the dotted form {@code org.lsmworkbook.block.*} selects nothing), and nested test
 * classes still run through their outer class.
 */
public final class TestPatterns {

    /** Selects no class at all: for a module without tests, so that no other module's tests run. */
    static final String NOTHING = "org/lsmworkbook/workbook/no/tests/here/*";

    private TestPatterns() {
    }

    /**
     * The -Dtest value for a module: one pattern per package that holds test sources.
     *
     * @param moduleDir the module's directory
     * @return comma-separated patterns, e.g. "org/lsmworkbook/block/*,org/lsmworkbook/kv/*"
     */
    public static String forModule(Path moduleDir) {
        Path tests = moduleDir.resolve("src").resolve("test").resolve("java");
        TreeSet<String> packages = new TreeSet<>();
        if (Files.isDirectory(tests)) {
            try (Stream<Path> files = Files.walk(tests)) {
                for (Path file : (Iterable<Path>) files::iterator) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".java") && !name.equals("module-info.java") && Files.isRegularFile(file)) {
                        String dir = tests.relativize(file.getParent()).toString().replace('\\', '/');
                        packages.add(dir.isEmpty() ? "*" : dir + "/*");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list the tests of " + moduleDir, e);
            }
        }
        return packages.isEmpty() ? NOTHING : String.join(",", List.copyOf(packages));
    }
}
