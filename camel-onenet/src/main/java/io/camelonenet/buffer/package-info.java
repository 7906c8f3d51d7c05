/**
 * The durable uplink buffer ({@link io.camelonenet.buffer.SqliteUplinkBuffer}, SQLite) and its {@code onenet-buffer}
 * component: a reading is on disk when the uplink route completes, and leaves it only after the platform acknowledged
 * it. The forwarder ({@link io.camelonenet.buffer.BufferForwarder}, on the {@link io.camelonenet.lane.LaneScheduler})
 * keeps a window in flight and deletes only a leading run of completed messages; a gateway's readings go out per
 * device, each in its own order.
 */
package io.camelonenet.buffer;
