package io.camelonenet.app;

import org.apache.camel.CamelContext;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckHelper;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells the distribution's launcher that this run got as far as its first connection, by creating the file it named
 * ({@code -Donenet.launcher.ready-file}) once the app's readiness is UP for the first time (or once the app has
 * started, where health checks are off). The launcher keeps a class-data-sharing archive only from such a run, and
 * blames the archive for a JVM that failed before it. Nothing happens without the property.
 */
final class LauncherReadyFile extends MainListenerSupport {

    static final String PROPERTY = "onenet.launcher.ready-file";
    private static final long POLL_MILLIS = 250;
    private static final Logger LOG = LoggerFactory.getLogger(LauncherReadyFile.class);

    private ScheduledExecutorService poll;

    @Override
    public void afterStart(BaseMainSupport main) {
        String file = System.getProperty(PROPERTY);
        if (file == null || file.isBlank()) {
            return;
        }
        CamelContext context = main.getCamelContext();
        if (HealthCheckRegistry.get(context) == null) {
            write(Path.of(file));
            return;
        }
        poll = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "onenet-launcher-ready");
        poll.scheduleWithFixedDelay(() -> {
            boolean up = HealthCheckHelper.invokeReadiness(context).stream()
                    .allMatch(result -> result.getState() == HealthCheck.State.UP);
            if (up) {
                write(Path.of(file));
                poll.shutdown();
            }
        }, 0, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void beforeStop(BaseMainSupport main) {
        if (poll != null) {
            poll.shutdownNow();
        }
    }

    private static void write(Path file) {
        try {
            Files.writeString(file, Long.toString(ProcessHandle.current().pid()));
        } catch (IOException e) {
            LOG.debug("cannot tell the launcher the app is up ({}): {}", file, e.getMessage());
        }
    }
}
