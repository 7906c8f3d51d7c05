/**
 * Ordered forwarding, written once: {@link io.camelonenet.lane.LaneScheduler} moves each lane's messages (a device's,
 * or the single device's) from a store to a route in order, a window of them in flight, settles only the leading run
 * of completed ones, and after a failure rewinds and pauses that lane alone. Its sources implement
 * {@link io.camelonenet.lane.LaneOwner}: the durable buffer's forwarder (pulled from SQLite) and the cluster's Kafka
 * readings (pushed by the poll loop).
 */
package io.camelonenet.lane;
