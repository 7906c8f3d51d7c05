package io.camelonenet.gateway;

/**
 * What a legacy gateway asks of the uplink that carries its devices' readings, registered on it after construction
 * ({@link Gateway#carriedBy}): the durable buffer of a gateway, or in a cluster the Kafka readings of the partitions
 * this instance owns.
 */
public interface DeviceUplink {

    /** Every device, nothing waiting, no one to tell: a gateway whose uplink is not attached (yet). */
    DeviceUplink NONE = new DeviceUplink() {
        @Override
        public boolean owns(String deviceId) {
            return true;
        }

        @Override
        public long waiting(String deviceId) {
            return 0;
        }

        @Override
        public void resume(String deviceId) {
        }
    };

    /** A gateway's durable buffer: every device is this instance's, and a removed one drains what it holds. */
    static DeviceUplink buffered(io.camelonenet.buffer.BufferComponent buffer) {
        return new DeviceUplink() {
            @Override
            public boolean owns(String deviceId) {
                return true;
            }

            @Override
            public long waiting(String deviceId) {
                return buffer.getBuffer().count(deviceId);
            }

            @Override
            public void resume(String deviceId) {
                buffer.resume(deviceId);
            }
        };
    }

    /** Whether this instance connects the device: every device, or in a cluster those of its partitions. */
    boolean owns(String deviceId);

    /** How many readings of the device wait to go out (a device removed from the file drains them first). */
    long waiting(String deviceId);

    /** The device is connected again: its readings may go at once instead of after their backoff. */
    void resume(String deviceId);
}
