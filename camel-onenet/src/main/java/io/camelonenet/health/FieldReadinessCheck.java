package io.camelonenet.health;

import io.camelonenet.field.FieldSources;
import io.camelonenet.field.SourceStatus;
import org.apache.camel.health.HealthCheckResultBuilder;

import java.util.List;
import java.util.Map;

/**
 * Readiness of the field sources ({@code onenet-field}): DOWN while a source cannot be read, naming each such source
 * with its last error; every source's last poll and error as details ({@code <source>.lastPoll},
 * {@code <source>.lastError}). The other sources go on meanwhile.
 */
public final class FieldReadinessCheck extends ReadinessCheck {

    private final FieldSources sources;

    public FieldReadinessCheck(FieldSources sources) {
        super("onenet-field");
        this.sources = sources;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        List<SourceStatus> statuses = sources.statuses();
        builder.detail("sources", statuses.size());
        StringBuilder failing = new StringBuilder();
        int failed = 0;
        for (SourceStatus status : statuses) {
            String name = status.source().name();
            builder.detail(name + ".lastPoll", status.lastPoll());
            if (status.lastError() != null) {
                builder.detail(name + ".lastError", status.lastError());
            }
            if (status.failing()) {
                failed++;
                if (failing.length() < 1000) {
                    failing.append(failing.length() == 0 ? "" : "; ").append(name).append(": ")
                            .append(status.lastError());
                }
            }
        }
        builder.detail("failing", failed);
        if (failed > 0) {
            builder.message(failed + " field source" + (failed == 1 ? "" : "s") + " cannot be read: " + failing)
                    .down();
        } else {
            builder.up();
        }
    }
}
