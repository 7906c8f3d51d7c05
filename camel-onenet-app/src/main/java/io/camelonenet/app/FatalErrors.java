package io.camelonenet.app;

import io.camelonenet.inbound.LogText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The standalone app's answer to an {@link Error} that escapes one of its threads (an OutOfMemoryError, a
 * StackOverflowError, a class that cannot be loaded): one line, and the process ends with {@link #STATUS}, so that
 * systemd or Kubernetes starts it again. Left running, part of it would be dead (a connection's reader, the
 * devices-file watcher) while the rest reported UP, and after an OutOfMemoryError it may no longer honour SIGTERM.
 * Halts rather than exits: shutdown hooks could need the memory or the threads that are gone. The distribution's
 * launcher also sets {@code -XX:+ExitOnOutOfMemoryError}, which ends the JVM (status 3) at the first
 * OutOfMemoryError wherever it is thrown, also inside a library that would catch it.
 */
final class FatalErrors implements Thread.UncaughtExceptionHandler {

    /** EX_SOFTWARE of sysexits.h: an internal error. */
    static final int STATUS = 70;

    private static final Logger LOG = LoggerFactory.getLogger(FatalErrors.class);

    private FatalErrors() {
    }

    /** For every thread of the process that has no handler of its own. */
    static void install() {
        Thread.setDefaultUncaughtExceptionHandler(new FatalErrors());
    }

    @Override
    public void uncaughtException(Thread thread, Throwable failure) {
        if (!(failure instanceof Error)) {
            // the thread ends; the app's own workers catch exceptions and go on, so this is a library's thread
            LOG.error("Thread {} ended: {}", thread.getName(), LogText.of(failure.toString()), failure);
            return;
        }
        try {
            System.err.println("Fatal: " + failure + " in thread " + thread.getName() + "; the app exits with status "
                    + STATUS + " so that its service manager starts it again");
            System.err.flush();
        } catch (Throwable cannotEvenPrint) {
            // out of memory for the line itself: exit all the same
        } finally {
            Runtime.getRuntime().halt(STATUS);
        }
    }
}
