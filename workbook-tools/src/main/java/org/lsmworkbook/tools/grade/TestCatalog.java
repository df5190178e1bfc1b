package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.HiddenTests;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.markers.JavaLexer;
import org.lsmworkbook.tools.markers.Token;

/**
 * Lists the graded tests of a stage by reading its test sources, without compiling them: a stage
 * that does not compile still has a known number of tests and points.
 *
 * <p>A graded test is a method annotated {@code @Test}, {@code @ParameterizedTest},
 * {@code @RepeatedTest}, {@code @TestFactory} or {@code @TestTemplate}, in a top-level class or a
 * {@code @Nested} class, and not {@code @Disabled} (nor in a disabled class). It is worth 1 point,
 * or N with {@code @Tag("points=N")} on the method, or on the class for all its methods
 * (0 ≤ N ≤ 100). A file tagged {@code @Tag("hidden")} holds hidden tests. Tests tagged
 * {@code given} or {@code architecture} (on the method or its class) are run and shown like any
 * other, but are marked as not testing the student's solution (they pass on the student edition)
 * and are worth 0 points unless a points tag says otherwise, so that a submission in which
 * nothing was written scores 0.
 *
 * <p>Tests tagged {@value #BONUS_TAG} (on the method or its class) test a bonus task: they test the
 * student's solution like any other graded test and are worth 1 point unless a points tag says
 * otherwise, but their points are extra credit (see {@link StageGrade#maxPoints()}). A test cannot
 * be both a bonus test and one of given code or an architecture rule.
 */
public final class TestCatalog {

    /** The largest number of points one test may carry. */
    public static final int MAX_POINTS = 100;

    private static final Set<String> TEST_ANNOTATIONS =
            Set.of("Test", "ParameterizedTest", "RepeatedTest", "TestFactory", "TestTemplate");
    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");
    private static final Set<String> UNGRADED_TAGS = Set.of("given", "architecture");

    /** The JUnit tag of a bonus task's tests, also what {@code -DexcludedGroups} names to leave them out. */
    public static final String BONUS_TAG = "bonus";
    private static final Pattern POINTS = Pattern.compile("points=(\\d{1,3})");

    private TestCatalog() {
    }

