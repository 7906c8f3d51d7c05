package io.camelonenet.health;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.cluster.ClusterStatus;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.GatewayConnections;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.FieldSources;
import io.camelonenet.field.LastReported;
import io.camelonenet.field.SourceStatus;
import io.camelonenet.gateway.GatewayStatus;
import io.camelonenet.gateway.SubDeviceGateway;
import io.camelonenet.route.DeadLetters;
import org.apache.camel.CamelContext;

import java.util.Map;

/**
 * Everything the status page shows, as one JSON document ({@code /observe/status}, documented in
 * docs/operations.md): the connection, the devices (paged and filtered here, for a gateway of 10,000), the field
 * sources and their points, the buffer, the last commands and, in a cluster, what this instance owns. Read from the
 * parts the app's wiring binds, whichever of them the mode has; nothing is changed by reading.
 *
 * <p>Never a secret: it shows ids, states, counts, times and errors in words, never a key, token, password or auth
 * info, and a URL without any user information. Text that came from the wire or a file (a refusal's reason, an
 * error) is escaped where it is recorded; the page puts all of it in as text, never as HTML.
 */
public final class StatusReport {

    private final CamelContext context;

    public StatusReport(CamelContext context) {
        this.context = context;
    }

    /** The document for {@code query}, as JSON text. */
    public String json(StatusQuery query) {
        try {
            return JsonMappers.plain().writeValueAsString(tree(query));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the status cannot be written as JSON", e);
        }
    }

    /**
     * The document for the request's parameters ({@link StatusQuery#of}); in a route,
     * {@code bean: {ref: onenetStatus, method: "json(${headers})"}}.
     */
    public String json(Map<String, ?> parameters) {
        return json(StatusQuery.of(parameters));
    }

    ObjectNode tree(StatusQuery query) {
        ObjectNode root = JsonMappers.plain().createObjectNode();
        root.put("generatedAt", System.currentTimeMillis());
        GatewayStatus gateway = find(GatewayStatus.class);
        ClusterStatus cluster = find(ClusterStatus.class);
        DeviceConnection connection = find(DeviceConnection.class);
        UplinkBuffer buffer = find(UplinkBuffer.class);
        ObjectNode app = root.putObject("app");
        app.put("mode", cluster != null ? "cluster" : gateway != null ? "gateway" : "device");
        app.put("platform", "studio".equalsIgnoreCase(property("onenet.protocol")) ? "current" : "legacy");
        connection(root.putObject("connection"), connection, find(GatewayConnections.class));
        ObjectNode devices = root.putObject("devices");
        if (gateway != null) {
            devices.put("kind", gateway instanceof SubDeviceGateway ? "sub-devices" : "devices");
            DeviceRows.write(devices, gateway, find(GatewayCounters.class), buffer, query);
        } else {
            devices.put("kind", "device");
            singleDevice(devices, connection, find(DeviceCounters.class), buffer);
        }
        fieldSources(root.putArray("fieldSources"), find(FieldSources.class));
        buffer(root.putObject("buffer"), buffer, find(DeadLetters.class));
        commands(root.putObject("commands"), find(DeviceCounters.class), find(GatewayCounters.class));
        if (cluster != null) {
            cluster(root.putObject("cluster"), cluster);
        }
        return root;
    }

    private static void connection(ObjectNode node, DeviceConnection connection, GatewayConnections perDevice) {
        if (connection != null) {
            node.put("broker", withoutUserInfo(connection.settings().brokerUrl()));
            node.put("clientId", connection.settings().clientId());
            node.put("state", connection.state().name());
            node.put("since", connection.stateSince());
            node.put("lastError", connection.lastError());
        } else if (perDevice != null) {
            // a legacy gateway: a connection per device, whose states are the devices' rows
            node.put("broker", withoutUserInfo(perDevice.brokerUrl()));
            node.put("perDevice", true);
        }
    }

    private static void singleDevice(ObjectNode devices, DeviceConnection connection, DeviceCounters counters,
                                     UplinkBuffer buffer) {
        ArrayNode items = devices.putArray("items");
        if (connection == null) {
            devices.put("total", 0);
            return;
        }
        devices.put("total", 1);
        devices.put("online", connection.isConnected() ? 1 : 0);
        ObjectNode item = items.addObject();
        item.put("id", connection.settings().clientId());
        item.put("state", connection.isConnected() ? "online" : "offline");
        item.put("problem", connection.lastError());
        long last = counters == null ? 0 : counters.lastPublishedAt();
        item.put("lastReadingAt", last == 0 ? null : last);
        item.put("buffered", buffer == null ? 0 : buffer.count());
    }

