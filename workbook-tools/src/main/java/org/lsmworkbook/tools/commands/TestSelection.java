package org.lsmworkbook.tools.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;

/**
 * What {@code ./workbook test dayN CLASS[#METHOD]} asks for: one test class of the stage, or one
 * method of it, checked against the stage's test sources so that a typo is an error that lists
 * what exists, not a run of no tests.
 *
 * @param stage the stage whose tests are selected
 * @param testFile the test class's source file
 * @param className the class's qualified name
 * @param method the method name, or null for the whole class
 */
record TestSelection(Stage stage, Path testFile, String className, String method) {

    private static final Pattern IDENTIFIER = Pattern.compile("[\\p{L}_$][\\p{L}\\p{N}_$]*");

    /**
     * Reads a selection such as {@code BlockBuilderTest} or {@code BlockBuilderTest#an_empty_key_is_rejected}.
     *
     * @param stage the stage
     * @param text the argument as typed
     * @return the selection
     * @throws WorkbookException if the class or the method does not exist in the stage's tests
     */
    static TestSelection parse(Stage stage, String text) {
        int hash = text.indexOf('#');
        String classPart = hash < 0 ? text : text.substring(0, hash);
        String method = hash < 0 ? null : text.substring(hash + 1);
        if (classPart.endsWith(".java")) {
            classPart = classPart.substring(0, classPart.length() - ".java".length());
        }
        String simple = classPart.substring(classPart.lastIndexOf('.') + 1);
        if (!IDENTIFIER.matcher(simple).matches() || (method != null && !IDENTIFIER.matcher(method).matches())) {
            throw WorkbookException.usage("test: '" + text + "' is not a test class or Class#method, e.g. "
                    + "BlockBuilderTest or BlockBuilderTest#an_empty_key_is_rejected");
        }
        Path tests = testRoot(stage);
        List<Path> matches = new ArrayList<>();
        List<String> known = new ArrayList<>();
        for (Path file : javaFiles(tests)) {
            String name = file.getFileName().toString();
            String fileClass = name.substring(0, name.length() - ".java".length());
            String qualified = tests.relativize(file).toString().replace('\\', '/').replace('/', '.');
            qualified = qualified.substring(0, qualified.length() - ".java".length());
            if (fileClass.endsWith("Test")) {
                known.add(fileClass);
            }
            if (fileClass.equals(simple) && (simple.equals(classPart) || qualified.equals(classPart))) {
                matches.add(file);
            }
        }
        if (matches.isEmpty()) {
            known.sort(null);
            throw WorkbookException.usage("test: " + stage.module() + " has no test class " + classPart
                    + "; its test classes are: " + String.join(", ", known));
        }
        if (matches.size() > 1) {
            throw WorkbookException.usage("test: " + stage.module() + " has more than one class named " + simple
                    + "; give the qualified name, e.g. " + qualifiedName(tests, matches.get(0)));
        }
        Path file = matches.get(0);
        if (method != null && !declaresMethod(file, method)) {
            throw WorkbookException.usage("test: " + simple + " has no test method " + method
                    + " (method names are the display names with '_' for ' '; see " + tests.relativize(file) + ")");
        }
        return new TestSelection(stage, file, qualifiedName(tests, file), method);
    }

    /**
     * The surefire {@code -Dtest} pattern: the class by its path (so that no earlier stage's
     * class of the same simple name runs), and the method if one was given.
     *
     * @return e.g. "org/lsmworkbook/block/BlockBuilderTest#an_empty_key_is_rejected"
     */
    String surefirePattern() {
        String pattern = className.replace('.', '/');
        return method == null ? pattern : pattern + "#" + method;
    }

    private static Path testRoot(Stage stage) {
        return stage.dir().resolve("src").resolve("test").resolve("java");
    }

    private static String qualifiedName(Path tests, Path file) {
        String relative = tests.relativize(file).toString().replace('\\', '/');
        return relative.substring(0, relative.length() - ".java".length()).replace('/', '.');
    }

    private static List<Path> javaFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".java"))
                    .filter(p -> !p.getFileName().toString().equals("module-info.java"))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the tests in " + dir, e);
        }
    }

    /** A method declaration of that name: the name followed by '(' after a return type or modifier. */
    private static boolean declaresMethod(Path file, String method) {
        try {
            String source = Files.readString(file);
            return Pattern.compile("\\b(void|[\\w<>\\[\\]]+)\\s+" + Pattern.quote(method) + "\\s*\\(")
                    .matcher(source).find();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
