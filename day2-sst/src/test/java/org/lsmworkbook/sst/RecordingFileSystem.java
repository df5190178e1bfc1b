package org.lsmworkbook.sst;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.CopyOption;
import java.nio.file.DirectoryStream;
import java.nio.file.FileStore;
import java.nio.file.FileSystem;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.ProviderMismatchException;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileAttributeView;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.nio.file.spi.FileSystemProvider;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A test-only file system that lays itself over the real one and records what is done to files:
 * every channel opened, every byte written and every {@code force} call, in order. Paths of it
 * ({@link #wrap(Path)}) behave like the real paths they wrap, so code under test needs no change:
 * {@code FileChannel.open(path, ...)} and {@code Files.write(path, ...)} reach the real disk through
 * channels that record. Only {@link Path#toFile()} is refused, since a {@code java.io.File} would
 * bypass the recording.
 *
 * <p>It can also fail on request (a full disk, a failing {@code force}, a size that cannot be
 * read), so that a test can check what code does when an operation fails half-way.
 */
final class RecordingFileSystem extends FileSystem {

    /** One recorded operation on one file, in the order they happened. */
    record Event(Path file, int channel, String what, long bytes) {
        boolean isWrite() {
            return what.equals("write");
        }

        boolean isForce(boolean metaData) {
            return what.equals("force(" + metaData + ")");
        }

        @Override
        public String toString() {
            return "channel " + channel + ": " + what + (isWrite() ? " " + bytes + " bytes" : "");
        }
    }

    private final FileSystem real = Path.of("").getFileSystem();
    private final Provider provider = new Provider();
    private final List<Event> events = new ArrayList<>();
    private int channels;
    private volatile long failWritesAfter = Long.MAX_VALUE;
    private volatile boolean failForce;
    private volatile boolean failSize;
    private volatile IOException injected;

    /**
     * From now on, a write that would take the bytes written to one channel past {@code bytes}
     * throws {@link #injected()} instead, as a full disk would.
     */
    RecordingFileSystem failingWritesAfter(long bytes) {
        failWritesAfter = bytes;
        return this;
    }

    /** From now on, every {@code force} throws {@link #injected()}, as a failing device would. */
    RecordingFileSystem failingForce() {
        failForce = true;
        return this;
    }

    /**
     * From now on, asking a file's size (a channel's {@code size()}, or its attributes through
     * {@code Files.size}) throws {@link #injected()}.
     */
    RecordingFileSystem failingSize() {
        failSize = true;
        return this;
    }

    /** The last exception a failure switched on above has thrown, or null. */
    IOException injected() {
        return injected;
    }

    private IOException inject(String what) {
        IOException e = new IOException("injected by the test: " + what);
        injected = e;
        return e;
    }

    /** The path of this file system that stands for {@code realPath}. */
    Path wrap(Path realPath) {
        return new RecordingPath(this, Objects.requireNonNull(realPath, "realPath"));
    }

    /** The numbers of the channels opened on {@code realPath} and not closed since, in order. */
    synchronized List<Integer> channelsLeftOpen(Path realPath) {
        List<Integer> open = new ArrayList<>();
        for (Event e : eventsOn(realPath)) {
            if (e.what().startsWith("open")) {
                open.add(e.channel());
            } else if (e.what().equals("close")) {
                open.remove(Integer.valueOf(e.channel()));
            }
        }
        return open;
    }

    /** Everything recorded on {@code realPath} so far, in order. */
    synchronized List<Event> eventsOn(Path realPath) {
        List<Event> out = new ArrayList<>();
        for (Event e : events) {
            if (e.file().equals(realPath.toAbsolutePath().normalize())) {
                out.add(e);
            }
        }
        return out;
    }

    private synchronized void record(Path file, int channel, String what, long bytes) {
        events.add(new Event(file.toAbsolutePath().normalize(), channel, what, bytes));
    }

    private synchronized int newChannelNumber() {
        return ++channels;
    }

    private Path unwrap(Path path) {
        if (path instanceof RecordingPath recording) {
            return recording.real;
        }
        throw new ProviderMismatchException("not a path of the recording file system: " + path);
    }

    // ---- FileSystem ------------------------------------------------------------------------------

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // The real file system stays open; there is nothing of our own to close.
    }

    @Override
    public boolean isOpen() {
        return true;
    }

    @Override
    public boolean isReadOnly() {
        return false;
    }

    @Override
    public String getSeparator() {
        return real.getSeparator();
    }

    @Override
    public Iterable<Path> getRootDirectories() {
        List<Path> roots = new ArrayList<>();
        real.getRootDirectories().forEach(root -> roots.add(wrap(root)));
        return roots;
    }

    @Override
    public Iterable<FileStore> getFileStores() {
        return real.getFileStores();
    }

    @Override
    public Set<String> supportedFileAttributeViews() {
        return real.supportedFileAttributeViews();
    }

    @Override
    public Path getPath(String first, String... more) {
        return wrap(real.getPath(first, more));
    }

    @Override
    public PathMatcher getPathMatcher(String syntaxAndPattern) {
        PathMatcher matcher = real.getPathMatcher(syntaxAndPattern);
        return path -> matcher.matches(unwrap(path));
    }

    @Override
    public UserPrincipalLookupService getUserPrincipalLookupService() {
        return real.getUserPrincipalLookupService();
    }

    @Override
    public WatchService newWatchService() {
        throw new UnsupportedOperationException("the recording file system does not watch directories");
    }

    // ---- the provider: every operation goes to the real file, channels record ---------------------

    private final class Provider extends FileSystemProvider {

        @Override
        public String getScheme() {
            return "recording";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException("made by the test, not by URI");
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            throw new UnsupportedOperationException("made by the test, not by URI");
        }

        @Override
        public Path getPath(URI uri) {
            throw new UnsupportedOperationException("made by the test, not by URI");
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            Path file = unwrap(path);
            FileChannel channel = FileChannel.open(file, options, attrs);
            int number = newChannelNumber();
            record(file, number, "open" + options, 0);
            return new RecordingChannel(file, number, channel);
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            return newFileChannel(path, options, attrs);
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            DirectoryStream<Path> stream = Files.newDirectoryStream(unwrap(dir), p -> filter.accept(wrap(p)));
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> inner = stream.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return inner.hasNext();
                        }

                        @Override
                        public Path next() {
                            return wrap(inner.next());
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    stream.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            Files.createDirectory(unwrap(dir), attrs);
        }

        @Override
        public void delete(Path path) throws IOException {
            Files.delete(unwrap(path));
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            Files.copy(unwrap(source), unwrap(target), options);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            Files.move(unwrap(source), unwrap(target), options);
        }

        @Override
        public boolean isSameFile(Path path, Path path2) throws IOException {
            return Files.isSameFile(unwrap(path), unwrap(path2));
        }

        @Override
        public boolean isHidden(Path path) throws IOException {
            return Files.isHidden(unwrap(path));
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            return Files.getFileStore(unwrap(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            Path file = unwrap(path);
            file.getFileSystem().provider().checkAccess(file, modes);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return Files.getFileAttributeView(unwrap(path), type, options);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            if (failSize) {
                throw inject("reading the attributes of " + path + " failed");
            }
            return Files.readAttributes(unwrap(path), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            if (failSize) {
                throw inject("reading the attributes of " + path + " failed");
            }
            return Files.readAttributes(unwrap(path), attributes, options);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
            Files.setAttribute(unwrap(path), attribute, value, options);
        }
    }

    /** A real file channel that records writes, forces, mappings and its close. */
    private final class RecordingChannel extends FileChannel {

        private final Path file;
        private final int number;
        private final FileChannel inner;
        private long written;

        RecordingChannel(Path file, int number, FileChannel inner) {
            this.file = file;
            this.number = number;
            this.inner = inner;
        }

        private <T extends Number> T wrote(T bytes) {
            record(file, number, "write", bytes.longValue());
            written += bytes.longValue();
            return bytes;
        }

        /** Throws the injected failure if writing {@code bytes} more would pass the limit. */
        private void beforeWrite(long bytes) throws IOException {
            if (written + bytes > failWritesAfter) {
                record(file, number, "write failed", 0);
                throw inject("the disk is full after " + failWritesAfter + " bytes");
            }
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return inner.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return inner.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return inner.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            beforeWrite(src.remaining());
            return wrote(inner.write(src));
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            long bytes = 0;
            for (int i = offset; i < offset + length; i++) {
                bytes += srcs[i].remaining();
            }
            beforeWrite(bytes);
            return wrote(inner.write(srcs, offset, length));
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            beforeWrite(src.remaining());
            return wrote(inner.write(src, position));
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            beforeWrite(count);
            return wrote(inner.transferFrom(src, position, count));
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return inner.transferTo(position, count, target);
        }

        @Override
        public long position() throws IOException {
            return inner.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            inner.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            if (failSize) {
                throw inject("size() of " + file + " failed");
            }
            return inner.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            record(file, number, "truncate(" + size + ")", 0);
            inner.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (failForce) {
                record(file, number, "force failed", 0);
                throw inject("force failed");
            }
            inner.force(metaData);
            record(file, number, "force(" + metaData + ")", 0);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            record(file, number, "map(" + mode + ")", 0);
            return inner.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return inner.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return inner.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            record(file, number, "close", 0);
            inner.close();
        }
    }

    /** A path of this file system: the real path it stands for, with results wrapped again. */
    private static final class RecordingPath implements Path {

        private final RecordingFileSystem fs;
        private final Path real;

        RecordingPath(RecordingFileSystem fs, Path real) {
            this.fs = fs;
            this.real = real;
        }

        private Path wrapOrNull(Path p) {
            return p == null ? null : fs.wrap(p);
        }

        @Override
        public FileSystem getFileSystem() {
            return fs;
        }

        @Override
        public boolean isAbsolute() {
            return real.isAbsolute();
        }

        @Override
        public Path getRoot() {
            return wrapOrNull(real.getRoot());
        }

        @Override
        public Path getFileName() {
            return wrapOrNull(real.getFileName());
        }

        @Override
        public Path getParent() {
            return wrapOrNull(real.getParent());
        }

        @Override
        public int getNameCount() {
            return real.getNameCount();
        }

        @Override
        public Path getName(int index) {
            return fs.wrap(real.getName(index));
        }

        @Override
        public Path subpath(int beginIndex, int endIndex) {
            return fs.wrap(real.subpath(beginIndex, endIndex));
        }

        @Override
        public boolean startsWith(Path other) {
            return other instanceof RecordingPath p && real.startsWith(p.real);
        }

        @Override
        public boolean endsWith(Path other) {
            return other instanceof RecordingPath p && real.endsWith(p.real);
        }

        @Override
        public Path normalize() {
            return fs.wrap(real.normalize());
        }

        @Override
        public Path resolve(Path other) {
            return fs.wrap(real.resolve(fs.unwrap(other)));
        }

        @Override
        public Path relativize(Path other) {
            return fs.wrap(real.relativize(fs.unwrap(other)));
        }

        @Override
        public URI toUri() {
            return real.toUri();
        }

        @Override
        public Path toAbsolutePath() {
            return fs.wrap(real.toAbsolutePath());
        }

        @Override
        public Path toRealPath(LinkOption... options) throws IOException {
            return fs.wrap(real.toRealPath(options));
        }

        @Override
        public java.io.File toFile() {
            throw new UnsupportedOperationException("this test hands FileObject a Path that records what is done to "
                    + "the file, and a java.io.File would bypass it: open the file with FileChannel.open(path, ...), as "
                    + "docs/day2-sst.md, Task 1 says");
        }

        @Override
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException("the recording file system does not watch directories");
        }

        @Override
        public int compareTo(Path other) {
            return real.compareTo(fs.unwrap(other));
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof RecordingPath p && p.fs == fs && p.real.equals(real);
        }

        @Override
        public int hashCode() {
            return real.hashCode();
        }

        @Override
        public String toString() {
            return real.toString();
        }
    }
}
