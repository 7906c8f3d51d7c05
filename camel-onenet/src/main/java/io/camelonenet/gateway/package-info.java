/**
 * A gateway (docs/gateway.md): the devices file ({@link io.camelonenet.gateway.DevicesFile}, a public contract) and its
 * registry, re-read while running. Legacy: {@link io.camelonenet.gateway.Gateway} opens a connection per device and
 * hands commands to the downlink route. Current platform: {@link io.camelonenet.gateway.SubDeviceGateway} keeps the
 * topology, logs the sub-devices in and answers their requests over the gateway's one connection, and its uplink
 * sends their readings in batches out of a {@link io.camelonenet.gateway.SubDeviceOutbox}.
 */
package io.camelonenet.gateway;
