/**
 * Gateways past one machine: instances of the app in one Kafka consumer group, each owning the devices of its
 * partitions. Readings come from a Kafka topic keyed by device id ({@link io.camelonenet.cluster.KafkaReadingsConsumer},
 * the {@code onenet-cluster} endpoint); a reading's offset is committed only once the platform acknowledged it and
 * every earlier reading of its partition, so Kafka is the store and the next owner resumes where acknowledgements
 * stopped. {@link io.camelonenet.cluster.OwnedDevices} tells which keys this instance owns, and an
 * {@link io.camelonenet.cluster.Ownership} connects them: legacy devices a connection each
 * ({@link io.camelonenet.cluster.DeviceOwnership}), or a current-platform gateway whose owner carries its sub-devices
 * ({@link io.camelonenet.cluster.GatewayOwnership});
 * {@link io.camelonenet.cluster.PartitionLedger} keeps a partition's commit point; a device's order is a lane of the
 * library's one {@link io.camelonenet.lane.LaneScheduler}. Only this package knows the Kafka client.
 */
package io.camelonenet.cluster;
