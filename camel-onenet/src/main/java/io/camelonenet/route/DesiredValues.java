package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.connection.ConnectionState;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.datapoint.Datapoint;
import io.camelonenet.inbound.LogText;
import io.camelonenet.studio.DatapointPosts;
import io.camelonenet.studio.PlatformCalls;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.ThingMessages;
import io.camelonenet.studio.ThingMessages.DesiredValue;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.ExtendedStartupListener;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * A thing-model device's desired values (docs/current-platform.md): after every login it asks the platform for the
 * desired values of the properties it declares, applies each through the route that applies a property set
 * ({@code direct:onenet-property-set}, with {@value OneNetHeaders#DESIRED_VERSION} set), reports what it applied with
 * a property post and deletes each applied value with the version it applied. A value the route refused (a code
 * other than 200) or failed on stays on the platform, its reason in the log, and is tried again after the next login.
 */
public final class DesiredValues extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(DesiredValues.class);
    /** Names asked for in one desired/get, as a sub-device's property get is limited (docs/protocol-notes.md). */
    static final int NAMES_PER_REQUEST = 50;

    private final CamelContext context;
    private final DeviceConnection connection;
    private final PlatformCalls calls;
    private final StudioTopics topics;
    private final Supplier<List<String>> properties;
    private final String applyUri;
    private final DatapointPosts posts = new DatapointPosts("properties");
    private final AtomicBoolean queued = new AtomicBoolean();
    private final AtomicLong refused = new AtomicLong();
    private ExecutorService executor;
    private volatile boolean routesStarted;
    private ProducerTemplate template;

    /**
     * @param properties the properties to ask for, at each login (the points file may have changed)
     * @param applyUri   the route that applies a property set
     */
    public DesiredValues(CamelContext context, DeviceConnection connection, PlatformCalls calls, StudioTopics topics,
                         Supplier<List<String>> properties, String applyUri) {
        this.context = context;
        this.connection = connection;
        this.calls = calls;
        this.topics = topics;
        this.properties = properties;
        this.applyUri = applyUri;
    }

    @Override
    protected void doStart() throws Exception {
        template = context.createProducerTemplate();
        executor = context.getExecutorServiceManager().newSingleThreadExecutor(this, "onenet-desired-values");
        connection.addStateListener(state -> {
            if (state == ConnectionState.CONNECTED && routesStarted) {
                synchroniseSoon();
            }
        });
        // the answers arrive through the downlink route: not before it consumes (a login before that is caught up)
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) {
                routesStarted = true;
                if (connection.isConnected()) {
                    synchroniseSoon();
                }
            }
        });
    }

    @Override
    protected void doStop() throws Exception {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
        }
        if (template != null) {
            template.stop();
        }
    }

    /** After a login: one run waits at most, however often the connection comes back meanwhile. */
    private void synchroniseSoon() {
        if (isRunAllowed() && queued.compareAndSet(false, true)) {
            executor.execute(() -> {
                queued.set(false);
                synchronise();
            });
        }
    }

    /** Desired values the route refused or failed to apply since the start (each tried again after a login). */
    public long refused() {
        return refused.get();
    }

    /** Fetches, applies, reports and deletes; what fails now is tried again after the next login. */
    void synchronise() {
        List<String> names = properties.get();
        if (names.isEmpty() || !isRunAllowed()) {
            return;
        }
        try {
            List<DesiredValue> done = new ArrayList<>();
            for (DesiredValue desired : fetch(names)) {
                if (apply(desired)) {
                    done.add(desired);
                }
            }
            if (done.isEmpty()) {
                return;
            }
            Instant now = Instant.now();
            List<Datapoint> points = done.stream().map(value -> new Datapoint(value.property(), now, value.value()))
                    .toList();
            calls.call(topics.propertyPost(), id -> posts.post(Long.parseLong(id), points), "property/post");
            calls.call(topics.desiredDelete(), id -> ThingMessages.desiredDelete(id, done), "desired/delete");
            LOG.info("Desired values applied, reported and deleted: {}", LogText.of(done.stream()
                    .map(value -> value.property() + "=" + value.value()).toList()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Desired values: {}; they stay on the platform and are tried again after the next login",
                    LogText.of(e.getMessage()));
        }
    }

    private List<DesiredValue> fetch(List<String> names) throws Exception {
        List<DesiredValue> desired = new ArrayList<>();
        for (int from = 0; from < names.size(); from += NAMES_PER_REQUEST) {
            List<String> chunk = names.subList(from, Math.min(names.size(), from + NAMES_PER_REQUEST));
            desired.addAll(ThingMessages.desiredValues(calls.call(topics.desiredGet(),
                    id -> ThingMessages.desiredGet(id, chunk), "desired/get")));
        }
        return desired;
    }

    /** Hands the value to the property-set route; true if it applied it (no failure, code 200). */
    private boolean apply(DesiredValue desired) {
        Map<String, Object> body = Map.of(desired.property(), desired.value());
        Exchange result = template.request(applyUri, exchange -> {
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(OneNetHeaders.THING_REQUEST, "set");
            exchange.getMessage().setHeader(OneNetHeaders.DESIRED_VERSION, desired.version());
        });
        String problem = problem(result);
        if (problem != null) {
            refused.incrementAndGet();
            LOG.warn("Desired value of {} (version {}) not applied: {}; it stays on the platform",
                    LogText.of(desired.property()), desired.version(), LogText.of(problem));
            return false;
        }
        return true;
    }

    /** Why the route did not apply the value: its exception, or the code other than 200 it answered; else null. */
    private static String problem(Exchange result) {
        if (result.getException() != null) {
            return result.getException().getMessage();
        }
        int code = result.getMessage().getHeader(OneNetHeaders.REPLY_CODE, 200, Integer.class);
        return code == 200 ? null : "code " + code + ", "
                + result.getMessage().getHeader(OneNetHeaders.REPLY_MESSAGE, "no message", String.class);
    }
}
