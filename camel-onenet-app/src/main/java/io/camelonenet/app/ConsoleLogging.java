package io.camelonenet.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.pattern.DynamicConverter;
import ch.qos.logback.core.spi.ContextAwareBase;
import io.camelonenet.connection.DeviceConnection;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The app's logging, set up in code: one console line per event, the embedded broker and Paho quiet below WARN.
 * Found by profiling start-up: reading the same settings from logback XML loaded an XML parser and logback's
 * configuration machinery, several hundred classes, before the first line. A file named with
 * {@code -Dlogback.configurationFile=...} (or the tests' {@code logback-test.xml}) still takes over. Registered as a
 * service, which logback consults before looking for XML, so the broker jar's own {@code logback.xml} is not used.
 */
public final class ConsoleLogging extends ContextAwareBase implements Configurator {

    /** The root level: {@code ONENET_LOG_LEVEL=debug} (or {@code -Donenet.log.level=debug}); INFO unless set. */
    static final String LEVEL_VARIABLE = "ONENET_LOG_LEVEL";

    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{30} - %msg%n";

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null
                || ConsoleLogging.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        // %msg escaped: text from outside never forges a line, whoever logs it
        Map<String, Supplier<DynamicConverter<ILoggingEvent>>> converters = new HashMap<>();
        for (String word : new String[] {"m", "msg", "message"}) {
            converters.put(word, EscapedMessage::new);
        }
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, converters);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> console = new ConsoleAppender<>();
        console.setContext(context);
        console.setName("console");
        console.setEncoder(encoder);
        console.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(rootLevel());
        root.addAppender(console);
        // the emulator's embedded broker and its database migrations, and the Kafka client (its whole configuration at
        // every start, each step of a rebalance), are chatty at INFO; Paho logs through JUL
        // Camel's summary of the management endpoints says http://0.0.0.0 whatever the host: the app logs its own line
        for (String quiet : new String[] {"com.hivemq", "migrations", "org.apache.kafka",
                DeviceConnection.CLIENT_LOGGERS, ManagementServer.CAMEL_SUMMARY_LOGGER}) {
            context.getLogger(quiet).setLevel(Level.WARN);
        }
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    private static Level rootLevel() {
        String level = System.getProperty("onenet.log.level", System.getenv(LEVEL_VARIABLE));
        return Level.toLevel(level, Level.INFO);
    }
}
