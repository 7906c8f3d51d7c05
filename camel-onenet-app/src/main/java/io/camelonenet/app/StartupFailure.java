package io.camelonenet.app;

import io.camelonenet.setup.ConfigurationException;
import io.camelonenet.setup.OneNetSettings;
import io.camelonenet.support.DirectoryLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.BindException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * A start-up failure as the user needs it: one line naming the cause and the key that changes it, and an exit status
 * other than 0. The stack trace is logged at DEBUG only ({@code ONENET_LOG_LEVEL=debug}).
 */
record StartupFailure(String line, int status) {

    /** A configuration mistake: a key's value is missing, malformed or contradicts another. */
    static final int CONFIGURATION_ERROR = 2;
    /** The app could not start for another reason (a port in use, routes not found, a file unreadable). */
    static final int STARTUP_ERROR = 3;
    /** An argument the app does not know. */
    static final int USAGE_ERROR = 64;

    private static final Logger LOG = LoggerFactory.getLogger(StartupFailure.class);

    static StartupFailure explain(Throwable error) {
        LOG.debug("Start-up failed", error);
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationException mistake) {
                return new StartupFailure("Configuration error: " + mistake.getMessage(), CONFIGURATION_ERROR);
            }
            if (cause instanceof DirectoryLock.LockedException locked) {
                return new StartupFailure("Cannot start: " + locked.getMessage() + ": give each instance a working"
                        + " directory of its own, or its own onenet.buffer.dir, onenet.downlink.dir and"
                        + " onenet.dead-letter.dir", STARTUP_ERROR);
            }
            if (cause instanceof ManagementServer.PortInUseException inUse) {
                return new StartupFailure("Cannot start: " + inUse.getMessage(), STARTUP_ERROR);
            }
            if (cause instanceof BindException bind) {
                return new StartupFailure("Cannot start: a port is in use (" + bind.getMessage() + "): set "
                        + "camel.management.port for health and metrics, or " + OneNetSettings.EMULATOR_PORT
                        + " for the emulator", STARTUP_ERROR);
            }
            if (cause instanceof NoSuchFileException missing) {
                return new StartupFailure("Cannot start: " + missing.getFile() + " does not exist (the routes are "
                        + "named by camel.main.routes-include-pattern; files by the key whose value names them)",
                        STARTUP_ERROR);
            }
            if (cause instanceof AccessDeniedException denied) {
                return new StartupFailure("Cannot start: " + denied.getFile() + " cannot be read or written",
                        STARTUP_ERROR);
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return new StartupFailure("Cannot start: " + root.getClass().getSimpleName() + ": " + root.getMessage()
                + " (ONENET_LOG_LEVEL=debug shows where)", STARTUP_ERROR);
    }

    int report() {
        System.err.println(line);
        return status;
    }
}
