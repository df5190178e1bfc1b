package org.lsmworkbook.tools.edition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.lsmworkbook.tools.markers.Markers;

/**
 * A tiny repository with two stages, for edition tests. Marker lines come from {@link Markers}
 * so that the marker texts never appear literally in this file.
 */
final class FakeRepository {

    static final String DAY1_SOURCE = "day1-block/src/main/java/p1/Counter.java";
    static final String DAY2_SOURCE = "day2-sst/src/main/java/p2/Table.java";
    static final String HIDDEN_TEST = "day1-block/src/test/java/p1/SecretTest.java";

    private FakeRepository() {
    }

    static Path create(Path root) throws IOException {
        write(root, "pom.xml", "<project><modules><module>day1-block</module><module>day2-sst</module></modules></project>\n");
        write(root, "README.md", "# readme\r\nwith CRLF\r\n");
        write(root, "docs/notes.md", "# notes\r\nwith CRLF\r\n");
        write(root, "workbook", "#!/usr/bin/env bash\necho hi\n");
        if (Files.getFileStore(root).supportsFileAttributeView("posix")) {
            Files.setPosixFilePermissions(root.resolve("workbook"), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        write(root, ".ci/run", "mvn verify\n");
        write(root, "docs/day1-block.md", "# Day 1\n");
        write(root, "day1-block/pom.xml", "<project/>\n");
        write(root, DAY1_SOURCE, String.join("\n",
                "package p1;",
                "",
                "public class Counter {",
                "    " + Markers.BEGIN,
                "    private int count;",
                "    " + Markers.END,
                "",
                "    public int increment() {",
                "        " + Markers.BEGIN + " Task 1",
                "        return ++count;",
                "        " + Markers.END,
                "    }",
                "}",
                ""));
        write(root, "day1-block/src/main/java/p1/Given.java", "package p1;\n\nclass Given { String s = \"{\"; }\n");
        write(root, "day1-block/src/test/java/p1/CounterTest.java", "package p1;\nclass CounterTest { }\n");
        write(root, HIDDEN_TEST, "package p1;\nimport org.junit.jupiter.api.Tag;\n@Tag(\"hidden\")\nclass SecretTest { }\n");
        write(root, "day1-block/target/classes/p1/Counter.class", "not a real class file");
        write(root, "day2-sst/pom.xml", "<project/>\n");
        write(root, DAY2_SOURCE, String.join("\n",
                "package p2;",
                "",
                "public class Table {",
                "    public Table(int size) {",
                "        " + Markers.BEGIN + " Task 3",
                "        if (size < 0) {",
                "            throw new IllegalArgumentException();",
                "        }",
                "        " + Markers.END,
                "    }",
                "}",
                ""));
        return root;
    }

    static void write(Path root, String path, String content) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
