package io.camelonenet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What /proc tells of a benchmarked process: its fields (threads, resident memory) and its resident memory once a
 * full collection has been given back. G1 returns the heap it shrank by on a thread of its own (JDK 16 and later),
 * so VmRSS keeps falling for a while after the collection has returned: {@link #settledRss} waits until it stops.
 */
final class ProcStatus {

    private static final long STEP_MILLIS = 250;
    private static final long MAX_WAIT_MILLIS = 10_000;
    private static final long STILL_BYTES = 1024 * 1024;

    private ProcStatus() {
    }

    /** VmRSS now, in bytes. */
    static long rss(long pid) throws Exception {
        return field(Files.readString(Path.of("/proc", String.valueOf(pid), "status")), "VmRSS") * 1024;
    }

    /** VmRSS once it has fallen by less than 1 MiB in a quarter of a second (at most 10 s), in bytes. */
    static long settledRss(long pid) throws Exception {
        long last = rss(pid);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(MAX_WAIT_MILLIS);
        while (System.nanoTime() < deadline) {
            TimeUnit.MILLISECONDS.sleep(STEP_MILLIS);
            long now = rss(pid);
            if (last - now < STILL_BYTES) {
                return now;
            }
            last = now;
        }
        return last;
    }

    /** A field of /proc/<pid>/status, in its unit (kB for memory). */
    static long field(String status, String name) {
        Matcher value = Pattern.compile("(?m)^" + name + ":\\s+(\\d+)").matcher(status);
        return value.find() ? Long.parseLong(value.group(1)) : -1;
    }
}
