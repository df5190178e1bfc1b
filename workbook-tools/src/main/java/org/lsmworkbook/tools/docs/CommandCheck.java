package org.lsmworkbook.tools.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.lsmworkbook.tools.WorkbookException;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.edition.Stages;
import org.lsmworkbook.tools.grade.GradedTest;
import org.lsmworkbook.tools.grade.TestCatalog;

/**
 * Checks the book's commands: every {@code ./workbook} (or {@code workbook.cmd}) and {@code mvn}
 * invocation in a code block, and in a code span of the prose.
 *
 * <p>A launcher invocation must name a command the launcher has, give only options its synopsis
 * lists (with their values), every option it requires, no more positional arguments than it
 * takes, existing stages, and for {@code test dayN Class[#method]} a test class (and method) of that
 * stage. A Maven invocation with {@code -pl} must have {@code -am} (else it tests against whatever
 * earlier stages sit in {@code ~/.m2}); with {@code -Dtest}, {@code
 * -Dsurefire.failIfNoSpecifiedTests=false} (else the earlier stages stop the build with "No tests
 * matching pattern"); and its modules and test classes must exist.
 *
 * <p>Pages for students (the chapters, getting started, the overview, what comes next) are read
 * against the student edition: a hidden test class does not exist there. In a code span,
 * placeholders such as {@code dayN}, {@code DIR} and optional parts in brackets are allowed, as in
 * a synopsis.
 */
final class CommandCheck {

    private static final Pattern PLACEHOLDER = Pattern.compile(".*(dayN|\\.\\.\\.|[A-Z]{3,}).*");

    private final Path root;
    private final Map<String, CommandSyntax> commands;
    private final List<Stage> stages;
    private final Map<String, List<GradedTest>> tests = new LinkedHashMap<>();

    /**
     * @param root the repository root
     * @param commands the launcher's commands by name
     */
    CommandCheck(Path root, Map<String, CommandSyntax> commands) {
        this.root = root;
        this.commands = commands;
        this.stages = Stages.find(root);
        for (Stage stage : stages) {
            tests.put(stage.module(), TestCatalog.of(stage));
        }
    }

    List<DocProblem> check(MarkdownPage page, boolean forStudents) {
        List<DocProblem> problems = new ArrayList<>();
        List<MarkdownPage.CodeLine> code = page.codeLines();
        for (int i = 0; i < code.size(); i++) {
            int line = code.get(i).line();
            StringBuilder text = new StringBuilder(code.get(i).text());
            while (text.toString().stripTrailing().endsWith("\\") && i + 1 < code.size()
                    && code.get(i + 1).line() == code.get(i).line() + 1) {
                text.setLength(text.toString().stripTrailing().length() - 1);
                text.append(' ').append(code.get(++i).text());
            }
            if (code.get(i).language().equals("java")) {
                continue;
            }
            for (List<String> words : ShellWords.commands(text.toString())) {
                check(words, false, forStudents).forEach(p -> problems.add(new DocProblem(page.path(), line, p)));
            }
        }
        for (MarkdownPage.Span span : page.spans()) {
            String text = span.text().strip();
            if (text.startsWith("./workbook") || text.startsWith("workbook.cmd ") || text.startsWith("mvn ")
                    || text.startsWith("./mvnw ") || text.startsWith("mvnw.cmd ")) {
                String usage = text.replace("[", " ").replace("]", " ");
                for (List<String> words : ShellWords.commands(usage)) {
                    check(words, true, forStudents).forEach(p -> problems.add(
                            new DocProblem(page.path(), span.line(), p)));
                }
            }
        }
        return problems;
    }

    /** The problems of one simple command; none if it is neither the launcher nor Maven. */
    List<String> check(List<String> words, boolean usage, boolean forStudents) {
        String program = words.get(0);
        if (program.equals("./workbook") || program.equals("workbook.cmd")) {
            return checkWorkbook(words.subList(1, words.size()), usage, forStudents);
        }
        if (program.equals("mvn") || program.equals("./mvnw") || program.equals("mvnw.cmd")) {
            return checkMaven(words.subList(1, words.size()), usage, forStudents);
        }
        return List.of();
    }

