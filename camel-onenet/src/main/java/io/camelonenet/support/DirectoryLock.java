package io.camelonenet.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One app per data directory: a lock file ({@value #FILE_NAME}) in it, held with the system's file lock for as long
 * as the app runs and holding its pid. The system releases the lock with the process, however it ends, so a file left
 * by a killed app is no lock: the next start takes it. A directory locked already (by another process, or another app
 * in this JVM) is refused with a message naming the lock file and the pid in it.
 */
public final class DirectoryLock implements AutoCloseable {

    public static final String FILE_NAME = ".camel-onenet.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code directory} (created 0700 if missing) for this process.
     *
     * @throws LockedException when another app holds it
     */
    public static DirectoryLock acquire(Path directory) throws IOException {
        PrivateFiles.createDirectories(directory);
        Path file = directory.resolve(FILE_NAME);
        PrivateFiles.ensureFile(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            lock = null;
        }
        if (lock == null) {
            String owner = owner(channel);
            channel.close();
            throw new LockedException(directory, file, owner);
        }
        channel.truncate(0);
        channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
        return new DirectoryLock(file, channel, lock);
    }

    public Path file() {
        return file;
    }

    /** Lets go of the lock; the file stays (a later start takes it), emptied of the pid. */
    @Override
    public void close() throws IOException {
        if (channel.isOpen()) {
            channel.truncate(0);
            lock.release();
            channel.close();
        }
    }

    private static String owner(FileChannel channel) throws IOException {
        ByteBuffer read = ByteBuffer.allocate(32);
        channel.read(read, 0);
        String text = new String(read.array(), 0, read.position(), StandardCharsets.US_ASCII).strip();
        return text.chars().allMatch(Character::isDigit) && !text.isEmpty() ? text : "unknown";
    }

    /** The directory is another running app's. */
    public static final class LockedException extends IOException {

        private final Path directory;

        LockedException(Path directory, Path file, String pid) {
            super(directory + " is in use by another camel-onenet (pid " + pid + ", lock " + file + ")");
            this.directory = directory;
        }

        public Path directory() {
            return directory;
        }
    }
}
