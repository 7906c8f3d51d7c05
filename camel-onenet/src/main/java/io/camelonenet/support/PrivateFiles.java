package io.camelonenet.support;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files and folders the app creates for its data (the buffer, commands, dead letters, locks) are its user's alone:
 * folders 0700, files 0600, whatever the process's umask, since they hold what the platform sent and what the device
 * measured. On a file system without POSIX permissions they are created as the system creates them.
 */
public final class PrivateFiles {

    private static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private PrivateFiles() {
    }

    /** Creates the folder and any missing parent, those it creates 0700; an existing one is left as it is. */
    public static Path createDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return directory;
        }
        Path parent = directory.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            createDirectories(parent);
        }
        try {
            return posix(directory) ? Files.createDirectory(directory, attribute(FOLDER))
                    : Files.createDirectory(directory);
        } catch (FileAlreadyExistsException raced) {
            if (Files.isDirectory(directory)) {
                return directory;
            }
            throw raced;
        }
    }

    /** Creates an empty file 0600 if there is none; makes an existing one 0600. */
    public static void ensureFile(Path file) throws IOException {
        if (!posix(file)) {
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            return;
        }
        if (Files.exists(file)) {
            Files.setPosixFilePermissions(file, FILE);
        } else {
            try {
                Files.createFile(file, attribute(FILE));
            } catch (FileAlreadyExistsException raced) {
                Files.setPosixFilePermissions(file, FILE);
            }
        }
    }

    private static FileAttribute<Set<PosixFilePermission>> attribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    private static boolean posix(Path path) {
        Path existing = path.toAbsolutePath();
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        return existing != null
                && existing.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
