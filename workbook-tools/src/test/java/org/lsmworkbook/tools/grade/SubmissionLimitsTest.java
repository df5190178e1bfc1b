package org.lsmworkbook.tools.grade;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A submission over the size or file-count limit is trimmed, with a note, and never fills the disk. */
@Timeout(60)
@DisplayName("grader: submissions over the limits")
class SubmissionLimitsTest {

    @TempDir
    Path dir;

    private Path official() throws IOException {
        Path official = dir.resolve("official");
        SubmissionLinksTest.write(official, "pom.xml", "<project/>\n");
        SubmissionLinksTest.write(official, "day1-block/pom.xml", "<project/>\n");
        return official;
    }

    @Test
    void a_huge_sparse_file_counts_by_its_length_and_is_left_out() throws IOException {
        Path submission = dir.resolve("submission");
        SubmissionLinksTest.write(submission, "day1-block/src/main/java/p1/A.java", "package p1; class A { }\n");
        Path big = submission.resolve("day1-block/src/main/resources/big.bin");
        Files.createDirectories(big.getParent());
        try (RandomAccessFile sparse = new RandomAccessFile(big.toFile(), "rw")) {
            sparse.setLength(1L << 30); // 1 GiB that takes no room on disk
        }
        GradingTree tree = GradingTree.create(official(), submission, dir.resolve("tree"));
        assertThat(tree.dir().resolve("day1-block/src/main/java/p1/A.java")).exists();
        assertThat(tree.dir().resolve("day1-block/src/main/resources/big.bin")).doesNotExist();
        assertThat(tree.notes()).singleElement().asString().startsWith("the submitted src/main trees are over the grader's"
                + " limit of 2000 files or 10485760 bytes: 1 files (1073741824 bytes) were left out");
    }

    @Test
    void files_past_the_count_limit_are_left_out() throws IOException {
        Path submission = dir.resolve("submission");
        for (int i = 0; i < 30; i++) {
            SubmissionLinksTest.write(submission, "day1-block/src/main/resources/f" + i + ".txt", "x\n");
        }
        GradingTree tree = GradingTree.create(official(), submission, dir.resolve("tree"), new GradingTree.Limits(20, 1 << 20));
        try (var files = Files.list(tree.dir().resolve("day1-block/src/main/resources"))) {
            assertThat(files.count()).isEqualTo(20);
        }
        assertThat(tree.notes()).singleElement().asString().contains("10 files (20 bytes) were left out");
    }
}
