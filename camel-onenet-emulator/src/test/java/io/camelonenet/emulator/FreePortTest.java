package io.camelonenet.emulator;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class FreePortTest {

    @Test
    void should_hand_out_distinct_bindable_ports_below_the_range_of_outgoing_connections() throws Exception {
        int firstEphemeral = FreePort.firstEphemeral();
        // the premise: a socket the kernel gives a port of its own gets one of that range
        try (Socket outgoing = new Socket()) {
            outgoing.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            assertThat(outgoing.getLocalPort()).isGreaterThanOrEqualTo(firstEphemeral);
        }
        Set<Integer> ports = new HashSet<>();
        for (int n = 0; n < 50; n++) {
            int port = FreePort.onLoopback();
            assertThat(port).isBetween(10000, firstEphemeral - 1);
            assertThat(ports.add(port)).as("port %s handed out once", port).isTrue();
            try (ServerSocket server = new ServerSocket()) {
                server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
        }
    }
}
