/**
 * What operators see: the readiness checks of a device, a gateway and a cluster instance (UP only while every part
 * works), and the Micrometer meters, bound only when the application has a registry.
 */
package io.camelonenet.health;
