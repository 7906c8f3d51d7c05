package io.camelonenet.setup;

import io.camelonenet.buffer.UplinkBuffer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes the uplink buffer with the Camel context, after the routes, and logs the device's counters. */
final class UplinkBufferService extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkBufferService.class);

    private final UplinkBuffer buffer;
    private final Object counters;

    /** @param counters the routes' counters (a device's, or a gateway's per device), for the shutdown line */
    UplinkBufferService(UplinkBuffer buffer, Object counters) {
        this.buffer = buffer;
        this.counters = counters;
    }

    @Override
    protected void doStart() {
        // opened when created, so routes can bind to it
    }

    @Override
    protected void doStop() {
        LOG.info("Counters: {}; uplink buffer: {}; {} messages ({} bytes) wait for the next start", counters,
                buffer.counters(), buffer.count(), buffer.bytes());
        buffer.close();
    }
}
