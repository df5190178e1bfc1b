package org.lsmworkbook.tools.docs;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks that every code span of the prose that names a Java type, or a member of one, names
 * something that exists: {@code BlockBuilder}, {@code Block.MAX_KEY_LENGTH},
 * {@code MemTable.scan(lower, upper)}, {@code TestIterators.ScriptedIterator},
 * {@code org.lsmworkbook.kv.Bytes}, {@code java.util.TreeMap}, {@code Block.java}.
 *
 * <p>A type is looked up in the repository's sources first, then among the types they import,
 * then in the JDK (by its qualified name, or in a few common packages). A member is looked up in
 * the type (and, for JDK types, in its supertypes, on JDK 17 only: the book's profiles name JDK
 * internals, which later releases move). Only the first member is checked: in
 * {@code LsmStorageOptions.defaults().withTargetSstSize(...)} the second call is on whatever the first
 * returns. Arguments and type arguments are not checked.
 *
 * <p>Not checked: spans that do not look like a name (anything with spaces outside parentheses),
 * lower-case heads ({@code inner.state()} is a variable), all-capital heads ({@code LOCK}),
 * placeholders ({@code DayNHiddenTest}), and members missing from a type that does exist in a
 * section of ungraded ideas, whose point is to add them ({@code MemTable.size()}): a section headed
 * "Bonus tasks" itself, or one whose heading says "ungraded". A graded bonus task's section (for
 * example "Task 6 (bonus) — bloom filters") is checked like a core task's: the reference solves it.
 */
final class CodeNameCheck {

    private static final Pattern NAME = Pattern.compile(
            "[A-Za-z_$][\\w$]*(?:(?:\\.|::|#)[A-Za-z_$][\\w$]*(?:\\(\\))?)*(?:\\(\\))?");
    private static final List<String> JDK_PACKAGES = List.of("java.lang", "java.util", "java.util.concurrent",
            "java.util.concurrent.atomic", "java.util.concurrent.locks", "java.util.function", "java.util.zip",
            "java.io", "java.nio", "java.nio.file", "java.nio.channels", "java.nio.charset", "java.lang.runtime",
            "java.lang.management", "java.time");

    /** The Java release the course compiles for; JDK members are checked on it only. */
    static final int COURSE_RELEASE = 17;

    private final SourceIndex index;

    CodeNameCheck(SourceIndex index) {
        this.index = index;
    }

    List<DocProblem> check(MarkdownPage page) {
        List<DocProblem> problems = new ArrayList<>();
        for (MarkdownPage.Span span : page.spans()) {
            String section = span.section().toLowerCase(Locale.ROOT).strip();
            boolean bonus = section.endsWith("bonus tasks") || section.contains("ungraded");
            String problem = problemWith(span.text(), bonus);
            if (problem != null) {
                problems.add(new DocProblem(page.path(), span.line(), problem));
            }
        }
        return problems;
    }

