package org.lsmworkbook.tools.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.lsmworkbook.tools.markers.JavaLexer;
import org.lsmworkbook.tools.markers.Token;

/**
 * The types of a repository's Java sources and the names declared in each (methods, constructors,
 * fields, record components, enum constants, nested types), read from the sources without
 * compiling them, so the check works on a tree that does not build. Also the types the sources
 * import from elsewhere, by simple name.
 *
 * <p>It reads names, not signatures: a member is there if a declaration of that name is in the
 * type's body. That is what the book's {@code Type.member} names need.
 */
public final class SourceIndex {

    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");

    /**
     * A type declared in the sources.
     *
     * @param name its qualified name, nested types joined with dots
     * @param members the names declared directly in its body
     * @param nested its nested types by simple name
     */
    public record TypeInfo(String name, Set<String> members, Map<String, TypeInfo> nested) {
    }

    private final Map<String, List<TypeInfo>> bySimpleName = new HashMap<>();
    private final Map<String, TypeInfo> byQualifiedName = new HashMap<>();
    private final Map<String, String> imports = new HashMap<>();
    /** Record components read from a header, waiting for the record's body to open. */
    private final Map<String, Set<String>> pendingComponents = new LinkedHashMap<>();

    private SourceIndex() {
    }

    /**
     * Reads every {@code src/main/java} and {@code src/test/java} tree of the modules under a root.
     *
     * @param root the repository root
     * @return the index
     */
    public static SourceIndex of(Path root) {
        SourceIndex index = new SourceIndex();
        List<Path> modules;
        try (Stream<Path> children = Files.list(root)) {
            modules = children.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + root, e);
        }
        for (Path module : modules) {
            for (String tree : List.of("src/main/java", "src/test/java")) {
                Path dir = module.resolve(tree);
                if (!Files.isDirectory(dir)) {
                    continue;
                }
                try (Stream<Path> walk = Files.walk(dir)) {
                    for (Path file : (Iterable<Path>) walk.filter(p -> p.toString().endsWith(".java")).sorted()::iterator) {
                        index.add(Files.readString(file, StandardCharsets.UTF_8));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read the sources under " + dir, e);
                }
            }
        }
        return index;
    }

    /**
     * An index of the given sources only, for tests.
     *
     * @param sources Java compilation units
     * @return the index
     */
    public static SourceIndex ofSources(String... sources) {
        SourceIndex index = new SourceIndex();
        for (String source : sources) {
            index.add(source);
        }
        return index;
    }

    /**
     * The types with a simple name, nested ones included.
     *
     * @param simpleName e.g. "ScriptedIterator"
     * @return the types, possibly none
     */
    public List<TypeInfo> types(String simpleName) {
        return bySimpleName.getOrDefault(simpleName, List.of());
    }

    /**
     * The type with a qualified name.
     *
     * @param qualifiedName e.g. "org.lsmworkbook.kv.Bytes"
     * @return the type, or null
     */
    public TypeInfo type(String qualifiedName) {
        return byQualifiedName.get(qualifiedName);
    }

    /**
     * The qualified name under which the sources import a type from outside them.
     *
     * @param simpleName e.g. "Cache"
     * @return e.g. "com.github.benmanes.caffeine.cache.Cache", or null if nothing imports it
     */
    public String importedAs(String simpleName) {
        return imports.get(simpleName);
    }

