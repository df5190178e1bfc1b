package org.lsmworkbook.tools.maven;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TestPatternsTest {

    @TempDir
    Path module;

    private void touch(String path) throws IOException {
        Path file = module.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, "");
    }

    @Test
    void one_pattern_per_test_package() throws IOException {
        touch("src/test/java/org/lsmworkbook/kv/BytesTest.java");
        touch("src/test/java/org/lsmworkbook/block/BlockTest.java");
        touch("src/test/java/org/lsmworkbook/block/BlockSeekTest.java");
        touch("src/test/java/module-info.java");
        touch("src/test/resources/org/lsmworkbook/other/Data.java");
        assertThat(TestPatterns.forModule(module)).as("sorted package patterns, slash form")
                .isEqualTo("org/lsmworkbook/block/*,org/lsmworkbook/kv/*");
    }

    @Test
    void a_module_without_tests_selects_nothing() {
        assertThat(TestPatterns.forModule(module)).as("a pattern that matches no class, never an empty -Dtest")
                .isEqualTo(TestPatterns.NOTHING);
    }
}
