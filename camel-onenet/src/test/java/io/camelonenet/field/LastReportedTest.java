package io.camelonenet.field;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The last reported values outlive a restart, and the file follows the points file. */
class LastReportedTest {

    @TempDir
    Path dir;

    @Test
    void should_read_back_what_was_committed_and_forget_points_no_longer_in_the_file() throws Exception {
        Path file = dir.resolve("points/last-reported.json");
        LastReported before = LastReported.load(file);
        before.commit("boiler", Map.of("temperature", 21.5, "running", true, "count", 7L), 1_000);
        before.commit("gone", Map.of("x", 1L), 1_000);
        before.flush();

        FieldSource boiler = new FieldSource("boiler", new FieldLink.ModbusTcp("h", 502), 1, 1000, 1000,
                SourceDevice.OWN, List.of(point("temperature"), point("running")));
        LastReported after = LastReported.load(file);
        after.retain(List.of(boiler));

        assertThat(after.of("boiler").get("temperature")).isEqualTo(new LastReported.Value(21.5, 1_000));
        assertThat(after.of("boiler").get("running")).isEqualTo(new LastReported.Value(true, 1_000));
        assertThat(after.of("boiler").get("count")).isNull();
        assertThat(after.of("gone").get("x")).isNull();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void should_start_empty_from_a_damaged_file() throws Exception {
        Path file = dir.resolve("last-reported.json");
        Files.writeString(file, "{not json");
        assertThat(LastReported.load(file).of("boiler").get("temperature")).isNull();
    }

    private static FieldPoint point(String name) {
        return new FieldPoint(name, RegisterTable.HOLDING, 0, null, PointType.INT16, WordOrder.BIG, 1, 0,
                ReportMode.ON_CHANGE, 0, 0, false);
    }
}
