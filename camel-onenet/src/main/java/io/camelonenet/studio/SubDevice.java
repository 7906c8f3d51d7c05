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
