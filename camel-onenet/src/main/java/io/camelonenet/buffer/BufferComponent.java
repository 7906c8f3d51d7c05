package io.camelonenet.buffer;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;

import java.nio.file.Path;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code onenet-buffer:name}: a producer stores each message durably in an {@link UplinkBuffer} and completes the
 * exchange once it is on disk; the consumer hands stored messages to its route in order, keeping up to
 * {@code window} (100) exchanges in flight, and deletes a message only once it and every earlier one completed (an
 * {@code onenet-publish} or paho producer at QoS 1 completes after the PUBACK). After a failed exchange it lets the
 * ones in flight finish, then starts again, after a backoff, from the first message not completed.
 */
@Component("onenet-buffer")
public class BufferComponent extends DefaultComponent {

    @Metadata(description = "The buffer (an UplinkBuffer bean); unset, the component opens its own SQLite buffer in"
            + " directory")
    private UplinkBuffer buffer;
    @Metadata(description = "Without a buffer bean: the directory of the SQLite buffer the component opens",
              defaultValue = "data/buffer")
    private String directory = "data/buffer";
    @Metadata(description = "Without a buffer bean: the buffer's bound in payload bytes", defaultValue = "67108864")
    private long maxBytes = 64L << 20;
    @Metadata(description = "Without a buffer bean: what a full buffer does", enums = "drop-oldest,refuse-new",
              defaultValue = "drop-oldest")
    private String policy = "drop-oldest";
    @Metadata(description = "Without a buffer bean: full (each message synced to disk before the exchange"
            + " completes) or normal (survives a crash of the app, not of the machine)", enums = "full,normal",
              defaultValue = "full")
    private String sync = "full";
    private boolean ownBuffer;
    private final WakeSignal appended = new WakeSignal();
    /** Devices whose connection is back (the single device as ''): their lanes try again at once. */
    private final Set<String> resumedDevices = ConcurrentHashMap.newKeySet();
    /** A gateway's devices with messages appended since the per-device forwarder last looked. */
    private final Set<String> appendedDevices = ConcurrentHashMap.newKeySet();

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

    public String getDirectory() {
        return directory;
    }

    public void setDirectory(String directory) {
        this.directory = directory;
    }

    public long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    public String getPolicy() {
        return policy;
    }

    public void setPolicy(String policy) {
        this.policy = policy;
    }

    public String getSync() {
        return sync;
    }

    public void setSync(String sync) {
        this.sync = sync;
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (ownBuffer) {
            // a buffer the component opened is the component's to close; a bean's belongs to whoever made it
            buffer.close();
            buffer = null;
            ownBuffer = false;
        }
    }

    /**
     * Forwarders paused after a failure try again now rather than after their backoff: call it when the device's
     * connection is back, so the backlog starts at once.
     */
    public void resume() {
        resume(UplinkBuffer.SINGLE_DEVICE);
    }

    /** A gateway's device is connected again: its lane in the per-device forwarder tries again now. */
    public void resume(String device) {
        resumedDevices.add(device);
        appended.ring();
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (buffer == null) {
            buffer = new SqliteUplinkBuffer(Path.of(directory), maxBytes, FullPolicy.parse(policy),
                    Durability.parse(sync));
            ownBuffer = true;
        }
        BufferEndpoint endpoint = new BufferEndpoint(uri, this, remaining, buffer, appended, resumedDevices,
                appendedDevices);
        setProperties(endpoint, parameters);
        return endpoint;
    }
}
