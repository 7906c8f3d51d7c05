package io.camelonenet.emulator;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Comparator;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * The emulator's MQTT broker: HiveMQ CE embedded in this process, in a throw-away working folder, with OneNET's rules
 * as its one extension, listening on plain TCP or on TLS with a throw-away certificate. Knows nothing of OneNET.
 */
final class EmbeddedBroker {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    /** Starts one at a time: a broker's extension takes its services from HiveMQ's one static holder. */
    private static final Object STARTING = new Object();
    /** Stops still finishing in the background, by port: a start on that port waits for its stop. */
    private static final Map<Integer, CompletableFuture<Void>> STOPPING = new ConcurrentHashMap<>();
    private static final Duration PORT_CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final String bindAddress;
    private final int port;
    private final Path workDir;
    private final ThrowAwayCertificate certificate;
    private final EmbeddedHiveMQ broker;

    private EmbeddedBroker(String bindAddress, int port, Path workDir, ThrowAwayCertificate certificate,
                           EmbeddedHiveMQ broker) {
        this.bindAddress = bindAddress;
        this.port = port;
        this.workDir = workDir;
        this.certificate = certificate;
        this.broker = broker;
    }

    /**
     * Starts a broker on {@code bindAddress:port} with {@code rules}; blocks until it listens.
     *
     * @throws IllegalStateException if it did not start (the port taken, for one); nothing is left running
     */
    static EmbeddedBroker start(String bindAddress, int port, boolean tls, OneNetRules rules) {
        CompletableFuture<Void> stopping = STOPPING.get(port);
        if (stopping != null) {
            stopping.join();
        }
        synchronized (STARTING) {
            return startAlone(bindAddress, port, tls, rules);
        }
    }

    private static EmbeddedBroker startAlone(String bindAddress, int port, boolean tls, OneNetRules rules) {
        // before the broker is built: it logs from then on
        BrokerLogs.quietUnlessConfigured();
        Path workDir;
        ThrowAwayCertificate certificate;
        EmbeddedHiveMQ broker;
        try {
            workDir = Files.createTempDirectory("onenet-emulator-");
            Path config = Files.createDirectories(workDir.resolve("conf"));
            certificate = tls ? ThrowAwayCertificate.create(workDir) : null;
            Files.writeString(config.resolve("config.xml"), config(bindAddress, port, certificate),
                    StandardCharsets.UTF_8);
            // OneNET's own topics start with '$' ($dp, $crsp/...); HiveMQ disconnects clients that publish to such
            // topics unless this internal switch is on. It is read when the broker starts.
            InternalConfigurations.MQTT_ALLOW_DOLLAR_TOPICS.set(true);
            // the persistence is in memory, with nothing to write out: no 2 s grace before it closes
            InternalConfigurations.PERSISTENCE_SHUTDOWN_GRACE_PERIOD_MSEC.set(0);
            broker = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(config)
                    .withDataFolder(Files.createDirectories(workDir.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(workDir.resolve("extensions")))
                    .withEmbeddedExtension(EmbeddedExtension.builder()
                            .withId("onenet-rules")
                            .withName(rules.name())
                            .withVersion("1")
                            .withPriority(1000)
                            .withStartPriority(1000)
                            .withExtensionMain(rules)
                            .build())
                    // keep the host application's logging configuration
                    .withoutLoggingBootstrap()
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the emulator's working folder", e);
        }
        EmbeddedBroker started = new EmbeddedBroker(bindAddress, port, workDir, certificate, broker);
        try {
            broker.start().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return started;
        } catch (ExecutionException | TimeoutException e) {
            started.close();
            // HiveMQ's own exception names no cause ("UnrecoverableException"): a taken port is the usual one
            String cause = FreePort.isFree(bindAddress, port) ? rootMessage(e) : "the port is in use";
            throw new IllegalStateException("OneNET emulator did not start on " + bindAddress + ":" + port + ": "
                    + cause, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.close();
            throw new IllegalStateException("interrupted while starting the OneNET emulator", e);
        }
    }

    /** The throw-away certificate served over TLS; null on plain TCP. */
    ThrowAwayCertificate certificate() {
        return certificate;
    }

    /**
     * Stops the broker: returns once it no longer listens (its clients were disconnected before), within milliseconds.
     * HiveMQ then waits a fixed 2 s for its network threads to go quiet; that, and deleting the working folder, end in
     * the background, and a broker started later on the same port waits for them.
     */
    void close() {
        CompletableFuture<Void> stopped = new CompletableFuture<>();
        STOPPING.put(port, stopped);
        Thread stopper = new Thread(() -> {
            try {
                stopFully();
            } finally {
                STOPPING.remove(port, stopped);
                stopped.complete(null);
            }
        }, "onenet-emulator-stop-" + port);
        // a process that exits meanwhile does not wait for HiveMQ's quiet period (its threads end with it)
        stopper.setDaemon(true);
        stopper.start();
        long deadline = System.nanoTime() + PORT_CLOSE_TIMEOUT.toNanos();
        while (!stopped.isDone() && listening() && System.nanoTime() < deadline) {
            try {
                stopped.get(10, TimeUnit.MILLISECONDS);
            } catch (TimeoutException stillStopping) {
                // poll the port again
            } catch (ExecutionException e) {
                return;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void stopFully() {
        try {
            broker.close();
        } catch (ExecutionException e) {
            LOG.warn("OneNET emulator did not stop cleanly: {}", rootMessage(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteRecursively(workDir);
    }

    /** Whether the broker still takes connections on its port. */
    private boolean listening() {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getByName(bindAddress), port), 200);
            return true;
        } catch (IOException refused) {
            return false;
        }
    }

    private static String config(String bindAddress, int port, ThrowAwayCertificate certificate) {
        String listener = certificate == null
                ? "<tcp-listener><port>%d</port><bind-address>%s</bind-address></tcp-listener>".formatted(port, bindAddress)
                : """
                  <tls-tcp-listener>
                      <port>%d</port>
                      <bind-address>%s</bind-address>
                      <tls>
                          <keystore>
                              <path>%s</path>
                              <password>%s</password>
                              <private-key-password>%s</private-key-password>
                          </keystore>
                      </tls>
                  </tls-tcp-listener>
                  """.formatted(port, bindAddress, certificate.keyStore().toAbsolutePath(), certificate.password(),
                        certificate.password());
        return """
                <?xml version="1.0"?>
                <hivemq>
                    <listeners>
                        %s
                    </listeners>
                    <persistence>
                        <mode>in-memory</mode>
                    </persistence>
                    <anonymous-usage-statistics>
                        <enabled>false</enabled>
                    </anonymous-usage-statistics>
                </hivemq>
                """.formatted(listener);
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("could not delete {}: {}", dir, e.getMessage());
        }
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }
}
