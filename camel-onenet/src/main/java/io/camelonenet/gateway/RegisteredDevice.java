package io.camelonenet.gateway;

/**
 * One device of a gateway's devices file: its id (legacy: the device id, the MQTT client id; current platform: the
 * device name), its product, and its secret (legacy: the auth info; current platform: the device key), already read
 * from where the file said. {@code secretSource} says where it came from, for messages; the secret is never printed.
 */
public record RegisteredDevice(String id, String productId, String secret, String secretSource) {

    @Override
    public String toString() {
        return "RegisteredDevice[id=" + id + ", productId=" + productId + ", secret from " + secretSource + "]";
    }
}
