/**
 * The {@code onenet:} component: a whole device behind one URI, for Kamelets, Camel JBang and Java DSL users who do
 * not want the app's wiring. Its producer is a datapoint sink (frame, store durably, forward in order on the device's
 * one connection); its consumer is a command source (each command an exchange, the reply sent when it completes).
 * Endpoints naming the same device share one {@link io.camelonenet.device.DeviceRuntime}, so a sink and a source of
 * one device use one MQTT connection, as OneNET requires.
 */
package io.camelonenet.device;
