package io.camelonenet.emulator;

import io.camelonenet.connection.ConnectionSettings;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.connection.PasswordSource;
import io.camelonenet.connection.TlsTrust;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** MQTT over TLS: the device trusts exactly the configured CA, with hostname verification on. */
class EmulatorTlsTest {

    @TempDir
    Path tmp;

    @Test
    void should_connect_with_the_right_ca_and_refuse_a_server_signed_by_another() throws Exception {
        try (OneNetEmulator onenet = OneNetEmulator.builder().tls().device("tls-1", "p", "k").build().start()) {
            assertThat(onenet.brokerUrl()).startsWith("ssl://");

            try (DeviceConnection trusted = connect(onenet, trust(onenet.caCertificate()))) {
                await().atMost(Duration.ofSeconds(20)).until(trusted::isConnected);
                String commandId = onenet.pushCommand("tls-1", "over tls");
                assertThat(commandId).isNotBlank();
            }

            Path otherCa = ThrowAwayCertificate.create(Files.createDirectories(tmp.resolve("other"))).caPem();
            try (DeviceConnection untrusted = connect(onenet, trust(otherCa))) {
                await().atMost(Duration.ofSeconds(20)).until(() -> untrusted.lastError() != null);
                assertThat(untrusted.isConnected()).isFalse();
                assertThat(untrusted.lastError()).startsWith("TLS handshake failed: the server's certificate does not"
                        + " verify against the trusted CA");
            }
            assertThat(onenet.record().connectCount("tls-1")).isEqualTo(1);
        }
    }

    private static DeviceConnection connect(OneNetEmulator onenet, SSLContext trust) {
        DeviceConnection connection = new DeviceConnection(ConnectionSettings.of(onenet.brokerUrl(), "tls-1", "p",
                PasswordSource.fixed("k")).withTls(trust).withMaxReconnectDelay(Duration.ofSeconds(2)));
        connection.start();
        return connection;
    }

    private static SSLContext trust(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return TlsTrust.trusting(in, pem.toString());
        }
    }
}
