package io.camelonenet.emulator;

/**
 * A device the emulator's current-platform mode accepts: client id = device name, user name = product id, password
 * = a token signed with this base64 key (a device key, or the product key when {@code productKey}).
 */
record StudioDevice(String productId, String deviceName, String base64Key, boolean productKey) {

    @Override
    public String toString() {
        return "StudioDevice[productId=" + productId + ", deviceName=" + deviceName + "]";
    }
}
