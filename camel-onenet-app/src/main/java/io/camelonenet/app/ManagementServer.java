package io.camelonenet.app;

import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * The health and metrics server (Camel's management server), checked before Camel starts it: a port that another
 * program holds would only get a stack trace from Vert.x while the app ran on without health or metrics, and a probe
 * of that port would reach the other program; so it stops the start with one line and status 3. A host other than
 * loopback is allowed with a warning: the endpoints have no authentication. After the start, one line says where the
 * endpoints are (Camel's own summary prints {@code 0.0.0.0} whatever the host, so the app's logging keeps it quiet).
 */
final class ManagementServer extends MainListenerSupport {

    static final String ENABLED = "camel.management.enabled";
    static final String HOST = "camel.management.host";
    static final String PORT = "camel.management.port";
    /** The summary Camel logs at start-up, whose addresses always read 0.0.0.0. */
    static final String CAMEL_SUMMARY_LOGGER = "org.apache.camel.component.platform.http.main.MainHttpServerUtil";

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);

    private String address;

    /** The port is in use: the start ends with one line and {@link StartupFailure#STARTUP_ERROR}. */
    static final class PortInUseException extends RuntimeException {
        PortInUseException(String host, int port) {
            super(host + ":" + port + " (" + PORT + ") is in use by another program: set " + PORT + " to a free port,"
                    + " or " + ENABLED + "=false to run without health and metrics");
        }
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        boolean enabled = properties.resolveProperty(ENABLED).map(value -> value.strip().equalsIgnoreCase("true"))
                .orElse(false);
        if (!enabled) {
            return;
        }
        String host = properties.resolveProperty(HOST).map(String::strip).orElse("0.0.0.0");
        int port = properties.resolveProperty(PORT).map(String::strip).map(Integer::parseInt).orElse(8080);
        if (!loopback(host)) {
            LOG.warn("Health and metrics listen on {}:{} with no authentication: whoever reaches that address reads "
                    + "the app's state. Keep {}=127.0.0.1, or put a firewall or an authenticating proxy in front",
                    host, port, HOST);
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException inUse) {
            throw new PortInUseException(host, port);
        }
        address = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void afterStart(BaseMainSupport main) {
        if (address != null) {
            LOG.info("Health and metrics: {}/observe/health/ready, {}/observe/metrics; status page: {}/", address,
                    address, address);
        }
    }

    private static boolean loopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (IOException unknown) {
            return false;
        }
    }
}
