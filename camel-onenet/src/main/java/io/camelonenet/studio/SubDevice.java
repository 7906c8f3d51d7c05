package io.camelonenet.studio;

import io.camelonenet.inbound.LogText;

/**
 * A sub-device of a current-platform gateway, as the platform names it in every {@code thing/sub/*} message: its
 * product ({@code productID}) and its name ({@code deviceName}).
 */
public record SubDevice(String productId, String deviceName) {

    public SubDevice {
        if (productId == null || productId.isBlank() || deviceName == null || deviceName.isBlank()) {
            throw new IllegalArgumentException("a sub-device needs a product id and a device name");
        }
    }

    /** The sub-device of a key {@code productId/deviceName} (its key in the buffer, in Kafka and in headers). */
    public static SubDevice ofKey(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0 || slash == key.length() - 1) {
            throw new IllegalArgumentException("'" + LogText.of(key) + "' is not a sub-device key productId/deviceName");
        }
        return new SubDevice(key.substring(0, slash), key.substring(slash + 1));
    }

    /** Its key, {@code productId/deviceName}: how the buffer, Kafka and the routes' headers name it. */
    public String key() {
        return productId + "/" + deviceName;
    }

    /** The token resource of the sub-device, which its {@code sasToken} signs. */
    public String resource() {
        return OneNetToken.deviceResource(productId, deviceName);
    }

    /** For logs: the names come from the platform or a file, so they are escaped ({@link LogText}). */
    @Override
    public String toString() {
        return LogText.of(productId + "/" + deviceName);
    }
}
