package io.camelonenet.buffer;

import org.apache.camel.Endpoint;
import org.apache.camel.support.DefaultComponent;

import java.util.Map;

/**
 * {@code onenet-buffer:name}: a producer stores each message durably in an {@link UplinkBuffer} and completes the
 * exchange once it is on disk; the consumer hands stored messages to its route in order, keeping up to
 * {@code window} (100) exchanges in flight, and deletes a message only once it and every earlier one completed (an
 * {@code onenet-publish} or paho producer at QoS 1 completes after the PUBACK). After a failed exchange it lets the
 * ones in flight finish, then starts again, after a backoff, from the first message not completed.
 */
public class BufferComponent extends DefaultComponent {

    private UplinkBuffer buffer;
    private final WakeSignal appended = new WakeSignal();
    private final WakeSignal resumed = new WakeSignal();

    public BufferComponent() {
    }

    public BufferComponent(UplinkBuffer buffer) {
        this.buffer = buffer;
    }

    public void setBuffer(UplinkBuffer buffer) {
        this.buffer = buffer;
    }

    public UplinkBuffer getBuffer() {
        return buffer;
    }

    /**
     * Forwarders paused after a failure try again now rather than after their backoff: call it when the device's
     * connection is back, so the backlog starts at once.
     */
    public void resume() {
        resumed.ring();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (buffer == null) {
            throw new IllegalStateException("the onenet-buffer component has no buffer: set one before routes start");
        }
        BufferEndpoint endpoint = new BufferEndpoint(uri, this, buffer, appended, resumed);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
