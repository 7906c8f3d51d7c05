/**
 * Firmware upgrades (OTA) of the current platform, for a device and each of its sub-devices
 * (docs/current-platform.md, Firmware upgrades): the platform's HTTP API ({@link io.camelonenet.ota.OtaApi}), a
 * resumable, bounded, MD5-checked download ({@link io.camelonenet.ota.FirmwareDownload}), one device's upgrade from
 * check to its reported outcome ({@link io.camelonenet.ota.OtaAgent}), and the service that runs them
 * ({@link io.camelonenet.ota.FirmwareUpgrades}). The package is handed to a route through
 * {@link io.camelonenet.ota.FirmwareHandOff}; nothing here depends on Camel but the service.
 */
package io.camelonenet.ota;
