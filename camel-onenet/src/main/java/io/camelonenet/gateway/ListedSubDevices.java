package io.camelonenet.gateway;

/** Whether the devices file lists a sub-device, by its key {@code productId/deviceName}. */
@FunctionalInterface
public interface ListedSubDevices {

    boolean lists(String key);
}
