package org.lsmworkbook.tools.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.lsmworkbook.tools.shell.FakeEngine.BUILT;
import static org.lsmworkbook.tools.shell.FakeEngine.plusMinutes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.lsmworkbook.tools.WorkbookException;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class EngineBuildTest {

    @TempDir
    Path temp;

    private Path root;

    @BeforeEach
    void createRepository() throws IOException {
        root = FakeEngine.create(Files.createDirectories(temp.resolve("repo")));
    }

    private String why() {
        return EngineBuild.of(root).whyBuild().orElse("(no build needed)");
    }

    @Test
    void an_engine_built_after_its_last_change_needs_no_build() {
        EngineBuild engine = EngineBuild.of(root);
        assertThat(engine.whyBuild()).as("every jar is newer than every source and pom").isEmpty();
        assertThat(engine.needsBuild()).isFalse();
    }

    @Test
    void a_missing_jar_needs_a_build() throws IOException {
        Files.delete(root.resolve(FakeEngine.jar("day3-memtable")));
        assertThat(EngineBuild.of(root).needsBuild()).as("day 3's jar was deleted").isTrue();
        assertThat(why()).isEqualTo("day3-memtable/target/day3-memtable-1.0.0-SNAPSHOT.jar is missing");
    }

    @Test
    void a_source_newer_than_its_jar_needs_a_build() {
        FakeEngine.touch(root, FakeEngine.source("day4-engine"), plusMinutes(BUILT, 1));
        assertThat(EngineBuild.of(root).needsBuild()).as("a day 4 source saved after the build").isTrue();
        assertThat(why()).as("the reason names the file and the jar")
                .isEqualTo("day4-engine/src/main/java/p/Main.java changed after "
                        + "day4-engine/target/day4-engine-1.0.0-SNAPSHOT.jar was built");
    }

    @Test
    void a_source_saved_at_the_same_time_as_the_build_needs_none() {
        FakeEngine.touch(root, FakeEngine.source("day4-engine"), BUILT);
        assertThat(EngineBuild.of(root).needsBuild()).as("only a strictly newer source is a change").isFalse();
    }

    @Test
    void a_deleted_source_needs_a_build() throws IOException {
        Files.delete(root.resolve(FakeEngine.source("day2-sst")));
        // Deleting a file dates its directory now, long after BUILT.
        assertThat(EngineBuild.of(root).needsBuild()).as("the directory of a deleted source changed").isTrue();
        assertThat(why()).startsWith("day2-sst/src/main/java/p changed after");
    }

    @Test
    void a_changed_stage_pom_needs_a_build() {
        FakeEngine.touch(root, "day5-read-path/pom.xml", plusMinutes(BUILT, 1));
        assertThat(why()).as("day 5's pom changed after its jar was built")
                .isEqualTo("day5-read-path/pom.xml changed after "
                        + "day5-read-path/target/day5-read-path-1.0.0-SNAPSHOT.jar was built");
    }

    @Test
    void a_changed_root_pom_needs_a_build() {
        FakeEngine.touch(root, "pom.xml", plusMinutes(BUILT, 1));
        assertThat(why()).as("the root pom is every stage's parent")
                .isEqualTo("pom.xml changed after day1-block/target/day1-block-1.0.0-SNAPSHOT.jar was built");
    }

    @Test
    void a_missing_or_outdated_classpath_file_needs_a_build() throws IOException {
        FakeEngine.touch(root, "day6-write-path/target/engine-classpath.txt", FakeEngine.SOURCES);
        FakeEngine.touch(root, "day6-write-path/pom.xml", plusMinutes(FakeEngine.SOURCES, 1));
        assertThat(why()).as("day 6's pom changed after the classpath was recorded, though not after its jar")
                .isEqualTo("day6-write-path/pom.xml changed after day6-write-path/target/engine-classpath.txt"
                        + " was written");
        Files.delete(root.resolve("day6-write-path/target/engine-classpath.txt"));
        assertThat(why()).isEqualTo("day6-write-path/target/engine-classpath.txt is missing");
    }

    @Test
    void tests_and_compiled_classes_are_not_part_of_the_engine() throws IOException {
        FakeEngine.touch(root, "day4-engine/src/test/java/p/MainTest.java", plusMinutes(BUILT, 1));
        Files.createDirectories(root.resolve("day4-engine/target/classes"));
        assertThat(EngineBuild.of(root).whyBuild())
                .as("a changed test or a fresh target/classes does not change the jars the shell runs on")
                .isEmpty();
    }

    @Test
    void stages_after_the_write_path_are_not_part_of_the_engine() throws IOException {
        Files.createDirectories(root.resolve("day7-compaction"));
        Files.writeString(root.resolve("day7-compaction/pom.xml"), "<project/>");
        EngineBuild engine = EngineBuild.of(root);
        assertThat(engine.stages()).as("the shell runs on days 1 to 6").hasSize(6);
        assertThat(engine.whyBuild()).as("day 7 has no jar, and needs none for the shell").isEmpty();
    }

    @Test
    void marking_the_build_dates_the_outputs_at_its_start() {
        FileTime saved = plusMinutes(BUILT, 10);
        FakeEngine.touch(root, FakeEngine.source("day1-block"), saved);
        EngineBuild engine = EngineBuild.of(root);
        assertThat(engine.needsBuild()).isTrue();

        // Maven found day 1's jar up to date and left it alone; the command then marks the build.
        engine.markBuilt(plusMinutes(saved, 1));
        assertThat(engine.whyBuild()).as("after a build nothing is stale, even a jar Maven did not rewrite").isEmpty();

        FakeEngine.touch(root, FakeEngine.source("day6-write-path"), plusMinutes(saved, 2));
        assertThat(engine.needsBuild()).as("a source saved after the build started is a change again").isTrue();
    }

    @Test
    void marking_a_build_whose_jar_is_missing_is_refused() throws IOException {
        Files.delete(root.resolve(FakeEngine.jar("day5-read-path")));
        assertThatThrownBy(() -> EngineBuild.of(root).markBuilt(BUILT))
                .isInstanceOf(WorkbookException.class)
                .hasMessageContaining("day5-read-path/target/day5-read-path-1.0.0-SNAPSHOT.jar is not there");
    }

    @Test
    void the_classpath_is_the_six_jars_then_the_recorded_libraries_without_duplicates() {
        List<String> classpath = EngineBuild.of(root).classpath();
        List<String> jars = FakeEngine.MODULES.stream().map(m -> root.resolve(FakeEngine.jar(m)).toString()).toList();
        assertThat(classpath).as("the stages in course order, then Caffeine; day 1-5 are recorded too")
                .containsExactlyElementsOf(concat(jars, root.resolve(FakeEngine.LIBRARY).toString()));
    }

    @Test
    void the_build_packages_the_stages_without_tests_and_records_the_classpath() {
        List<String> arguments = EngineBuild.of(root).mavenArguments();
        assertThat(arguments).as("mvn arguments")
                .containsSubsequence("-pl", "day6-write-path", "-am")
                .contains("package", "dependency:build-classpath", "-Dmaven.test.skip=true",
                        "-Dmdep.outputFile=target/engine-classpath.txt", "-DincludeScope=runtime")
                .doesNotContain("install", "clean");
    }

    @Test
    void a_repository_without_the_write_path_is_refused() throws IOException {
        Path other = FakeEngine.create(Files.createDirectories(temp.resolve("other")));
        Files.delete(other.resolve("day6-write-path/pom.xml"));
        assertThatThrownBy(() -> EngineBuild.of(other))
                .isInstanceOf(WorkbookException.class)
                .hasMessageContaining("the shell lives in day6-write-path");
    }

    private static List<String> concat(List<String> list, String last) {
        List<String> all = new ArrayList<>(list);
        all.add(last);
        return all;
    }
}
