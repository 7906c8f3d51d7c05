/**
 * camel-onenet: Apache Camel routes, components and beans that connect a device or gateway to China Mobile's OneNET
 * over MQTT. This package holds {@link io.camelonenet.OneNetHeaders}, every header name a route reads or sets; the
 * sub-packages are described in docs/architecture.md.
 */
package io.camelonenet;
