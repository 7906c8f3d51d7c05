package io.camelonenet.field.opcua;

import io.camelonenet.field.FieldLink;
import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.FieldReader;
import io.camelonenet.field.FieldSource;
import io.camelonenet.field.FieldWriteException;
import io.camelonenet.field.PollResult;
import org.eclipse.milo.opcua.sdk.client.OpcUaClient;
import org.eclipse.milo.opcua.sdk.client.SessionActivityListener;
import org.eclipse.milo.opcua.sdk.client.UaSession;
import org.eclipse.milo.opcua.sdk.client.identity.AnonymousProvider;
import org.eclipse.milo.opcua.sdk.client.identity.UsernameProvider;
import org.eclipse.milo.opcua.sdk.client.subscriptions.MonitoredItemSynchronizationException;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaMonitoredItem;
import org.eclipse.milo.opcua.sdk.client.subscriptions.OpcUaSubscription;
import org.eclipse.milo.opcua.stack.core.UaException;
import org.eclipse.milo.opcua.stack.core.channel.EncodingLimits;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.StatusCode;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.UserTokenType;
import org.eclipse.milo.opcua.stack.core.types.structured.EndpointDescription;
import org.eclipse.milo.opcua.stack.core.util.EndpointUtil;

import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.eclipse.milo.opcua.stack.core.types.builtin.unsigned.Unsigned.uint;

/**
 * An OPC UA source through Eclipse Milo's client: one session, one subscription whose monitored items sample each
 * point's node at the source's {@code poll} interval; the server sends changes, nothing is polled. Each
 * {@link #read()} hands the poller the latest value of every point (a bad status is that point's error), so that
 * reporting, backoff and readiness are those of every source.
 *
 * <p>A session that goes inactive (the server stopped, the network went) fails the next read: the poller closes
 * the client and, after its backoff, a read opens a new session and subscribes again. A session Milo restores by
 * itself on a server that lost the subscription (a restart within one interval) is subscribed again as well.
 */
public final class OpcUaReader implements FieldReader {

    private final FieldSource source;
    private final FieldLink.OpcUa link;
    private final Map<String, NodeId> nodes = new LinkedHashMap<>();
    private final Map<String, DataValue> latest = new ConcurrentHashMap<>();
    /** Points whose monitored item the server refused (an unknown node), and why. */
    private final Map<String, String> refused = new ConcurrentHashMap<>();
    private OpcUaClient client;
    private volatile boolean sessionActive;
    private volatile boolean subscriptionLost;

    public OpcUaReader(FieldSource source) {
        this.source = source;
        this.link = (FieldLink.OpcUa) source.link();
        for (FieldPoint point : source.points()) {
            nodes.put(point.name(), NodeId.parse(point.node()));
        }
    }

    /** Whether a points file's {@code node} is a node id this reader can monitor. */
    public static boolean isNodeId(String node) {
        return NodeId.parseOrNull(node) != null;
    }

    @Override
    public synchronized PollResult read() throws Exception {
        long time = System.currentTimeMillis();
        long started = System.nanoTime();
        connect();
        if (!sessionActive) {
            throw new IOException(where() + ": the session is no longer active");
        }
        if (subscriptionLost) {
            subscribe();
        }
        Map<String, Object> values = new LinkedHashMap<>();
        Map<String, String> errors = new LinkedHashMap<>(refused);
        for (FieldPoint point : source.points()) {
            DataValue value = latest.get(point.name());
            if (value == null || errors.containsKey(point.name())) {
                continue;
            }
            if (!value.getStatusCode().isGood()) {
                errors.put(point.name(), "node " + point.node() + " has status " + value.getStatusCode());
                continue;
            }
            try {
                values.put(point.name(), point.scaled(OpcUaValues.number(value.getValue().value())));
            } catch (IllegalArgumentException notANumber) {
                errors.put(point.name(), "node " + point.node() + " " + notANumber.getMessage());
            }
        }
        return new PollResult(time, System.nanoTime() - started, values, errors);
    }

    @Override
    public synchronized void write(FieldPoint point, Object value) throws FieldWriteException {
        DataValue current = latest.get(point.name());
        if (current == null || current.getValue().value() == null) {
            throw new FieldWriteException(point.name() + ": the node's type is not known until its first value"
                    + " arrives", false);
        }
        Object raw;
        try {
            raw = OpcUaValues.unscaled(point, value, current.getValue().value());
        } catch (IllegalArgumentException wrong) {
            throw new FieldWriteException(point.name() + ": " + wrong.getMessage(), true);
        }
        try {
            connect();
            List<StatusCode> results = client.writeValues(List.of(nodes.get(point.name())),
                    List.of(DataValue.valueOnly(new Variant(raw))));
            if (!results.get(0).isGood()) {
                throw new FieldWriteException(point.name() + ": the server answered " + results.get(0), false);
            }
        } catch (IOException | UaException e) {
            throw new FieldWriteException(point.name() + ": " + where() + ": " + e.getMessage(), false);
        }
    }

