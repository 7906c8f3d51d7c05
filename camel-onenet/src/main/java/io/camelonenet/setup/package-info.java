/**
 * The app's configuration and wiring: the mode, decided once ({@link io.camelonenet.setup.OneNetMode}), the
 * configuration contract ({@link io.camelonenet.setup.OneNetSettings} and the gateway's and cluster's keys, each
 * mistake one {@link io.camelonenet.setup.ConfigurationException} naming the key), and one wiring per mode after
 * {@link io.camelonenet.setup.OneNetConfiguration}'s shared part.
 */
package io.camelonenet.setup;
