package io.camelonenet.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Enough of a file's state to notice an edit, or a replaced file (as a re-mounted Kubernetes secret is): its
 * modification time, size and identity.
 */
public record FileStamp(long modified, long size, Object key) {

    public static FileStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new FileStamp(attributes.lastModifiedTime().toMillis(), attributes.size(), attributes.fileKey());
        } catch (IOException e) {
            return new FileStamp(-1, -1, null);
        }
    }
}
