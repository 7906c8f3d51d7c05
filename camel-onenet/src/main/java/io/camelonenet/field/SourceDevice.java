package io.camelonenet.field;

/**
 * Whose points a source reads: a legacy device id, a current-platform sub-device (product id and device name), or
 * the app's own device (all {@code null}).
 */
public record SourceDevice(String deviceId, String productId, String deviceName) {

    public static final SourceDevice OWN = new SourceDevice(null, null, null);

    public boolean own() {
        return deviceId == null && productId == null;
    }

    public boolean subDevice() {
        return productId != null;
    }

    /** As the app names the device elsewhere: the legacy id, or {@code productId/deviceName}. */
    public String key() {
        return subDevice() ? productId + "/" + deviceName : deviceId;
    }

    @Override
    public String toString() {
        return own() ? "the app's own device" : subDevice() ? "sub-device " + key() : "device " + deviceId;
    }
}
