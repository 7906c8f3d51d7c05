package io.camelonenet.app;

import io.camelonenet.buffer.UplinkBuffer;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Closes the uplink buffer with the Camel context, after the routes, and logs what went through it. */
final class UplinkBufferService extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(UplinkBufferService.class);

    private final UplinkBuffer buffer;

    UplinkBufferService(UplinkBuffer buffer) {
        this.buffer = buffer;
    }

    @Override
    protected void doStart() {
        // opened when created, so routes can bind to it
    }

    @Override
    protected void doStop() {
        LOG.info("Uplink buffer: {}; {} messages ({} bytes) wait for the next start", buffer.counters(),
                buffer.count(), buffer.bytes());
        buffer.close();
    }
}
