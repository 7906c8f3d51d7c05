package io.camelonenet.inbound;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RepeatedWarningTest {

    private final Logger log = (Logger) LoggerFactory.getLogger("repeated-warning-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();

    @BeforeEach
    void capture() {
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void release() {
        log.detachAppender(lines);
    }

    @Test
    void a_flood_writes_one_line_and_the_next_one_after_the_interval_says_how_many_were_not_logged() {
        RepeatedWarning warning = new RepeatedWarning(log, Duration.ofMillis(200));
        for (int i = 0; i < 5000; i++) {
            int n = i;
            warning.warn(() -> "refused " + n);
        }
        assertThat(lines.list).hasSize(1);
        assertThat(lines.list.get(0).getFormattedMessage()).isEqualTo("refused 0");

        long after = System.nanoTime() + Duration.ofMillis(200).toNanos();
        org.awaitility.Awaitility.await().until(() -> System.nanoTime() > after);
        warning.warn(() -> "refused again");

        assertThat(lines.list).hasSize(2);
        assertThat(lines.list.get(1).getFormattedMessage())
                .isEqualTo("refused again (4999 more like it since the last one logged)");
    }
}