    private List<String> checkWorkbook(List<String> args, boolean usage, boolean forStudents) {
        List<String> problems = new ArrayList<>();
        String shown = "./workbook " + String.join(" ", args);
        if (args.isEmpty()) {
            return problems;
        }
        CommandSyntax syntax = commands.get(args.get(0));
        if (syntax == null) {
            problems.add("`" + shown + "`: the launcher has no command '" + args.get(0) + "'; it has "
                    + String.join(", ", commands.keySet()));
            return problems;
        }
        List<String> given = new ArrayList<>();
        List<String> positional = new ArrayList<>();
        boolean rest = false;
        for (int i = 1; i < args.size(); i++) {
            String arg = args.get(i);
            if (rest) {
                continue;
            }
            if (arg.startsWith("-") && !(positional.size() < syntax.positional().size()
                    && syntax.positional().get(positional.size()).kind() == CommandSyntax.Kind.REST)) {
                String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
                if (!syntax.options().containsKey(name)) {
                    if (syntax.takesRest()) {
                        rest = true;
                        continue;
                    }
                    problems.add("`" + shown + "`: " + syntax.name() + " has no option " + name + "; its options are "
                            + (syntax.options().isEmpty() ? "none" : String.join(", ", syntax.options().keySet())));
                    if (!arg.contains("=") && i + 1 < args.size() && !args.get(i + 1).startsWith("-")) {
                        i++; // most likely its value; one problem is enough
                    }
                    continue;
                }
                given.add(name);
                String placeholder = syntax.options().get(name);
                if (placeholder == null) {
                    if (arg.contains("=")) {
                        problems.add("`" + shown + "`: " + name + " takes no value");
                    }
                    continue;
                }
                String value = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1)
                        : i + 1 < args.size() && !args.get(i + 1).startsWith("--") ? args.get(++i) : null;
                if (value == null) {
                    problems.add("`" + shown + "`: " + name + " needs a value (" + placeholder + ")");
                } else if (placeholder.contains("|") && !List.of(placeholder.split("\\|")).contains(value)
                        && !(usage && value.equals(placeholder))) {
                    problems.add("`" + shown + "`: " + name + " takes " + placeholder.replace("|", " or ")
                            + ", not " + value);
                } else if (placeholder.startsWith("day")) {
                    checkStage(value, usage).ifPresent(p -> problems.add("`" + shown + "`: " + p));
                }
                continue;
            }
            if (positional.size() < syntax.positional().size()
                    && syntax.positional().get(positional.size()).kind() == CommandSyntax.Kind.REST) {
                rest = true;
                continue;
            }
            positional.add(arg);
        }
        for (String option : syntax.required()) {
            if (!given.contains(option)) {
                problems.add("`" + shown + "`: " + syntax.name() + " needs " + option + " "
                        + syntax.options().get(option));
            }
        }
        if (positional.size() > syntax.positional().size()) {
            problems.add("`" + shown + "`: " + syntax.name() + " takes at most " + syntax.positional().size()
                    + " argument(s), not '" + String.join(" ", positional) + "'");
            return problems;
        }
        for (int i = positional.size(); i < syntax.positional().size(); i++) {
            CommandSyntax.Slot slot = syntax.positional().get(i);
            if (!slot.optional() && slot.kind() != CommandSyntax.Kind.REST) {
                problems.add("`" + shown + "`: " + syntax.name() + " needs " + slot.placeholder());
            }
        }
        Stage stage = null;
        for (int i = 0; i < positional.size(); i++) {
            String arg = positional.get(i);
            CommandSyntax.Slot slot = syntax.positional().get(i);
            if (usage && PLACEHOLDER.matcher(arg).matches()) {
                continue;
            }
            if (slot.kind() == CommandSyntax.Kind.STAGE) {
                Optional<String> problem = checkStage(arg, usage);
                if (problem.isPresent()) {
                    problems.add("`" + shown + "`: " + problem.get());
                } else {
                    stage = Stages.resolve(stages, arg);
                }
            } else if (slot.kind() == CommandSyntax.Kind.TEST && stage != null) {
                checkTest(stage.module(), arg, forStudents).ifPresent(p -> problems.add("`" + shown + "`: " + p));
            }
        }
        return problems;
    }

    private Optional<String> checkStage(String arg, boolean usage) {
        if (usage && PLACEHOLDER.matcher(arg).matches()) {
            return Optional.empty();
        }
        try {
            Stages.resolve(stages, arg);
            return Optional.empty();
        } catch (WorkbookException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Checks {@code Class} or {@code Class#method} against a stage's tests. The class may also be
     * given as surefire's path pattern, {@code org/lsmworkbook/sst/*}: a class of that package.
     */
    private Optional<String> checkTest(String module, String pattern, boolean forStudents) {
        String cls = pattern.contains("#") ? pattern.substring(0, pattern.indexOf('#')) : pattern;
        String method = pattern.contains("#") ? pattern.substring(pattern.indexOf('#') + 1) : null;
        Pattern classPattern = glob(cls.replace('/', '.'));
        List<GradedTest> matching = tests.getOrDefault(module, List.of()).stream()
                .filter(t -> classPattern.matcher(simpleName(t.className())).matches()
                        || classPattern.matcher(t.className().replace('$', '.')).matches())
                .toList();
        if (matching.isEmpty()) {
            return Optional.of(module + " has no test class " + cls);
        }
        if (forStudents && matching.stream().allMatch(GradedTest::hidden)) {
            return Optional.of(cls + " is a hidden test of " + module
                    + ": the student edition does not have it");
        }
        if (method != null) {
            Pattern methodPattern = glob(method);
            if (matching.stream().noneMatch(t -> methodPattern.matcher(t.method()).matches())) {
                return Optional.of(cls + " in " + module + " has no test method " + method);
            }
        }
        return Optional.empty();
    }

    private List<String> checkMaven(List<String> args, boolean usage, boolean forStudents) {
        List<String> problems = new ArrayList<>();
        String shown = "mvn " + String.join(" ", args);
        List<String> modules = new ArrayList<>();
        List<String> testPatterns = new ArrayList<>();
        boolean alsoMake = false;
        boolean noFailIfNoTests = false;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if ((arg.equals("-pl") || arg.equals("--projects")) && i + 1 < args.size()) {
                modules.addAll(List.of(args.get(++i).split(",")));
            } else if (arg.startsWith("-pl=") || arg.startsWith("--projects=")) {
                modules.addAll(List.of(arg.substring(arg.indexOf('=') + 1).split(",")));
            } else if (arg.equals("-am") || arg.equals("--also-make")) {
                alsoMake = true;
            } else if (arg.startsWith("-Dtest=")) {
                testPatterns.addAll(List.of(arg.substring("-Dtest=".length()).split(",")));
            } else if (arg.equals("-Dsurefire.failIfNoSpecifiedTests=false")) {
                noFailIfNoTests = true;
            }
        }
        if (!modules.isEmpty() && !alsoMake) {
            problems.add("`" + shown + "`: -pl without -am builds against the earlier stages in ~/.m2 (or fails"
                    + " without them); add -am");
        }
        if (!testPatterns.isEmpty() && !noFailIfNoTests && !modules.isEmpty()) {
            problems.add("`" + shown + "`: -Dtest with -am needs -Dsurefire.failIfNoSpecifiedTests=false, or the"
                    + " earlier stages stop the build with \"No tests matching pattern\"");
        }
        for (String module : modules) {
            if (usage && PLACEHOLDER.matcher(module).matches()) {
                continue;
            }
            if (!Files.isRegularFile(root.resolve(module).resolve("pom.xml"))) {
                problems.add("`" + shown + "`: there is no module " + module);
            }
        }
        for (String pattern : testPatterns) {
            if (pattern.startsWith("!") || (usage && PLACEHOLDER.matcher(pattern).matches())) {
                continue;
            }
            List<String> problemsHere = new ArrayList<>();
            boolean found = false;
            for (String module : modules.isEmpty() ? List.copyOf(tests.keySet()) : modules) {
                Optional<String> problem = checkTest(module, pattern, forStudents);
                if (problem.isEmpty()) {
                    found = true;
                    break;
                }
                problemsHere.add(problem.get());
            }
            if (!found) {
                problems.add("`" + shown + "`: " + (problemsHere.isEmpty() ? "no test " + pattern
                        : String.join("; ", problemsHere)));
            }
        }
        return problems;
    }

    private static String simpleName(String className) {
        String name = className.substring(className.lastIndexOf('.') + 1);
        return name.contains("$") ? name.substring(0, name.indexOf('$')) : name;
    }

    /** A pattern in which {@code *} matches anything, as in surefire's {@code -Dtest}. */
    private static Pattern glob(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split("\\*", -1)) {
            parts.add(Pattern.quote(part));
        }
        return Pattern.compile(String.join(".*", parts));
    }
}
