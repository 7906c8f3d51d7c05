/**
 * What operators see, one set of names in every mode: the counters the routes and the gateways keep
 * ({@link io.camelonenet.health.DeviceCounters}, by device for a gateway in {@link io.camelonenet.health.GatewayCounters};
 * {@code published} means the platform acknowledged a reading: the PUBACK on the legacy endpoint, the platform's
 * answer on the current platform), the readiness checks of a device, a gateway and a cluster instance (UP only while
 * every part works), and the Micrometer meters, bound only when the application has a registry.
 */
package io.camelonenet.health;
