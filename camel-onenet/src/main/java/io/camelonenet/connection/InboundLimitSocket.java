package io.camelonenet.connection;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;

/** A plain TCP socket whose input is read through {@link InboundPacketLimit}. */
final class InboundLimitSocket extends Socket {

    private final int limit;
    private InputStream limited;

    InboundLimitSocket(int limit) {
        this.limit = limit;
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (limited == null) {
            limited = new InboundPacketLimit(super.getInputStream(), limit, String.valueOf(getRemoteSocketAddress()));
        }
        return limited;
    }
}
