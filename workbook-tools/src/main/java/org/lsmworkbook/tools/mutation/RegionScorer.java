package org.lsmworkbook.tools.mutation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.lsmworkbook.tools.edition.SourceTree;
import org.lsmworkbook.tools.edition.Stage;
import org.lsmworkbook.tools.markers.MarkedFile;
import org.lsmworkbook.tools.markers.MarkerParser;
import org.lsmworkbook.tools.markers.Markers;
import org.lsmworkbook.tools.markers.Region;

/**
 * Scores a stage's mutants over its solution regions: keeps the mutants whose line lies strictly
 * between a BEGIN and its END marker (found by the same parser that writes the student edition),
 * and applies the {@code // pit:} exclusion comments found inside those regions.
 */
public final class RegionScorer {

    /** What is known about one source file. */
    private record SourceFile(String path, List<Region> regions, List<Exclusion> exclusions) {

        boolean inRegion(int line) {
            return regions.stream().anyMatch(r -> r.beginLine() < line && line < r.endLine());
        }
    }

    private RegionScorer() {
    }

    /**
     * Scores a stage's mutants.
     *
     * @param root the repository root
     * @param stage the stage whose sources PIT mutated
     * @param mutants the mutants of PIT's report
     * @return the score over the solution regions
     */
    public static RegionScore score(Path root, Stage stage, List<Mutant> mutants) {
        Path sources = stage.dir().resolve("src").resolve("main").resolve("java");
        Map<String, SourceFile> files = new HashMap<>();
        Set<String> problems = new LinkedHashSet<>();
        List<ScoredMutant> inRegions = new ArrayList<>();
        // Each mutator an exclusion names takes out one undetected mutant, in the report's order.
        Map<Exclusion, List<String>> open = new HashMap<>();
        for (Mutant mutant : mutants) {
            SourceFile file = files.computeIfAbsent(mutant.sourcePath(),
                    p -> read(root, sources.resolve(p), problems));
            if (file == null || !file.inRegion(mutant.line())) {
                continue;
            }
            Exclusion exclusion = null;
            if (!mutant.status().detected()) {
                for (Exclusion e : file.exclusions()) {
                    List<String> names = open.computeIfAbsent(e, x -> new ArrayList<>(x.mutators()));
                    if (e.covers(file.path(), mutant) && names.remove(mutant.mutatorName())) {
                        exclusion = e;
                        break;
                    }
                }
            }
            inRegions.add(new ScoredMutant(mutant, file.path(), exclusion));
        }
        inRegions.sort(Comparator.comparing(ScoredMutant::path).thenComparingInt(m -> m.mutant().line())
                .thenComparing(m -> m.mutant().mutatorName()));
        List<Exclusion> unused = new ArrayList<>();
        files.values().stream().sorted(Comparator.comparing(SourceFile::path)).forEach(f -> {
            for (Exclusion e : f.exclusions()) {
                List<String> names = open.getOrDefault(e, e.mutators());
                if (!names.isEmpty()) {
                    unused.add(new Exclusion(e.path(), e.line(), e.commentLine(), e.kind(), names, e.reason()));
                }
            }
        });
        // Comments in files where PIT made no mutant are never read above: look for them too, so
        // that a stale comment does not linger unseen.
        for (String path : filesWithComments(root, sources)) {
            String relative = SourceTree.relative(sources, root.resolve(path));
            if (!files.containsKey(relative)) {
                SourceFile file = read(root, root.resolve(path), problems);
                if (file != null) {
                    unused.addAll(file.exclusions());
                }
            }
        }
        return new RegionScore(stage.module(), mutants.size(), inRegions, unused, List.copyOf(problems));
    }

    /** Reads a source file's regions and exclusions; null (with a problem) if it cannot be used. */
    private static SourceFile read(Path root, Path file, Set<String> problems) {
        String path = SourceTree.relative(root, file);
        if (!Files.isRegularFile(file)) {
            problems.add("PIT mutated " + path + ", which does not exist: is the report from another tree?");
            return null;
        }
        String text = readText(file);
        ExclusionComments.Found found = ExclusionComments.find(path, text);
        problems.addAll(found.problems());
        if (!Markers.mentioned(text)) {
            return new SourceFile(path, List.of(), found.exclusions());
        }
        MarkedFile marked = MarkerParser.parse(path, text);
        if (!marked.isValid()) {
            marked.problems().forEach(p -> problems.add(p.toString()));
            return null;
        }
        return new SourceFile(path, marked.regions(), found.exclusions());
    }

    /** The stage's main sources that mention an exclusion comment, relative to the root. */
    private static List<String> filesWithComments(Path root, Path sources) {
        if (!Files.isDirectory(sources)) {
            return List.of();
        }
        List<String> paths = new ArrayList<>();
        try (var walk = Files.walk(sources)) {
            for (Path file : (Iterable<Path>) walk.sorted()::iterator) {
                if (file.toString().endsWith(".java") && Files.isRegularFile(file)) {
                    String text = readText(file);
                    if (text.contains("pit:")) {
                        paths.add(SourceTree.relative(root, file));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + sources, e);
        }
        return paths;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (the tools expect UTF-8 sources)", e);
        }
    }
}
