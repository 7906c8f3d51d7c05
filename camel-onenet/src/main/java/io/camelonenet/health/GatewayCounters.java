package io.camelonenet.health;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link DeviceCounters} for each of a gateway's devices, counted by steps in the gateway's YAML routes with the
 * device id from the {@code OneNetDeviceId} header.
 */
public class GatewayCounters implements CommandRefusals {

    private final Map<String, DeviceCounters> devices = new ConcurrentHashMap<>();
    private final RecentCommands commands = new RecentCommands();

    public DeviceCounters of(String deviceId) {
        return devices.computeIfAbsent(deviceId, id -> new DeviceCounters(commands, id));
    }

    /** The device's counters if anything was counted for it, else {@code null} (a status read creates none). */
    public DeviceCounters find(String deviceId) {
        return devices.get(deviceId);
    }

    /** The last commands received by any device, newest first. */
    public RecentCommands recentCommands() {
        return commands;
    }

    public void produced(String deviceId) {
        of(deviceId).produced();
    }

    public void published(String deviceId) {
        of(deviceId).published();
    }

    public void addPublished(String deviceId, int readings) {
        of(deviceId).addPublished(readings);
    }

    public void commandReceived(String deviceId) {
        of(deviceId).commandReceived();
    }

    public void commandAnswered(String deviceId) {
        of(deviceId).commandAnswered();
    }

    public void commandRefused(String deviceId) {
        of(deviceId).commandRefused();
    }

    /** Counted for the device the exchange's {@code OneNetDeviceId} header names. */
    @Override
    public void refusedByRoute(org.apache.camel.Exchange exchange) {
        String deviceId = exchange.getMessage().getHeader(io.camelonenet.OneNetHeaders.DEVICE_ID, String.class);
        commandRefused(deviceId == null ? "unknown" : deviceId);
    }

    /** Sums over every device, by figure name. */
    public Map<String, Long> totals() {
        Map<String, Long> total = new java.util.LinkedHashMap<>();
        for (DeviceCounters.Figure figure : DeviceCounters.Figure.values()) {
            total.put(figure.key(), total(figure));
        }
        return total;
    }

    /** One figure summed over every device (a meter of a gateway too large for per-device meters). */
    public long total(DeviceCounters.Figure figure) {
        long sum = 0;
        for (DeviceCounters counters : devices.values()) {
            sum += counters.get(figure);
        }
        return sum;
    }

    /** The sums, for the shutdown log. */
    @Override
    public String toString() {
        return totals().toString();
    }
}