    private void add(String source) {
        List<Token> tokens = JavaLexer.lex(source).tokens();
        String pkg = "";
        Deque<Frame> frames = new ArrayDeque<>();
        String pendingType = null;
        int depth = 0;
        int parens = 0;
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (depth == 0 && (t.isWord("package") || t.isWord("import"))) {
                StringBuilder name = new StringBuilder();
                int j = i + 1;
                if (t.isWord("import") && j < tokens.size() && tokens.get(j).isWord("static")) {
                    j++;
                }
                for (; j < tokens.size() && !tokens.get(j).is(";"); j++) {
                    name.append(tokens.get(j).text());
                }
                if (t.isWord("package")) {
                    pkg = name.toString();
                } else if (!name.toString().endsWith("*")) {
                    String qualified = name.toString();
                    imports.putIfAbsent(qualified.substring(qualified.lastIndexOf('.') + 1), qualified);
                }
                i = j;
                continue;
            }
            if (t.kind() == Token.Kind.WORD && TYPE_KEYWORDS.contains(t.text()) && next != null
                    && next.kind() == Token.Kind.WORD && (previous == null || !previous.is("."))) {
                pendingType = next.text();
                Frame outer = frames.peek();
                if (outer != null && depth == outer.depth) {
                    outer.members.add(pendingType);
                }
                if (t.isWord("record")) {
                    i = readRecordComponents(tokens, i + 2, pendingType);
                    continue;
                }
                i++;
                continue;
            }
            if (t.is("(")) {
                parens++;
            } else if (t.is(")")) {
                parens--;
            } else if (t.is("{")) {
                depth++;
                if (pendingType != null) {
                    frames.push(open(pendingType, frames.peek(), pkg, depth));
                    pendingType = null;
                    parens = 0;
                }
            } else if (t.is("}")) {
                if (!frames.isEmpty() && frames.peek().depth == depth) {
                    frames.pop();
                }
                depth--;
            } else if (t.kind() == Token.Kind.WORD && next != null && !frames.isEmpty()
                    && frames.peek().depth == depth && parens == 0 && pendingType == null
                    && (next.is("(") || next.is("=") || next.is(";") || next.is(",") || next.is("{") || next.is("}"))) {
                frames.peek().members.add(t.text());
            }
        }
    }

    /** Reads a record's header {@code Name<T>(A a, B b)}: the components become members. */
    private int readRecordComponents(List<Token> tokens, int at, String name) {
        int i = at;
        Set<String> components = new LinkedHashSet<>();
        while (i < tokens.size() && !tokens.get(i).is("(") && !tokens.get(i).is("{")) {
            i++;
        }
        if (i < tokens.size() && tokens.get(i).is("(")) {
            int open = 0;
            for (; i < tokens.size(); i++) {
                Token t = tokens.get(i);
                if (t.is("(")) {
                    open++;
                } else if (t.is(")")) {
                    open--;
                    if (open == 0) {
                        if (tokens.get(i - 1).kind() == Token.Kind.WORD) {
                            components.add(tokens.get(i - 1).text());
                        }
                        break;
                    }
                } else if (t.is(",") && open == 1 && tokens.get(i - 1).kind() == Token.Kind.WORD) {
                    components.add(tokens.get(i - 1).text());
                }
            }
        }
        // The record's body opens at the next "{"; remember the components until then.
        pendingComponents.put(name, components);
        return i < tokens.size() && tokens.get(i).is(")") ? i : i - 1;
    }

    private Frame open(String simpleName, Frame outer, String pkg, int depth) {
        String qualified = outer != null ? outer.info.name() + "." + simpleName
                : pkg.isEmpty() ? simpleName : pkg + "." + simpleName;
        TypeInfo info = new TypeInfo(qualified, new LinkedHashSet<>(), new LinkedHashMap<>());
        Set<String> components = pendingComponents.remove(simpleName);
        if (components != null) {
            info.members().addAll(components);
        }
        if (outer != null) {
            outer.info.nested().put(simpleName, info);
        }
        bySimpleName.computeIfAbsent(simpleName, k -> new ArrayList<>()).add(info);
        byQualifiedName.putIfAbsent(qualified, info);
        return new Frame(info, depth);
    }

    /** A type whose body is being read. */
    private static final class Frame {
        final TypeInfo info;
        final int depth;
        final Set<String> members;

        Frame(TypeInfo info, int depth) {
            this.info = info;
            this.depth = depth;
            this.members = info.members();
        }
    }
}
