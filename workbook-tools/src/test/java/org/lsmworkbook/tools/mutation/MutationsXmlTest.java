package org.lsmworkbook.tools.mutation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class MutationsXmlTest {

    @TempDir
    Path module;

    private Path report(String xml) throws IOException {
        Path file = MutationsXml.file(module);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, xml);
    }

    @Test
    void every_mutation_element_becomes_a_mutant() throws IOException {
        Path file = report("""
                <?xml version="1.0" encoding="UTF-8"?>
                <mutations partial="true">
                <mutation detected='false' status='SURVIVED' numberOfTestsRun='2'><sourceFile>Bytes.java</sourceFile>\
                <mutatedClass>org.x.kv.Bytes</mutatedClass><mutatedMethod>byteAt</mutatedMethod>\
                <methodDescription>(I)I</methodDescription><lineNumber>101</lineNumber>\
                <mutator>org.pitest.mutationtest.engine.gregor.mutators.MathMutator</mutator>\
                <indexes><index>15</index></indexes><blocks><block>1</block></blocks><killingTest/>\
                <description>Replaced integer addition with subtraction</description></mutation>
                <mutation detected='true' status='TIMED_OUT' numberOfTestsRun='1'><sourceFile>Outer.java</sourceFile>\
                <mutatedClass>org.x.Outer$Inner</mutatedClass><mutatedMethod>run</mutatedMethod>\
                <methodDescription>()V</methodDescription><lineNumber>7</lineNumber>\
                <mutator>org.pitest.mutationtest.engine.gregor.mutators.returns.BooleanFalseReturnValsMutator</mutator>\
                <killingTest>org.x.T.[engine:junit-jupiter]/[method:t()]</killingTest>\
                <description>replaced boolean return with false</description></mutation>
                </mutations>
                """);
        List<Mutant> mutants = MutationsXml.read(file);
        assertThat(mutants).containsExactly(
                new Mutant("Bytes.java", "org.x.kv.Bytes", "byteAt", 101,
                        "org.pitest.mutationtest.engine.gregor.mutators.MathMutator",
                        "Replaced integer addition with subtraction", Mutant.Status.SURVIVED),
                new Mutant("Outer.java", "org.x.Outer$Inner", "run", 7,
                        "org.pitest.mutationtest.engine.gregor.mutators.returns.BooleanFalseReturnValsMutator",
                        "replaced boolean return with false", Mutant.Status.TIMED_OUT));
        assertThat(mutants.get(1).sourcePath()).as("a nested class lives in its outer class's file")
                .isEqualTo("org/x/Outer.java");
        assertThat(mutants.get(1).mutatorName()).isEqualTo("BooleanFalseReturnValsMutator");
        assertThat(mutants.get(1).methodDisplayName()).isEqualTo("Outer$Inner.run");
        assertThat(mutants.get(1).status().detected()).as("a timeout counts as detected").isTrue();
    }

    @Test
    void an_unknown_status_or_another_file_is_refused() throws IOException {
        Path file = report("<mutations><mutation status='LOST'><sourceFile>A.java</sourceFile></mutation></mutations>");
        assertThatThrownBy(() -> MutationsXml.read(file)).hasMessageContaining("unknown status 'LOST'");
        Path other = report("<testsuite/>");
        assertThatThrownBy(() -> MutationsXml.read(other)).hasMessageContaining("not PIT's mutation report");
    }
}
