/**
 * A device's MQTT session and {@code onenet-publish}: one Paho connection per device
 * ({@link io.camelonenet.connection.DeviceConnection}, whose shared client the camel-paho endpoints use), or a
 * legacy gateway's connections, one per device on HiveMQ's shared event loop
 * ({@link io.camelonenet.connection.GatewayConnections}). Every publish passes one admission on both
 * ({@link io.camelonenet.connection.PublishAdmission}: the platform's rules, the QoS the session carries, the rate).
 * No Paho or HiveMQ client type leaves this package.
 */
package io.camelonenet.connection;