    /** What is wrong with a span, or null if it is fine or not a name. */
    String problemWith(String span, boolean bonus) {
        String name = strip(span.strip());
        if (name.endsWith(".java")) {
            name = name.substring(0, name.length() - ".java".length());
        }
        if (!NAME.matcher(name).matches()) {
            return null;
        }
        List<String> parts = List.of(name.replace("()", "").replace("::", ".").replace('#', '.').split("\\."));
        // The type is the first part with a capital: java.util.TreeMap, Block.decode; none in inner.state().
        int typeAt = -1;
        for (int i = 0; i < parts.size() && typeAt < 0; i++) {
            if (Character.isUpperCase(parts.get(i).charAt(0))) {
                typeAt = i;
            }
        }
        if (typeAt < 0) {
            return null;
        }
        String head = parts.get(typeAt);
        if (head.equals(head.toUpperCase(Locale.ROOT)) || head.matches("Day[N]\\w*")) {
            return null;
        }
        boolean qualified = typeAt > 0;
        String typeName = String.join(".", parts.subList(0, typeAt + 1));
        String member = typeAt + 1 < parts.size() ? parts.get(typeAt + 1) : null;
        String secondMember = typeAt + 2 < parts.size() ? parts.get(typeAt + 2) : null;

        List<SourceIndex.TypeInfo> own = qualified
                ? (index.type(typeName) == null ? List.of() : List.of(index.type(typeName)))
                : index.types(typeName);
        if (!own.isEmpty()) {
            if (member == null) {
                return null;
            }
            Set<String> names = new HashSet<>();
            for (SourceIndex.TypeInfo type : own) {
                names.addAll(type.members());
                SourceIndex.TypeInfo nested = type.nested().get(member);
                if (nested != null && secondMember != null && !nested.members().contains(secondMember)) {
                    return "`" + span + "`: " + nested.name() + " declares no " + secondMember;
                }
            }
            if (names.contains(member) || bonus) {
                return null;
            }
            return "`" + span + "`: " + own.get(0).name() + " declares no " + member
                    + (own.size() > 1 ? " (nor do the other " + (own.size() - 1) + " types of that name)" : "");
        }
        if (qualified && typeName.startsWith("org.lsmworkbook.")) {
            return "`" + span + "`: there is no type " + typeName + " in the sources";
        }
        Class<?> jdk = loadJdk(qualified ? typeName : null, head);
        if (jdk == null) {
            if (!qualified && index.importedAs(head) != null) {
                return null; // a library type the code imports; its members are not checked
            }
            return "`" + span + "`: there is no type " + typeName + " in the sources, in what they import, or in the JDK";
        }
        // Profiles name JDK internals, which move between releases: judge them on the release the
        // course is built for, the oldest a student may have.
        if (member == null || hasMember(jdk, member) || bonus || Runtime.version().feature() != COURSE_RELEASE) {
            return null;
        }
        return "`" + span + "`: " + jdk.getName() + " has no member " + member + " (in this JDK, "
                + System.getProperty("java.version") + ")";
    }

    /** The span without argument lists and type arguments: {@code a(b(c), d).e<F>} becomes {@code a().e}. */
    private static String strip(String span) {
        String s = span;
        String before;
        do {
            before = s;
            s = s.replaceAll("\\([^()]*\\)", "\u0001").replaceAll("<[^<>]*>", "");
        } while (!s.equals(before));
        return s.replace("\u0001", "()");
    }

    private Class<?> loadJdk(String qualified, String simple) {
        List<String> candidates = new ArrayList<>();
        if (qualified != null) {
            candidates.add(qualified);
        } else {
            String imported = index.importedAs(simple);
            if (imported != null) {
                candidates.add(imported);
            }
            JDK_PACKAGES.forEach(p -> candidates.add(p + "." + simple));
        }
        for (String candidate : candidates) {
            try {
                return Class.forName(candidate, false, ClassLoader.getPlatformClassLoader());
            } catch (ClassNotFoundException | LinkageError e) {
                // not this one
            }
        }
        return null;
    }

    private static boolean hasMember(Class<?> type, String member) {
        List<Class<?>> todo = new ArrayList<>(List.of(type));
        Set<Class<?>> seen = new HashSet<>();
        while (!todo.isEmpty()) {
            Class<?> c = todo.remove(todo.size() - 1);
            if (c == null || !seen.add(c)) {
                continue;
            }
            try {
                for (Method m : c.getDeclaredMethods()) {
                    if (m.getName().equals(member)) {
                        return true;
                    }
                }
                for (Field f : c.getDeclaredFields()) {
                    if (f.getName().equals(member)) {
                        return true;
                    }
                }
                for (Class<?> nested : c.getDeclaredClasses()) {
                    if (nested.getSimpleName().equals(member)) {
                        return true;
                    }
                }
            } catch (LinkageError | SecurityException e) {
                return true; // cannot look inside; do not guess
            }
            todo.add(c.getSuperclass());
            todo.addAll(List.of(c.getInterfaces()));
        }
        return false;
    }
}
