package org.lsmworkbook.write;

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
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
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
 * A file system that is the real one underneath, and tells a {@link Listener} about every file
 * operation before it happens: opening, reading, writing and forcing a file or a directory,
 * renaming, deleting, listing. An engine opened on a {@link #root() path of it} works as usual, and
 * the test sees the order of its steps, and the thread and the engine state at each one. The
 * listener may also hold an operation back (a reader paused inside a file read).
 *
 * <p>Only what the engine uses is wrapped faithfully; {@code Path.toFile()} is not supported.
 */
final class RecordingFileSystem extends FileSystem {

    /** What is about to happen to a file. */
    enum Op {
        OPEN, READ, WRITE, FORCE, MOVE, DELETE, CREATE_DIRECTORY, LIST, CLOSE
    }

    /** Called before each operation, in the thread that makes it; it may throw to make it fail. */
    @FunctionalInterface
    interface Listener {
        /**
         * @param path the file (for {@code MOVE}: the source)
         * @param target the new name for {@code MOVE}, otherwise null
         */
        void before(Op op, Path path, Path target) throws IOException;
    }

    private final FileSystem real;
    private final Provider provider;
    private volatile Listener listener = (op, path, target) -> { };

    private RecordingFileSystem(FileSystem real) {
        this.real = real;
        this.provider = new Provider(real.provider());
    }

    /** A recording view of the default file system. */
    static RecordingFileSystem ofDefault() {
        return new RecordingFileSystem(java.nio.file.FileSystems.getDefault());
    }

    /** {@code realPath} as a path of this file system: what is done through it is recorded. */
    Path wrap(Path realPath) {
        return realPath == null ? null : new WrappedPath(this, realPath);
    }

    /** Replaces the listener. */
    void listen(Listener newListener) {
        this.listener = Objects.requireNonNull(newListener, "listener");
    }

    private void before(Op op, Path path, Path target) throws IOException {
        listener.before(op, path, target);
    }

    private static Path unwrap(Path path) {
        if (path instanceof WrappedPath) {
            return ((WrappedPath) path).real;
        }
        throw new java.nio.file.ProviderMismatchException("not a path of the recording file system: " + path);
    }

    @Override
    public FileSystemProvider provider() {
        return provider;
    }

    @Override
    public void close() {
        // the default file system cannot be closed
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
        throw new UnsupportedOperationException("the recording file system does not watch");
    }

    /** A path of the real file system, dressed as one of this file system. */
    private static final class WrappedPath implements Path {
        private final RecordingFileSystem fs;
        private final Path real;

        WrappedPath(RecordingFileSystem fs, Path real) {
            this.fs = fs;
            this.real = real;
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
            return fs.wrap(real.getRoot());
        }

        @Override
        public Path getFileName() {
            return fs.wrap(real.getFileName());
        }

        @Override
        public Path getParent() {
            return fs.wrap(real.getParent());
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
            return other instanceof WrappedPath && real.startsWith(((WrappedPath) other).real);
        }

        @Override
        public boolean endsWith(Path other) {
            return other instanceof WrappedPath && real.endsWith(((WrappedPath) other).real);
        }

        @Override
        public Path normalize() {
            return fs.wrap(real.normalize());
        }

        @Override
        public Path resolve(Path other) {
            return fs.wrap(real.resolve(other instanceof WrappedPath ? ((WrappedPath) other).real : real.getFileSystem()
                    .getPath(other.toString())));
        }

        @Override
        public Path relativize(Path other) {
            return fs.wrap(real.relativize(unwrap(other)));
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
        public WatchKey register(WatchService watcher, WatchEvent.Kind<?>[] events, WatchEvent.Modifier... modifiers) {
            throw new UnsupportedOperationException("the recording file system does not watch");
        }

        @Override
        public int compareTo(Path other) {
            return real.compareTo(unwrap(other));
        }

        @Override
        public Iterator<Path> iterator() {
            List<Path> names = new ArrayList<>();
            real.forEach(name -> names.add(fs.wrap(name)));
            return names.iterator();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof WrappedPath && ((WrappedPath) other).real.equals(real);
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

    /** Routes every operation to the real provider, after telling the listener. */
    private final class Provider extends FileSystemProvider {
        private final FileSystemProvider realProvider;

        Provider(FileSystemProvider realProvider) {
            this.realProvider = realProvider;
        }

        @Override
        public String getScheme() {
            return "recording";
        }

        @Override
        public FileSystem newFileSystem(URI uri, Map<String, ?> env) {
            throw new UnsupportedOperationException();
        }

        @Override
        public FileSystem getFileSystem(URI uri) {
            return RecordingFileSystem.this;
        }

        @Override
        public Path getPath(URI uri) {
            return wrap(realProvider.getPath(uri));
        }

        @Override
        public FileChannel newFileChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs)
                throws IOException {
            before(Op.OPEN, path, null);
            return new RecordingChannel(path, realProvider.newFileChannel(unwrap(path), options, attrs));
        }

        @Override
        public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options,
                FileAttribute<?>... attrs) throws IOException {
            return newFileChannel(path, options, attrs);
        }

        @Override
        public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter)
                throws IOException {
            before(Op.LIST, dir, null);
            DirectoryStream<Path> entries = realProvider.newDirectoryStream(unwrap(dir), entry -> filter.accept(wrap(entry)));
            return new DirectoryStream<>() {
                @Override
                public Iterator<Path> iterator() {
                    Iterator<Path> it = entries.iterator();
                    return new Iterator<>() {
                        @Override
                        public boolean hasNext() {
                            return it.hasNext();
                        }

                        @Override
                        public Path next() {
                            return wrap(it.next());
                        }
                    };
                }

                @Override
                public void close() throws IOException {
                    entries.close();
                }
            };
        }

        @Override
        public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
            before(Op.CREATE_DIRECTORY, dir, null);
            realProvider.createDirectory(unwrap(dir), attrs);
        }

        @Override
        public void delete(Path path) throws IOException {
            before(Op.DELETE, path, null);
            realProvider.delete(unwrap(path));
        }

        @Override
        public boolean deleteIfExists(Path path) throws IOException {
            before(Op.DELETE, path, null);
            return realProvider.deleteIfExists(unwrap(path));
        }

        @Override
        public void copy(Path source, Path target, CopyOption... options) throws IOException {
            before(Op.WRITE, target, null);
            realProvider.copy(unwrap(source), unwrap(target), options);
        }

        @Override
        public void move(Path source, Path target, CopyOption... options) throws IOException {
            before(Op.MOVE, source, target);
            realProvider.move(unwrap(source), unwrap(target), options);
        }

        @Override
        public boolean isSameFile(Path path, Path path2) throws IOException {
            return realProvider.isSameFile(unwrap(path), unwrap(path2));
        }

        @Override
        public boolean isHidden(Path path) throws IOException {
            return realProvider.isHidden(unwrap(path));
        }

        @Override
        public FileStore getFileStore(Path path) throws IOException {
            return realProvider.getFileStore(unwrap(path));
        }

        @Override
        public void checkAccess(Path path, AccessMode... modes) throws IOException {
            realProvider.checkAccess(unwrap(path), modes);
        }

        @Override
        public <V extends FileAttributeView> V getFileAttributeView(Path path, Class<V> type, LinkOption... options) {
            return realProvider.getFileAttributeView(unwrap(path), type, options);
        }

        @Override
        public <A extends BasicFileAttributes> A readAttributes(Path path, Class<A> type, LinkOption... options)
                throws IOException {
            return realProvider.readAttributes(unwrap(path), type, options);
        }

        @Override
        public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options)
                throws IOException {
            return realProvider.readAttributes(unwrap(path), attributes, options);
        }

        @Override
        public void setAttribute(Path path, String attribute, Object value, LinkOption... options) throws IOException {
            realProvider.setAttribute(unwrap(path), attribute, value, options);
        }
    }

    /** A real file channel that tells the listener about reads, writes and forces. */
    private final class RecordingChannel extends FileChannel {
        private final Path path;
        private final FileChannel real;

        RecordingChannel(Path path, FileChannel real) {
            this.path = path;
            this.real = real;
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            before(Op.READ, path, null);
            return real.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            before(Op.READ, path, null);
            return real.read(dsts, offset, length);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            before(Op.READ, path, null);
            return real.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            before(Op.WRITE, path, null);
            return real.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            before(Op.WRITE, path, null);
            return real.write(srcs, offset, length);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            before(Op.WRITE, path, null);
            return real.write(src, position);
        }

        @Override
        public long position() throws IOException {
            return real.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            real.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return real.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            before(Op.WRITE, path, null);
            real.truncate(size);
            return this;
        }

        @Override
        public void force(boolean metaData) throws IOException {
            before(Op.FORCE, path, null);
            real.force(metaData);
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            before(Op.READ, path, null);
            return real.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            before(Op.WRITE, path, null);
            return real.transferFrom(src, position, count);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            before(mode == MapMode.READ_ONLY ? Op.READ : Op.WRITE, path, null);
            return real.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return real.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return real.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            // The real channel is closed whatever the listener does: a close that "fails" still frees it.
            try {
                before(Op.CLOSE, path, null);
            } finally {
                real.close();
            }
        }
    }
}
