package io.camelonenet.setup;

import io.camelonenet.support.DirectoryLock;
import org.apache.camel.Service;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The app's data directory, locked for this app for as long as its Camel context runs ({@link DirectoryLock}): two
 * instances started in one working directory would otherwise share the buffer's database and the command files
 * without a word. Taken before anything opens it.
 */
final class DataDirectories implements Service {

    private static final Logger LOG = LoggerFactory.getLogger(DataDirectories.class);

    private final List<DirectoryLock> locks;

    private DataDirectories(List<DirectoryLock> locks) {
        this.locks = locks;
    }

    /** Locks {@code directory}, as {@link #lock(List)} does. */
    static DataDirectories lock(Path directory) throws IOException {
        return lock(List.of(directory));
    }

    /**
     * Locks every distinct directory of {@code directories}, or none. A directory that cannot be written (a read-only
     * disk) is left unlocked: whatever writes there reports that itself (the buffer refuses and counts every reading,
     * readiness says why), and a second app could not write there either.
     *
     * @throws DirectoryLock.LockedException naming the directory, the lock and the other app's pid
     */
    static DataDirectories lock(List<Path> directories) throws IOException {
        Set<Path> distinct = new LinkedHashSet<>();
        directories.forEach(directory -> distinct.add(directory.toAbsolutePath().normalize()));
        List<DirectoryLock> locks = new ArrayList<>();
        try {
            for (Path directory : distinct) {
                try {
                    locks.add(DirectoryLock.acquire(directory));
                } catch (DirectoryLock.LockedException taken) {
                    throw taken;
                } catch (IOException unwritable) {
                    LOG.debug("{} cannot be locked ({}); left to what writes there to report", directory,
                            unwritable.toString());
                }
            }
        } catch (IOException e) {
            for (DirectoryLock taken : locks) {
                taken.close();
            }
            throw e;
        }
        return new DataDirectories(locks);
    }

    @Override
    public void start() {
        // locked when created, before the buffer opens
    }

    @Override
    public void stop() {
        for (DirectoryLock lock : locks) {
            try {
                lock.close();
            } catch (IOException e) {
                LOG.debug("releasing {} failed: {}", lock.file(), e.getMessage());
            }
        }
    }
}