    /**
     * Lists a stage's graded tests.
     *
     * @param stage the stage; its {@code src/test/java} is read
     * @return the tests, by file path then in source order
     * @throws WorkbookException if a points tag is malformed
     */
    public static List<GradedTest> of(Stage stage) {
        Path tests = stage.dir().resolve("src").resolve("test").resolve("java");
        if (!Files.isDirectory(tests)) {
            return List.of();
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(tests)) {
            files = walk.filter(p -> p.getFileName().toString().endsWith(".java") && Files.isRegularFile(p))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the tests of " + stage.module(), e);
        }
        List<GradedTest> all = new ArrayList<>();
        for (Path file : files) {
            String source;
            try {
                source = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + file, e);
            }
            String relative = stage.module() + "/" + tests.relativize(file).toString().replace('\\', '/');
            all.addAll(scan(stage.module(), relative, source));
        }
        return List.copyOf(all);
    }

    /**
     * Lists the graded tests of one source file.
     *
     * @param module the stage's module
     * @param fileName the file's path, for error messages (e.g. "day1-block/org/lsmworkbook/block/XTest.java")
     * @param source the file's text
     * @return its tests in source order
     * @throws WorkbookException if a points tag is malformed
     */
    public static List<GradedTest> scan(String module, String fileName, String source) {
        return new Scanner(module, fileName, source).run();
    }

    /** An annotation as written: its simple name and the tokens between its parentheses. */
    private record Annotation(String name, List<Token> arguments, int line) {

        /** The string literals among the arguments, unquoted. */
        List<String> strings() {
            return arguments.stream().filter(t -> t.kind() == Token.Kind.LITERAL && t.text().startsWith("\""))
                    .map(t -> unquote(t.text())).toList();
        }
    }

    /** A type being read: its binary name, the brace depth of its body and what it says for its methods. */
    private record TypeFrame(String binaryName, int depth, boolean runs, boolean disabled, Integer points,
            String displayName, boolean ungraded, boolean bonus) {
    }

    /** Reads one file's tokens, following type bodies and the annotations in front of declarations. */
    private static final class Scanner {

        private final String module;
        private final String fileName;
        private final boolean hidden;
        private final List<Token> tokens;
        private final String packagePrefix;
        private final List<GradedTest> found = new ArrayList<>();
        private final Deque<TypeFrame> types = new ArrayDeque<>();
        private List<Annotation> pending = new ArrayList<>();
        private TypeFrame pendingType;
        private int depth;

        Scanner(String module, String fileName, String source) {
            this.module = module;
            this.fileName = fileName;
            this.hidden = HiddenTests.isHidden(source);
            this.tokens = JavaLexer.lex(source).tokens();
            this.packagePrefix = packageName().map(p -> p + ".").orElse("");
        }

        List<GradedTest> run() {
            for (int i = 0; i < tokens.size(); i++) {
                Token token = tokens.get(i);
                if (token.is("@") && i + 1 < tokens.size() && tokens.get(i + 1).kind() == Token.Kind.WORD
                        && !tokens.get(i + 1).isWord("interface")) {
                    i = readAnnotation(i);
                } else if (token.kind() == Token.Kind.WORD && TYPE_KEYWORDS.contains(token.text())
                        && isTypeDeclaration(i)) {
                    declareType(tokens.get(i + 1).text());
                    i++;
                } else if (token.is("{")) {
                    depth++;
                    if (pendingType != null) {
                        types.push(new TypeFrame(pendingType.binaryName(), depth, pendingType.runs(),
                                pendingType.disabled(), pendingType.points(), pendingType.displayName(),
                                pendingType.ungraded(), pendingType.bonus()));
                        pendingType = null;
                    }
                    pending = new ArrayList<>();
                } else if (token.is("}")) {
                    if (!types.isEmpty() && types.peek().depth() == depth) {
                        types.pop();
                    }
                    depth--;
                    pending = new ArrayList<>();
                } else if (token.is(";") || token.is("=")) {
                    pending = new ArrayList<>();
                } else if (token.kind() == Token.Kind.WORD && i + 1 < tokens.size() && tokens.get(i + 1).is("(")
                        && !types.isEmpty() && types.peek().depth() == depth && !pending.isEmpty()) {
                    declareMethod(token.text());
                    pending = new ArrayList<>();
                }
            }
            return found;
        }

        /** {@code class X}, not {@code X.class} or a word such as {@code record} used as a name. */
        private boolean isTypeDeclaration(int i) {
            boolean named = i + 1 < tokens.size() && tokens.get(i + 1).kind() == Token.Kind.WORD;
            boolean member = i > 0 && tokens.get(i - 1).is(".");
            return named && !member;
        }

        private int readAnnotation(int at) {
            int i = at + 1;
            String name = tokens.get(i).text();
            while (i + 2 < tokens.size() && tokens.get(i + 1).is(".") && tokens.get(i + 2).kind() == Token.Kind.WORD) {
                i += 2;
                name = tokens.get(i).text();
            }
            List<Token> arguments = new ArrayList<>();
            if (i + 1 < tokens.size() && tokens.get(i + 1).is("(")) {
                int open = 0;
                for (i = i + 1; i < tokens.size(); i++) {
                    Token t = tokens.get(i);
                    if (t.is("(")) {
                        open++;
                    } else if (t.is(")")) {
                        open--;
                        if (open == 0) {
                            break;
                        }
                    }
                    if (open > 0 && !(open == 1 && t.is("("))) {
                        arguments.add(t);
                    }
                }
            }
            pending.add(new Annotation(name, arguments, tokens.get(at).line()));
            return i;
        }

        private void declareType(String simpleName) {
            TypeFrame outer = types.peek();
            boolean nested = has("Nested");
            String binaryName = outer == null ? packagePrefix + simpleName : outer.binaryName() + "$" + simpleName;
            boolean runs = outer == null || (outer.runs() && nested);
            boolean disabled = has("Disabled") || (outer != null && outer.disabled());
            Integer points = points().orElse(outer == null ? null : outer.points());
            String display = displayName().orElse(simpleName);
            boolean ungraded = taggedGivenOrArchitecture() || (outer != null && outer.ungraded());
            boolean bonus = tagged(BONUS_TAG) || (outer != null && outer.bonus());
            pendingType = new TypeFrame(binaryName, -1, runs, disabled, points, display, ungraded, bonus);
            pending = new ArrayList<>();
        }

        private void declareMethod(String method) {
            TypeFrame type = types.peek();
            boolean test = pending.stream().anyMatch(a -> TEST_ANNOTATIONS.contains(a.name()));
            if (!test || !type.runs() || type.disabled() || has("Disabled")) {
                return;
            }
            boolean solution = !type.ungraded() && !taggedGivenOrArchitecture();
            boolean bonus = type.bonus() || tagged(BONUS_TAG);
            if (bonus && !solution) {
                int line = pending.isEmpty() ? 0 : pending.get(0).line();
                throw new WorkbookException(fileName + ":" + line + ": " + method + " is tagged both \"" + BONUS_TAG
                        + "\" and \"given\" or \"architecture\"; a bonus test tests the student's solution, so it"
                        + " can be only one of them");
            }
            // Given code and layering rules pass for a submission in which nothing was written, so
            // by default they are shown but carry no points: an untouched edition scores 0.
            int defaultPoints = solution ? 1 : 0;
            int points = points().orElse(type.points() == null ? defaultPoints : type.points());
            String shown = displayName().orElse(method.replace('_', ' '));
            found.add(new GradedTest(module, type.binaryName(), method, type.displayName() + " › " + shown,
                    points, hidden, solution, bonus));
        }

        private boolean has(String annotation) {
            return pending.stream().anyMatch(a -> a.name().equals(annotation));
        }

        private boolean tagged(String tag) {
            return pending.stream().filter(a -> a.name().equals("Tag")).flatMap(a -> a.strings().stream())
                    .anyMatch(tag::equals);
        }

        private boolean taggedGivenOrArchitecture() {
            return pending.stream().filter(a -> a.name().equals("Tag")).flatMap(a -> a.strings().stream())
                    .anyMatch(UNGRADED_TAGS::contains);
        }

        private Optional<String> displayName() {
            return pending.stream().filter(a -> a.name().equals("DisplayName"))
                    .flatMap(a -> a.strings().stream()).findFirst();
        }

        /** The points a {@code @Tag("points=N")} among the pending annotations sets. */
        private Optional<Integer> points() {
            for (Annotation annotation : pending) {
                if (!annotation.name().equals("Tag")) {
                    continue;
                }
                for (String tag : annotation.strings()) {
                    if (!tag.startsWith("point")) {
                        continue;
                    }
                    Matcher m = POINTS.matcher(tag);
                    if (!m.matches() || Integer.parseInt(m.group(1)) > MAX_POINTS) {
                        throw new WorkbookException(fileName + ":" + annotation.line() + ": @Tag(\"" + tag
                                + "\") is not a points tag; write @Tag(\"points=N\") with N from 0 to " + MAX_POINTS);
                    }
                    return Optional.of(Integer.parseInt(m.group(1)));
                }
            }
            return Optional.empty();
        }

        private Optional<String> packageName() {
            for (int i = 0; i + 1 < tokens.size(); i++) {
                if (tokens.get(i).isWord("package")) {
                    StringBuilder name = new StringBuilder();
                    for (int j = i + 1; j < tokens.size() && !tokens.get(j).is(";"); j++) {
                        name.append(tokens.get(j).text());
                    }
                    return Optional.of(name.toString());
                }
                if (tokens.get(i).kind() == Token.Kind.WORD && TYPE_KEYWORDS.contains(tokens.get(i).text())) {
                    break;
                }
            }
            return Optional.empty();
        }
    }

    /** The value of a Java string literal: quotes removed, the common escapes resolved. */
    static String unquote(String literal) {
        String body = literal.length() >= 2 && literal.endsWith("\"") ? literal.substring(1, literal.length() - 1)
                : literal.substring(1);
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\' || i + 1 >= body.length()) {
                out.append(c);
                continue;
            }
            char next = body.charAt(++i);
            switch (next) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'u' -> {
                    int end = i + 1;
                    while (end < body.length() && body.charAt(end) == 'u') {
                        end++;
                    }
                    if (end + 4 <= body.length()) {
                        out.append((char) Integer.parseInt(body.substring(end, end + 4), 16));
                        i = end + 3;
                    }
                }
                default -> out.append(next);
            }
        }
        return out.toString();
    }
}
