package io.camelonenet.emulator;

import org.slf4j.LoggerFactory;

/**
 * Keeps the embedded broker's own INFO lines (about fifteen at every start and stop) out of the host's test log,
 * unless the host set their level itself. Only with logback, Spring Boot's and most tests' logging, whose levels can
 * be read and set here; another backend keeps its configuration as it is.
 */
final class BrokerLogs {

    /** HiveMQ's loggers: its classes, and its persistence migrations. */
    static final String[] LOGGERS = {"com.hivemq", "migrations"};

    private BrokerLogs() {
    }

    static void quietUnlessConfigured() {
        // by name: referring to logback's classes where logback is absent would fail to load this class
        if ("ch.qos.logback.classic.LoggerContext".equals(LoggerFactory.getILoggerFactory().getClass().getName())) {
            Logback.warnUnlessSet();
        }
    }

    /** Loaded only where logback is the backend. */
    private static final class Logback {

        static void warnUnlessSet() {
            ch.qos.logback.classic.LoggerContext context =
                    (ch.qos.logback.classic.LoggerContext) LoggerFactory.getILoggerFactory();
            for (String name : LOGGERS) {
                ch.qos.logback.classic.Logger logger = context.getLogger(name);
                if (logger.getLevel() == null) {
                    logger.setLevel(ch.qos.logback.classic.Level.WARN);
                }
            }
        }
    }
}
