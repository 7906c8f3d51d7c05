package io.camelonenet.route;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A gateway's stand-in for its field devices: one {@link SimulatedSensor} per device id, each with its own walk and
 * its own {@code seq}. Replace it in {@code routes/gateway/legacy/uplink.camel.yaml} with a bean that reads the device
 * the {@code OneNetDeviceId} header names over your field protocol (Modbus, serial, HTTP).
 */
public class SimulatedSensors {

    private final Map<String, SimulatedSensor> sensors = new ConcurrentHashMap<>();

    public Map<String, Object> read(String deviceId) {
        return sensors.computeIfAbsent(deviceId, id -> new SimulatedSensor()).read();
    }

    /** The outputs of the device's overheat event for the examples: {@code {"temperature": 22.4}}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> overheat(String deviceId) {
        return (Map<String, Object>) sensors.computeIfAbsent(deviceId, id -> new SimulatedSensor()).event()
                .get("overheat");
    }
}
