package io.camelonenet.connection;

/**
 * What a gateway's connection for one device logs in with. Legacy OneNET: the client id is the device id, the user
 * name the product id, the password the auth info. The password is never printed.
 */
public record GatewayDevice(String deviceId, String userName, String password) {

    @Override
    public String toString() {
        return "GatewayDevice[deviceId=" + deviceId + ", userName=" + userName + "]";
    }
}
