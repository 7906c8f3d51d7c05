package io.camelonenet.health;

import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.FieldSource;
import io.camelonenet.field.FieldSources;
import io.camelonenet.field.SourceStatus;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The field sources' meters, tagged {@code source} (and {@code point}): reads, read errors, the last read's duration,
 * whether the source reads, and per point its read errors and the values reported and suppressed by on-change. A
 * meter looks its source up by name, so it follows a source the points file changed; sources added by a re-read get
 * their meters then.
 */
public final class FieldMeters implements MeterBinder {

    private final FieldSources sources;
    private final List<MeterRegistry> registries = new ArrayList<>();

    public FieldMeters(FieldSources sources) {
        this.sources = sources;
        sources.onReload(this::bindSources);
    }

    @Override
    public synchronized void bindTo(MeterRegistry registry) {
        registries.add(registry);
        sources.sources().forEach(source -> bind(registry, source));
    }

    private synchronized void bindSources() {
        registries.forEach(registry -> sources.sources().forEach(source -> bind(registry, source)));
    }

    private void bind(MeterRegistry registry, FieldSource source) {
        String name = source.name();
        Tags tags = Tags.of("source", name);
        counter(registry, "onenet.field.reads", "Polls that read the source", tags, name, SourceStatus::reads);
        counter(registry, "onenet.field.read.errors", "Polls that could not read the source", tags, name,
                SourceStatus::readErrors);
        counter(registry, "onenet.field.polls.late", "Polls that started more than a tenth of their period late",
                tags, name, SourceStatus::late);
        Gauge.builder("onenet.field.read.duration", sources, s -> value(s, name, SourceStatus::lastReadSeconds))
                .description("How long the source's last poll took").baseUnit("seconds").tags(tags)
                .register(registry);
        Gauge.builder("onenet.field.source.reading", sources, s -> value(s, name, st -> st.failing() ? 0 : 1))
                .description("1 while the source reads, 0 while it fails").tags(tags).register(registry);
        for (FieldPoint point : source.points()) {
            String pointName = point.name();
            Tags pointTags = tags.and("point", pointName);
            counter(registry, "onenet.field.point.read.errors", "Polls that could not read the point", pointTags,
                    name, st -> pointValue(st, pointName, SourceStatus.PointStatus::readErrors));
            counter(registry, "onenet.field.values.reported", "Values of the point reported", pointTags, name,
                    st -> pointValue(st, pointName, SourceStatus.PointStatus::reported));
            counter(registry, "onenet.field.values.suppressed", "Values of the point not reported: unchanged within"
                    + " its deadband", pointTags, name, st -> pointValue(st, pointName,
                    SourceStatus.PointStatus::suppressed));
        }
    }

    private void counter(MeterRegistry registry, String meter, String description, Tags tags, String source,
                         ToDoubleFunction<SourceStatus> value) {
        FunctionCounter.builder(meter, sources, s -> value(s, source, value)).description(description).tags(tags)
                .register(registry);
    }

    private static double value(FieldSources sources, String name, ToDoubleFunction<SourceStatus> value) {
        SourceStatus status = sources.status(name);
        return status == null ? 0 : value.applyAsDouble(status);
    }

    private static double pointValue(SourceStatus status, String point,
                                     ToDoubleFunction<SourceStatus.PointStatus> value) {
        SourceStatus.PointStatus pointStatus = status.point(point);
        return pointStatus == null ? 0 : value.applyAsDouble(pointStatus);
    }
}
