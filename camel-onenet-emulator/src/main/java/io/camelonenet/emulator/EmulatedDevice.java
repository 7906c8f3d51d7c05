package io.camelonenet.emulator;

/**
 * A device the emulator accepts, with OneNET legacy credentials: client id = device id, user name = product id,
 * password = the device's auth info (onenet-protocol.md §1.2).
 */
public record EmulatedDevice(String deviceId, String productId, String authInfo) {

    @Override
    public String toString() {
        // never print the auth info: it is the device's password
        return "EmulatedDevice[deviceId=" + deviceId + ", productId=" + productId + "]";
    }
}
