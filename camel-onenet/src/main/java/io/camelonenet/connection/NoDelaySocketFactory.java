package io.camelonenet.connection;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;

/**
 * Plain TCP sockets with Nagle's algorithm off. Paho 1.2.5 never sets TCP_NODELAY; when a command's PUBACK and its
 * reply share the connection, Nagle plus the peer's delayed ACK add ~40 ms per round trip
 * (docs/protocol-notes.md, Paho's socket). With an inbound limit, the socket Paho asks for ({@link #createSocket()}, which it
 * then connects) refuses inbound packets over it ({@link InboundPacketLimit}).
 */
public final class NoDelaySocketFactory extends SocketFactory {

    private final SocketFactory delegate = SocketFactory.getDefault();
    private final int maxInboundBytes;

    /** No inbound limit: for clients that only publish (the benchmarks' baselines). */
    public NoDelaySocketFactory() {
        this(0);
    }

    /** @param maxInboundBytes the largest inbound MQTT packet (remaining length); 0 for none */
    public NoDelaySocketFactory(int maxInboundBytes) {
        this.maxInboundBytes = maxInboundBytes;
    }

    @Override
    public Socket createSocket() throws IOException {
        return noDelay(maxInboundBytes > 0 ? new InboundLimitSocket(maxInboundBytes) : delegate.createSocket());
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
        return noDelay(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
        return noDelay(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
            throws IOException {
        return noDelay(delegate.createSocket(address, port, localAddress, localPort));
    }

    static Socket noDelay(Socket socket) throws IOException {
        socket.setTcpNoDelay(true);
        return socket;
    }
}