    private static void fieldSources(ArrayNode node, FieldSources sources) {
        if (sources == null) {
            return;
        }
        for (SourceStatus status : sources.statuses()) {
            ObjectNode source = node.addObject();
            source.put("name", status.source().name());
            source.put("protocol", status.source().link().protocol());
            source.put("address", withoutUserInfo(status.source().link().address()));
            source.put("device", status.source().device().own() ? null : status.source().device().key());
            source.put("failing", status.failing());
            source.put("lastPoll", status.lastPoll() == 0 ? null : status.lastPoll());
            source.put("lastError", status.lastError());
            source.put("reads", status.reads());
            source.put("readErrors", status.readErrors());
            Map<String, LastReported.Value> reported = sources.lastReported(status.source().name());
            ArrayNode points = source.putArray("points");
            for (FieldPoint point : status.source().points()) {
                SourceStatus.PointStatus counts = status.point(point.name());
                ObjectNode row = points.addObject();
                row.put("name", point.name());
                row.putPOJO("value", counts.lastValue());
                LastReported.Value last = reported.get(point.name());
                row.putPOJO("reported", last == null ? null : last.value());
                row.put("reportedAt", last == null ? null : last.at());
                row.put("suppressed", counts.suppressed());
                row.put("readErrors", counts.readErrors());
                row.put("lastError", counts.lastError());
            }
        }
    }

    private static void buffer(ObjectNode node, UplinkBuffer buffer, DeadLetters deadLetters) {
        if (buffer != null) {
            node.put("depth", buffer.count());
            node.put("bytes", buffer.bytes());
            long oldest = buffer.oldestStoredAt();
            node.put("oldestAgeMillis", oldest == 0 ? 0 : Math.max(0, System.currentTimeMillis() - oldest));
            node.put("dropped", buffer.counters().dropped());
            node.put("writeProblem", buffer.writeProblem());
        }
        if (deadLetters != null) {
            node.put("deadLettersWritten", deadLetters.written());
            node.put("deadLettersDropped", deadLetters.dropped());
            node.put("deadLetterBytes", deadLetters.bytes());
        }
    }

    private static void commands(ObjectNode node, DeviceCounters device, GatewayCounters gateway) {
        Map<String, Long> totals = gateway != null ? gateway.totals() : device != null ? device.snapshot() : Map.of();
        node.put("received", totals.getOrDefault("commandsReceived", 0L));
        node.put("answered", totals.getOrDefault("commandsAnswered", 0L));
        node.put("refused", totals.getOrDefault("commandsRefused", 0L));
        RecentCommands recent = gateway != null ? gateway.recentCommands()
                : device != null ? device.recentCommands() : null;
        ArrayNode items = node.putArray("recent");
        if (recent != null) {
            for (RecentCommands.Entry entry : recent.newestFirst()) {
                ObjectNode item = items.addObject();
                item.put("device", entry.device());
                item.put("receivedAt", entry.receivedAt());
                item.put("answeredAt", entry.answeredAt() == 0 ? null : entry.answeredAt());
                item.put("refusedAt", entry.refusedAt() == 0 ? null : entry.refusedAt());
            }
        }
    }

    private static void cluster(ObjectNode node, ClusterStatus cluster) {
        node.put("member", cluster.member());
        ArrayNode partitions = node.putArray("partitions");
        cluster.partitions().stream().sorted().forEach(partitions::add);
        node.put("devices", cluster.devices());
        node.put("oldestUnacknowledgedMillis", cluster.oldestUnacknowledgedAgeMillis());
        node.put("problem", cluster.problem());
    }

    /** A URL as it may be shown: {@code user:password@} taken out, whatever the scheme. */
    static String withoutUserInfo(String url) {
        return url == null ? null : url.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@]*@", "$1");
    }

    private <T> T find(Class<T> type) {
        java.util.Set<T> found = context.getRegistry().findByType(type);
        return found.size() == 1 ? found.iterator().next() : null;
    }

    private String property(String key) {
        return context.getPropertiesComponent().resolveProperty(key).orElse("");
    }
}
