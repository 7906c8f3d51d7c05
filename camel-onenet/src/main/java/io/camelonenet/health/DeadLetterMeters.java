package io.camelonenet.health;

import io.camelonenet.route.DeadLetters;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/** The dead letters on disk and those deleted to stay within their bound, whatever the app's mode. */
public final class DeadLetterMeters implements MeterBinder {

    private final DeadLetters deadLetters;

    public DeadLetterMeters(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        // each meter reads the long-lived bean (Micrometer holds it weakly), never this binder
        FunctionCounter.builder("onenet.dead.letters.dropped", deadLetters, DeadLetters::dropped)
                .description("dead letters deleted or not kept to stay within onenet.dead-letter.max-bytes")
                .register(registry);
        Gauge.builder("onenet.dead.letters.size", deadLetters, DeadLetters::bytes).baseUnit("bytes")
                .description("dead letters on disk, as last counted").register(registry);
    }
}
