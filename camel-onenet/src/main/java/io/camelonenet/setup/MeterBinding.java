package io.camelonenet.setup;

import io.camelonenet.health.OneNetMeters;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;

import java.util.Set;

/**
 * Binds {@link OneNetMeters} to every Micrometer registry the application has (camel-micrometer's Prometheus one,
 * Spring Boot's), once the context has started and the registries exist. Only touched when Micrometer is on the class
 * path: the library does not require it.
 */
final class MeterBinding implements StartupListener {

    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

    private final OneNetMeters meters;

    private MeterBinding(OneNetMeters meters) {
        this.meters = meters;
    }

    /** Registers the binding if Micrometer is on the class path; a no-op otherwise. */
    static void register(CamelContext context, java.util.function.Supplier<Object> meters) throws Exception {
        try {
            Class.forName(MICROMETER, false, MeterBinding.class.getClassLoader());
        } catch (ClassNotFoundException noMicrometer) {
            return;
        }
        context.addStartupListener(new MeterBinding((OneNetMeters) meters.get()));
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the registries are created while the context starts; bind when it has
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        Set<MeterRegistry> registries = context.getRegistry().findByType(MeterRegistry.class);
        registries.forEach(meters::bindTo);
    }
}
