package io.camelonenet.field;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** On change: what is reported, what is held back within the deadband, and the heartbeat. */
class PointReporterTest {

    private final FieldPoint temperature = new FieldPoint("temperature", RegisterTable.HOLDING, 0, null,
            PointType.INT16, WordOrder.BIG, 0.1, 0, ReportMode.ON_CHANGE, 0.5, 60_000, false);
    private final FieldPoint running = new FieldPoint("running", RegisterTable.COIL, 0, null, PointType.BOOL,
            WordOrder.BIG, 1, 0, ReportMode.ON_CHANGE, 0, 0, false);
    private final FieldPoint counter = new FieldPoint("counter", RegisterTable.HOLDING, 1, null, PointType.UINT16,
            WordOrder.BIG, 1, 0, ReportMode.ALWAYS, 0, 0, false);
    private final FieldSource source = new FieldSource("boiler", new FieldLink.ModbusTcp("h", 502), 1, 1000, 1000,
            SourceDevice.OWN, List.of(temperature, running, counter));
    private final LastReported last = LastReported.inMemory();
    private final SourceStatus status = new SourceStatus(source);

    @Test
    void should_report_what_changed_beyond_the_deadband_and_hold_back_the_rest() {
        assertThat(poll(1_000, 21.0, false, 7L)).containsOnlyKeys("temperature", "running", "counter");
        // 0.4 within the deadband of 0.5; the coil unchanged; counter reported every poll
        assertThat(poll(2_000, 21.4, false, 7L)).containsOnlyKeys("counter");
        // compared with the value last reported (21.0), not the last read: 0.6 away now
        assertThat(poll(3_000, 21.6, true, 7L)).containsOnlyKeys("temperature", "running", "counter");
        assertThat(status.point("temperature").suppressed()).isEqualTo(1);
        assertThat(status.point("temperature").reported()).isEqualTo(2);
        assertThat(status.point("running").suppressed()).isEqualTo(1);
    }

    @Test
    void should_report_an_unchanged_value_when_its_heartbeat_is_due() {
        poll(1_000, 21.0, false, 1L);
        assertThat(poll(60_999, 21.0, false, 1L)).doesNotContainKey("temperature");
        assertThat(poll(61_000, 21.0, false, 1L)).containsEntry("temperature", 21.0);
        // heartbeat 0: the coil is never reported again unchanged
        assertThat(poll(10_000_000, 21.0, false, 1L)).doesNotContainKey("running");
    }

    @Test
    void should_not_count_values_as_reported_until_committed() {
        assertThat(PointReporter.due(source, new PollResult(1_000, 0, Map.of("temperature", 21.0), Map.of()), last,
                status)).containsKey("temperature");
        // not committed (the route failed): due again
        assertThat(PointReporter.due(source, new PollResult(2_000, 0, Map.of("temperature", 21.0), Map.of()), last,
                status)).containsKey("temperature");
    }

    private Map<String, Object> poll(long time, double temperature, boolean running, long counter) {
        Map<String, Object> due = PointReporter.due(source, new PollResult(time, 0, Map.of("temperature", temperature,
                "running", running, "counter", counter), Map.of()), last, status);
        last.commit(source.name(), due, time);
        return due;
    }
}
