package io.camelonenet.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Everything a host's log would show at one level, Camel's and the library's lines included, kept in memory instead of
 * the test's console: the loggers this module's test configuration quietens take the root's level meanwhile. The
 * emulator's broker ({@code com.hivemq}) is not the host, and stays as it is. The two Camel loggers that print every
 * resolved placeholder's value at DEBUG stay at INFO, as docs/embedding.md tells a host to keep them.
 */
final class HostLogs implements AutoCloseable {

    private static final List<String> HOST_LOGGERS = List.of("org.apache.camel", "org.apache.camel.main",
            "org.apache.camel.impl.engine", "io.camelonenet");
    /** Camel's own lines that print a placeholder's value, secret or not (docs/embedding.md, "Secrets"). */
    static final List<String> PLACEHOLDER_LOGGERS = List.of("org.apache.camel.component.properties",
            "org.apache.camel.impl.engine.DefaultCamelContextExtension");

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> captured = new ListAppender<>();
    private final Level rootLevel = root.getLevel();
    private final Map<String, Level> levels = new HashMap<>();
    private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();

    private HostLogs(Level level) {
        LoggerContext context = root.getLoggerContext();
        for (String name : HOST_LOGGERS) {
            Logger logger = context.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(null);
        }
        for (String name : PLACEHOLDER_LOGGERS) {
            Logger logger = context.getLogger(name);
            levels.put(name, logger.getLevel());
            logger.setLevel(Level.INFO);
        }
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
            detached.add(it.next());
        }
        detached.forEach(root::detachAppender);
        captured.setContext(context);
        captured.start();
        root.addAppender(captured);
        root.setLevel(level);
    }

    /** Starts capturing every line at {@code level} and above. */
    static HostLogs at(Level level) {
        return new HostLogs(level);
    }

    /** Each line as written: the message, then any stack trace. */
    List<String> lines() {
        synchronized (captured) {
            return captured.list.stream().map(HostLogs::written).toList();
        }
    }

    private static String written(ILoggingEvent event) {
        IThrowableProxy thrown = event.getThrowableProxy();
        return event.getLoggerName() + " " + event.getFormattedMessage()
                + (thrown == null ? "" : "\n" + ThrowableProxyUtil.asString(thrown));
    }

    @Override
    public void close() {
        root.setLevel(rootLevel);
        root.detachAppender(captured);
        detached.forEach(root::addAppender);
        LoggerContext context = root.getLoggerContext();
        levels.forEach((name, level) -> context.getLogger(name).setLevel(level));
    }
}
