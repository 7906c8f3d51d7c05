package io.camelonenet.emulator;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * How long the test kit takes to start and to stop, the median of five of each, printed for docs/emulator.md (not
 * asserted: a busy machine would make that fail). Each start must listen, each stop must free its port.
 */
class EmulatorStartStopTest {

    private static final int RUNS = 5;

    @Test
    void should_start_listening_and_stop_freeing_its_port_printing_the_median_times() throws Exception {
        List<Long> starts = new ArrayList<>();
        List<Long> stops = new ArrayList<>();
        for (int run = 0; run < RUNS; run++) {
            long begin = System.nanoTime();
            OneNetEmulator onenet = OneNetEmulator.builder().device("timed-1", "p-1", "k-1").build().start();
            starts.add(System.nanoTime() - begin);
            assertThat(listening(onenet.port())).as("listening after start").isTrue();
            begin = System.nanoTime();
            onenet.close();
            stops.add(System.nanoTime() - begin);
            assertThat(listening(onenet.port())).as("listening after stop").isFalse();
        }
        System.out.printf("Emulator start: median %d ms of %d (%s); stop: median %d ms (%s)%n", median(starts), RUNS,
                millis(starts), median(stops), millis(stops));
    }

    @Test
    void should_say_the_port_is_in_use_when_something_else_holds_it() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            OneNetEmulator onenet = OneNetEmulator.builder().device("taken-1", "p-1", "k-1").port(taken.getLocalPort())
                    .build();
            assertThatThrownBy(onenet::start).isInstanceOf(IllegalStateException.class)
                    .hasMessage("OneNET emulator did not start on 127.0.0.1:" + taken.getLocalPort()
                            + ": the port is in use");
        }
    }

    private static boolean listening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (java.io.IOException refused) {
            return false;
        }
    }

    private static long median(List<Long> nanos) {
        List<Long> sorted = nanos.stream().sorted().toList();
        return sorted.get(sorted.size() / 2) / 1_000_000;
    }

    private static List<Long> millis(List<Long> nanos) {
        return nanos.stream().map(n -> n / 1_000_000).toList();
    }
}
