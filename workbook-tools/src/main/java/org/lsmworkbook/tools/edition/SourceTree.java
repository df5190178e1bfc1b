package org.lsmworkbook.tools.edition;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The files that make up a source tree: what git would commit (tracked and untracked but not
 * ignored), or, outside a git work tree, every file except build output and IDE folders.
 */
public final class SourceTree {

    /** Directories never copied when walking the tree by hand. */
    private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", ".git", ".idea", ".vscode",
            ".settings", ".metadata");

    private SourceTree() {
    }

    /**
     * Lists the files of a tree.
     *
     * @param root the tree's root
     * @return paths relative to the root with '/' separators, sorted, regular files only
     */
    public static List<String> list(Path root) {
        List<String> fromGit = gitFiles(root);
        Set<String> files = new TreeSet<>();
        if (fromGit != null) {
            for (String file : fromGit) {
                // ls-files -c also lists files deleted from the work tree but still in the index.
                if (Files.isRegularFile(root.resolve(file))) {
                    files.add(file);
                }
            }
        } else {
            files.addAll(walk(root));
        }
        return List.copyOf(files);
    }

    /** Asks git for the tree's files; null if git is missing or the root is not in a work tree. */
    private static List<String> gitFiles(Path root) {
        try {
            Process git = new ProcessBuilder("git", "ls-files", "-co", "--exclude-standard", "-z")
                    .directory(root.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            byte[] output = readAll(git.getInputStream());
            if (git.waitFor() != 0) {
                return null;
            }
            List<String> files = new ArrayList<>();
            for (String name : new String(output, StandardCharsets.UTF_8).split("\0")) {
                if (!name.isEmpty()) {
                    files.add(name);
                }
            }
            return files;
        } catch (IOException e) {
            return null; // no git on this machine: walk the tree instead
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing files with git", e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toByteArray();
    }

    private static List<String> walk(Path root) {
        List<String> files = new ArrayList<>();
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    boolean skip = !dir.equals(root) && SKIPPED_DIRECTORIES.contains(dir.getFileName().toString());
                    return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && !file.getFileName().toString().endsWith(".iml")) {
                        files.add(relative(root, file));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot walk " + root, e);
        }
        return files;
    }

    /**
     * Returns a path relative to a root, with '/' separators on every platform.
     *
     * @param root the root
     * @param file a path under the root
     * @return e.g. "day1-block/pom.xml"
     */
    public static String relative(Path root, Path file) {
        return root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }
}
