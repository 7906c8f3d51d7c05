package io.camelonenet.emulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A port nothing listens on, for a server that binds it later: an emulator a test starts after its app, say.
 *
 * <p>The port is chosen below the kernel's ephemeral range, not by binding port 0. The kernel hands out ports of that
 * range to every outgoing connection and to every bind to port 0, so a port taken from it can be gone when the server
 * binds it seconds later: an app reconnecting to the still-absent broker, a Modbus client or another test's listener
 * may have got it as theirs. Below the range only an explicit bind takes a port. Each port is handed out once per JVM.
 */
public final class FreePort {

    /** Linux's setting; elsewhere (macOS, Windows) the range is IANA's, 49152 and up. */
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final int IANA_EPHEMERAL_FIRST = 49152;
    /** Below this sit the well-known and commonly configured services' ports. */
    private static final int LOWEST = 10000;
    private static final int ATTEMPTS = 100;
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePort() {
    }

    /** A free port of {@code 127.0.0.1}. */
    public static int onLoopback() {
        return on("127.0.0.1");
    }

    /**
     * A free port of {@code bindAddress}, outside the ephemeral range where that range leaves room below it.
     *
     * @throws UncheckedIOException if no port could be bound there
     */
    public static int on(String bindAddress) {
        InetAddress address = address(bindAddress);
        int end = firstEphemeral();
        if (end - LOWEST < ATTEMPTS * 10) {
            // a range that starts this low leaves no room below it: the kernel's choice is as good as any
            return bound(address, 0);
        }
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST, end);
            if (HANDED_OUT.add(port) && bindable(address, port)) {
                return port;
            }
        }
        throw new UncheckedIOException(new IOException("no free port on " + bindAddress + " between " + LOWEST
                + " and " + end + " in " + ATTEMPTS + " attempts"));
    }

    static int firstEphemeral() {
        try {
            // by lines: Files.readString gave "3" of "32768" here, procfs files reporting a size of 0
            return Integer.parseInt(Files.readAllLines(EPHEMERAL_RANGE).get(0).strip().split("\\s+")[0]);
        } catch (IOException | RuntimeException notLinux) {
            return IANA_EPHEMERAL_FIRST;
        }
    }

    /** Whether nothing holds {@code bindAddress:port} now (to tell a taken port from other failures to listen). */
    static boolean isFree(String bindAddress, int port) {
        return bindable(address(bindAddress), port);
    }

    private static boolean bindable(InetAddress address, int port) {
        try {
            bound(address, port);
            return true;
        } catch (UncheckedIOException taken) {
            return false;
        }
    }

    private static int bound(InetAddress address, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(address, port));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot bind " + address.getHostAddress() + ":" + port, e);
        }
    }

    private static InetAddress address(String bindAddress) {
        try {
            return InetAddress.getByName(bindAddress);
        } catch (IOException e) {
            throw new UncheckedIOException("no address " + bindAddress, e);
        }
    }
}
