package io.camelonenet.health;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.buffer.UplinkBuffer;
import io.camelonenet.gateway.GatewayStatus;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A gateway's devices (those it serves) for the status report: every device's state is found (cheap: sets and maps in
 * memory) so that the filter and the totals cover all of them, but only the requested page gets its buffer count and
 * last reading, so that 10,000 devices cost one page of lookups.
 */
final class DeviceRows {

    private DeviceRows() {
    }

    static void write(ObjectNode devices, GatewayStatus gateway, GatewayCounters counters, UplinkBuffer buffer,
                      StatusQuery query) {
        // in a cluster, the devices this instance owns; elsewhere every one
        List<String> ids = gateway.deviceIds().stream().filter(gateway::serves).toList();
        Set<String> refused = Set.copyOf(gateway.refused());
        Map<String, String> problems = gateway.problems();
        devices.put("total", ids.size());
        devices.put("online", gateway.online());
        devices.put("refused", refused.size());
        ArrayNode items = devices.putArray("items");
        int matched = 0;
        for (String id : ids) {
            String state = refused.contains(id) ? "refused" : gateway.isConnected(id) ? "online" : "offline";
            if (!query.matches(id, state)) {
                continue;
            }
            if (matched >= query.offset() && items.size() < query.limit()) {
                ObjectNode item = items.addObject();
                item.put("id", id);
                item.put("state", state);
                Boolean bound = gateway.isBound(id);
                if (bound != null) {
                    item.put("bound", bound);
                }
                item.put("problem", problems.get(id));
                DeviceCounters device = counters == null ? null : counters.find(id);
                long last = device == null ? 0 : device.lastPublishedAt();
                item.put("lastReadingAt", last == 0 ? null : last);
                item.put("buffered", buffer == null ? 0 : buffer.count(id));
            }
            matched++;
        }
        devices.put("matched", matched);
        devices.put("offset", query.offset());
        devices.put("limit", query.limit());
    }
}
