/**
 * The local OneNET emulator: HiveMQ CE embedded with the rules of either platform, a record of what devices sent, and
 * ways to push commands and requests. The app runs against it on a fresh machine; tests use it as a test kit.
 */
package io.camelonenet.emulator;
