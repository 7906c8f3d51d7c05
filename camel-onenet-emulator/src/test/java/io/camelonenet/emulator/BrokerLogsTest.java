package io.camelonenet.emulator;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The broker's own INFO lines stay out of a host's log that did not ask for them, and reach one that did. */
class BrokerLogsTest {

    private final Logger hivemq = (Logger) LoggerFactory.getLogger("com.hivemq");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Map<String, Level> configured = new HashMap<>();

    @BeforeEach
    void asAHostWithoutBrokerLevels() {
        // this module's logback-test.xml sets them, as a careful host would: start from a host that did not
        for (String name : BrokerLogs.LOGGERS) {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            configured.put(name, logger.getLevel());
            logger.setLevel(null);
        }
        lines.start();
        hivemq.addAppender(lines);
    }

    @AfterEach
    void restore() {
        hivemq.detachAppender(lines);
        configured.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }

    @Test
    void should_keep_the_brokers_info_lines_out_unless_the_host_set_their_level() {
        OneNetEmulator.builder().device("quiet-1", "p", "s").build().start().close();
        assertThat(lines.list).as("the broker's INFO lines, no level set by the host")
                .noneMatch(event -> event.getLevel() == Level.INFO);

        hivemq.setLevel(Level.INFO);
        OneNetEmulator.builder().device("loud-1", "p", "s").build().start().close();
        assertThat(lines.list).as("the broker's INFO lines, the host asking for them")
                .anyMatch(event -> event.getLevel() == Level.INFO);
    }
}
