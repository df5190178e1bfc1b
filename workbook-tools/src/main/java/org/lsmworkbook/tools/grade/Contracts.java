package org.lsmworkbook.tools.grade;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.lsmworkbook.tools.edition.Stage;

/**
 * The contract between stages that a submission can break from the wrong side: what an earlier
 * stage's {@code module-info.java} exports (and re-exports with {@code requires transitive}). When
 * a stage does not compile, an earlier stage that dropped part of its official contract is named
 * beside it, so that the blame lands where the change was made.
 */
final class Contracts {

    private static final Pattern COMMENTS = Pattern.compile("/\\*.*?\\*/|//[^\\n]*", Pattern.DOTALL);
    private static final Pattern EXPORTS = Pattern.compile("\\bexports\\s+([\\w.]+)\\s*;");
    private static final Pattern TRANSITIVE = Pattern.compile("\\brequires\\s+transitive\\s+([\\w.]+)\\s*;");

    private Contracts() {
    }

    /**
     * Notes naming each earlier stage whose submitted module-info no longer exports (or re-exports)
     * what its official one does.
     *
     * @param tree the grading tree
     * @param stage the stage that does not compile
     * @return one note per earlier stage that broke its contract, empty if none did
     */
    static List<String> brokenBefore(GradingTree tree, Stage stage) {
        List<String> notes = new ArrayList<>();
        for (Stage earlier : tree.stages()) {
            if (earlier.day() >= stage.day()) {
                continue;
            }
            Set<String> official = contract(moduleInfo(tree.officialStage(earlier).dir()));
            Set<String> submitted = contract(moduleInfo(earlier.dir()));
            official.removeAll(submitted);
            if (!official.isEmpty()) {
                notes.add("note: " + earlier.module() + "'s module-info.java no longer has " + String.join(", ", official)
                        + " (its official one does), which " + stage.module() + " needs: the failure may be "
                        + earlier.module() + "'s, not " + stage.module() + "'s");
            }
        }
        return notes;
    }

    private static String moduleInfo(Path stageDir) {
        Path file = stageDir.resolve("src/main/java/module-info.java");
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || Files.size(file) > 1_000_000) {
                return "";
            }
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** "exports p;" and "requires transitive m;" directives, comments left out. */
    static Set<String> contract(String moduleInfo) {
        String code = COMMENTS.matcher(moduleInfo).replaceAll(" ");
        Set<String> directives = new LinkedHashSet<>();
        Matcher exports = EXPORTS.matcher(code);
        while (exports.find()) {
            directives.add("exports " + exports.group(1));
        }
        Matcher transitive = TRANSITIVE.matcher(code);
        while (transitive.find()) {
            directives.add("requires transitive " + transitive.group(1));
        }
        return directives;
    }
}
