package io.camelonenet.gateway;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The devices a gateway carries, in the order of its devices file, each id once, with the warnings reading the file
 * gave (a secret written in the file itself). Immutable: a reload makes a new registry.
 */
public final class DeviceRegistry {

    private final Map<String, RegisteredDevice> devices;
    private final List<String> warnings;

    DeviceRegistry(Map<String, RegisteredDevice> devices, List<String> warnings) {
        this.devices = Collections.unmodifiableMap(new LinkedHashMap<>(devices));
        this.warnings = List.copyOf(warnings);
    }

    public List<RegisteredDevice> devices() {
        return List.copyOf(devices.values());
    }

    public Optional<RegisteredDevice> device(String id) {
        return Optional.ofNullable(devices.get(id));
    }

    public int size() {
        return devices.size();
    }

    /** What the file does that works but should not be done, one line each, to log at start-up. */
    public List<String> warnings() {
        return warnings;
    }
}
