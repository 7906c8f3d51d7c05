package io.camelonenet.ota;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * One task's package on disk: written under a temporary name in the device's directory ({@code .<target>.<tid>.part}),
 * resumed from the bytes already there after a broken connection or a restart, never past the task's size, and moved
 * to {@code <target>} only after its MD5 matched the task's. The target version comes from the platform, so it names
 * a file only when it is a plain name ({@link #SAFE_NAME}); a task with any other is refused before anything is
 * written.
 */
public final class FirmwareDownload {

    /** A version that may name a file: letters, digits, '.', '_' and '-', not starting with '.', at most 64. */
    public static final Pattern SAFE_NAME = Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9._\\-]{0,63}");
    private static final int CHUNK = 64 * 1024;

    /** Told of the download's progress in whole percents, as bytes arrive. */
    @FunctionalInterface
    public interface Progress {
        /** @return false to stop the download (the task was cancelled) */
        boolean at(int percent) throws IOException, InterruptedException;
    }

    private final Path directory;
    private final OtaTask task;
    private final Path part;
    private final Path installed;

    public FirmwareDownload(Path directory, OtaTask task) {
        if (!SAFE_NAME.matcher(task.target()).matches()) {
            throw new IllegalArgumentException("the task's target version '" + io.camelonenet.inbound.LogText.of(
                    task.target(), 64) + "' cannot name a file (letters, digits, '.', '_' or '-', at most 64)");
        }
        this.directory = directory;
        this.task = task;
        this.part = directory.resolve("." + task.target() + "." + task.tid() + ".part");
        this.installed = directory.resolve(task.target());
    }

    /** Where the package is once its MD5 matched. */
    public Path installed() {
        return installed;
    }

    /** Drops every part in the device's directory: no task waits, so none resumes. */
    public static void discardParts(Path directory) throws IOException {
        discardParts(directory, null);
    }

    private static void discardParts(Path directory, Path keep) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(directory, ".*.part")) {
            for (Path other : parts) {
                if (!other.equals(keep)) {
                    Files.deleteIfExists(other);
                }
            }
        }
    }

    /** The bytes already downloaded (0 when none; a part longer than the task is dropped). */
    public long have() throws IOException {
        Files.createDirectories(directory);
        // the parts of other tasks are left from a task that ended: only this one resumes
        discardParts(directory, part);
        long have = Files.exists(part) ? Files.size(part) : 0;
        if (have > task.size()) {
            Files.delete(part);
            return 0;
        }
        return have;
    }

    /**
     * Appends what arrives (the package from byte {@code from} on) to the part, up to the task's size; a server that
     * sent it from the start again is read past what is there. Returns false if {@code progress} stopped it.
     */
    public boolean receive(InputStream bytes, long from, Progress progress) throws IOException, InterruptedException {
        long have = have();
        if (from > have) {
            throw new IOException("the server sent the package from byte " + from + ", the part has " + have);
        }
        bytes.skipNBytes(have - from);
        int percent = percent(have);
        byte[] chunk = new byte[CHUNK];
        try (OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            while (have < task.size()) {
                int read = bytes.read(chunk, 0, (int) Math.min(chunk.length, task.size() - have));
                if (read < 0) {
                    throw new IOException("the download of task " + task.tid() + " ended at byte " + have + " of "
                            + task.size());
                }
                out.write(chunk, 0, read);
                have += read;
                int now = percent(have);
                if (now != percent) {
                    percent = now;
                    out.flush();
                    if (!progress.at(percent)) {
                        return false;
                    }
                }
            }
        }
        return true;
    }

    /** Whether the whole package is there and its MD5 is the task's. */
    public boolean verified() throws IOException {
        return matches(part);
    }

    /** Whether the package installed before a restart is this task's, whole: it goes to the route again. */
    public boolean installedVerified() throws IOException {
        return matches(installed);
    }

    private boolean matches(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) != task.size()) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md5 = MessageDigest.getInstance("MD5");
            byte[] chunk = new byte[CHUNK];
            for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
                md5.update(chunk, 0, read);
            }
            return HexFormat.of().formatHex(md5.digest()).equalsIgnoreCase(task.md5());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is not available in this Java runtime", e);
        }
    }

    /** Moves the verified package to its place; returns it. */
    public Path install() throws IOException {
        Files.move(part, installed, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return installed;
    }

    /** Drops what was downloaded (a mismatched MD5, a cancelled task). */
    public void discard() throws IOException {
        Files.deleteIfExists(part);
    }

    /** How much of the package {@code have} bytes are, in whole percents. */
    int percent(long have) {
        return task.size() == 0 ? 100 : (int) (have * 100 / task.size());
    }
}
