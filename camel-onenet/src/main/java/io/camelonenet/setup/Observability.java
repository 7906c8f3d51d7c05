package io.camelonenet.setup;

import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.health.HealthCheck;
import org.apache.camel.health.HealthCheckRegistry;

import java.util.function.Supplier;

/**
 * Registers a device's readiness check and, when Micrometer is on the class path, its meters with every registry the
 * application has (camel-micrometer's Prometheus one, Spring Boot's). Both wait until the context has fully started:
 * camel-main and the platforms set up their health and meter registries while the context starts, after the routes
 * (and the devices they create) are built.
 */
public final class Observability implements StartupListener {

    private static final String MICROMETER = "io.micrometer.core.instrument.MeterRegistry";

    private final HealthCheck readiness;
    private final Supplier<Object> meters;

    private Observability(HealthCheck readiness, Supplier<Object> meters) {
        this.readiness = readiness;
        this.meters = meters;
    }

    /**
     * Registers {@code readiness} and the meters ({@code OneNetMeters}, created only if Micrometer is present) once
     * the context has fully started, or at once if it has.
     */
    public static void register(CamelContext context, HealthCheck readiness, Supplier<Object> meters)
            throws Exception {
        context.addStartupListener(new Observability(readiness, micrometerPresent() ? meters : null));
    }

    /** Registers meters alone ({@code meters} created only if Micrometer is present) once the context has started. */
    public static void registerMeters(CamelContext context, Supplier<Object> meters) throws Exception {
        context.addStartupListener(new Observability(null, micrometerPresent() ? meters : null));
    }

    private static boolean micrometerPresent() {
        try {
            Class.forName(MICROMETER, false, Observability.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException noMicrometer) {
            return false;
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        if (alreadyStarted) {
            // added after the start: the registries exist
            onCamelContextFullyStarted(context, true);
        }
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        // the meters first: once readiness can say UP, a scrape finds every device's meters (a gateway binds
        // hundreds of them, and a scrape that followed the first UP found only some)
        if (meters != null) {
            MeterBinder.bind(context, meters.get());
        }
        HealthCheckRegistry health = HealthCheckRegistry.get(context);
        if (health != null && readiness != null) {
            health.register(readiness);
        }
    }

    /** The only class touching Micrometer's types, loaded only when Micrometer is present. */
    private static final class MeterBinder {

        static void bind(CamelContext context, Object binder) {
            io.micrometer.core.instrument.binder.MeterBinder meters =
                    (io.micrometer.core.instrument.binder.MeterBinder) binder;
            context.getRegistry().findByType(io.micrometer.core.instrument.MeterRegistry.class)
                    .forEach(meters::bindTo);
        }
    }
}
