/**
 * Datapoints and OneNET's datapoint JSON: the model ({@link io.camelonenet.datapoint.Datapoint}), reading and writing
 * it with Jackson, the bodies a route may hand over, and OneNET's time format. No Camel, no MQTT.
 */
package io.camelonenet.datapoint;