    @Override
    public synchronized void close() {
        if (client != null) {
            OpcUaClient closing = client;
            client = null;
            sessionActive = false;
            latest.clear();
            refused.clear();
            // the session's end is not waited for: a server that went away would hold the poll up to its timeout
            closing.disconnectAsync();
        }
    }

    private void connect() throws IOException {
        if (client != null) {
            return;
        }
        URI configured = URI.create(link.endpoint());
        OpcUaClient opened;
        try {
            opened = OpcUaClient.create(link.endpoint(),
                    endpoints -> select(endpoints).map(e -> EndpointUtil.updateUrl(e, configured.getHost(),
                            configured.getPort())),
                    transport -> transport.setConnectTimeout(uint((int) source.timeout())),
                    config -> config
                            .setApplicationName(org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText
                                    .english("camel-onenet"))
                            .setApplicationUri("urn:camel-onenet:field:" + source.name())
                            .setRequestTimeout(uint((int) source.timeout()))
                            // what the server may send at most, also asked of it: Milo refuses a larger message
                            // chunk by chunk, before it is assembled
                            .setMaxResponseMessageSize(uint(EncodingLimits.DEFAULT_MAX_MESSAGE_SIZE))
                            .setIdentityProvider(link.username() == null ? AnonymousProvider.INSTANCE
                                    : new UsernameProvider(link.username(), link.password().value())));
            opened.addSessionActivityListener(new SessionActivityListener() {
                @Override
                public void onSessionActive(UaSession session) {
                    sessionActive = true;
                }

                @Override
                public void onSessionInactive(UaSession session) {
                    sessionActive = false;
                }
            });
            opened.connect();
        } catch (UaException | RuntimeException e) {
            throw new IOException(where() + ": cannot connect: " + e.getMessage(), e);
        }
        client = opened;
        sessionActive = true;
        subscribe();
    }

    /** A new subscription with one monitored item per point, sampling every {@code poll} ms, one value queued. */
    private void subscribe() throws IOException {
        latest.clear();
        refused.clear();
        try {
            OpcUaSubscription subscription = new OpcUaSubscription(client, (double) source.poll());
            subscription.setSubscriptionListener(new OpcUaSubscription.SubscriptionListener() {
                @Override
                public void onTransferFailed(OpcUaSubscription lost, StatusCode status) {
                    subscriptionLost = true;
                }
            });
            subscription.create();
            Map<OpcUaMonitoredItem, String> items = new LinkedHashMap<>();
            nodes.forEach((name, node) -> {
                OpcUaMonitoredItem item = OpcUaMonitoredItem.newDataItem(node);
                item.setSamplingInterval(source.poll());
                item.setQueueSize(uint(1));
                item.setDataValueListener((monitored, value) -> latest.put(name, value));
                subscription.addMonitoredItem(item);
                items.put(item, name);
            });
            try {
                subscription.synchronizeMonitoredItems();
            } catch (MonitoredItemSynchronizationException partly) {
                // some items were refused (an unknown node): those points fail, the others are monitored
            }
            items.forEach((item, name) -> item.getCreateResult().filter(status -> !status.isGood())
                    .ifPresent(status -> refused.put(name, "the server refused to monitor node "
                            + nodes.get(name).toParseableString() + ": " + status)));
            subscriptionLost = false;
        } catch (UaException | RuntimeException e) {
            throw new IOException(where() + ": cannot subscribe: " + e.getMessage(), e);
        }
    }

    /** The endpoint of the configured security policy (None in this version) taking the configured identity. */
    private Optional<EndpointDescription> select(List<EndpointDescription> endpoints) {
        UserTokenType token = link.username() == null ? UserTokenType.Anonymous : UserTokenType.UserName;
        return endpoints.stream()
                .filter(e -> SecurityPolicy.None.getUri().equals(e.getSecurityPolicyUri()))
                .filter(e -> e.getUserIdentityTokens() != null && Stream.of(e.getUserIdentityTokens())
                        .anyMatch(policy -> policy.getTokenType() == token))
                .findFirst();
    }

    private String where() {
        return "opc-ua " + link.endpoint();
    }
}
