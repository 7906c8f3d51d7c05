/**
 * The standalone app: camel-main with the bundled routes, the routes folder of the mode, {@code --help} and
 * {@code --version}, one-line start-up failures, console logging, the management server and the launcher's ready file.
 */
package io.camelonenet.app;
