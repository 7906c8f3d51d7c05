package io.camelonenet.emulator;

/**
 * A device the emulator accepts, with OneNET legacy credentials: client id = device id, user name = product id,
 * password = the device's auth info (docs/protocol-notes.md, Legacy login).
 */
public record EmulatedDevice(String deviceId, String productId, String authInfo) {

    @Override
    public String toString() {
        // never print the auth info: it is the device's password
        return "EmulatedDevice[deviceId=" + deviceId + ", productId=" + productId + "]";
    }
}
