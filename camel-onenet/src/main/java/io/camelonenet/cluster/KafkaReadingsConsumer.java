package io.camelonenet.cluster;

import io.camelonenet.support.DeadLetterRoute;
import io.camelonenet.support.Worker;
import io.camelonenet.OneNetHeaders;
import io.camelonenet.lane.LaneOwner;
import io.camelonenet.lane.LaneScheduler;
import io.camelonenet.lane.RouteHandOff;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.DefaultConsumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The readings of a cluster instance ({@code onenet-cluster:readings}): a member of the Kafka consumer group that
 * hands each reading of its partitions to the route, device by device in offset order, and commits a partition only
 * up to its oldest reading not yet acknowledged. Kafka is the store: nothing is acknowledged to Kafka that the
 * platform did not acknowledge first.
 * <p>
 * Everything that touches the Kafka client, and every lane and ledger, lives on one poll thread; the route's
 * completions come back through the scheduler's queue. A partition with {@code window} readings past its commit point is paused
 * (the other partitions keep going) and resumed at half: that is the most a crash can make go out twice. Likewise
 * when the readings held by all lanes reach {@code windowBytes}, so that large records cannot fill the heap (a
 * partition holding nothing may still take one, so that none can starve). On a rebalance (cooperative: only the
 * partitions that move are revoked) the
 * revoked partitions stop sending, their readings in flight are given {@code handoverTimeout} to settle, their commit
 * point is committed, and their devices are disconnected, all before the callback returns, so before the group lets
 * the next owner have them: a device is never logged in twice. The consumer is written on the Kafka client rather
 * than camel-kafka's consumer because camel-kafka commits the last record its route processed, while here a commit
 * must wait for asynchronous acknowledgements and a revocation must wait for in-flight readings and disconnects.
 * <p>
 * Over 300 lines because the Kafka client may be touched by its poll thread only: polling, flow control, commits and
 * the rebalance callbacks ({@code HandOver}) share it and the ledgers; each device's order is the
 * {@link LaneScheduler}'s, each partition's commit point a {@link PartitionLedger}.
 */
final class KafkaReadingsConsumer extends DefaultConsumer implements LaneOwner<KafkaReading> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReadingsConsumer.class);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final long COMMIT_EVERY_MILLIS = 200;
    private static final long STATUS_EVERY_MILLIS = 1_000;
    private static final int HEARTBEAT_MILLIS = 500;

    private final ClusterEndpoint endpoint;
    private final ClusterOptions options;
    private final Ownership ownership;
    private final OwnedDevices owned;
    private final ClusterStatus status;
    /** A lane per device, in offset order; its completions may come on any thread, the rest is the poll thread's. */
    private final LaneScheduler<KafkaReading> lanes;
    // poll thread only
    private final Map<TopicPartition, PartitionLedger> ledgers = new HashMap<>();
    /** The devices with a lane, by partition: a partition's lanes leave with it. */
    private final Map<Integer, Set<String>> lanesByPartition = new HashMap<>();
    private KafkaConsumer<String, byte[]> kafka;
    private long lastCommit;
    private long lastStatus;
    /** Bytes of the readings every lane holds (consumed, not settled), against {@code options.windowBytes()}. */
    private long heldBytes;
    private volatile boolean running;
    private Worker worker;
    private DeadLetterRoute deadLetters;

    KafkaReadingsConsumer(ClusterEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        ClusterComponent component = endpoint.getComponent();
        this.options = endpoint.options();
        this.ownership = component.ownership();
        this.owned = component.owned();
        this.status = component.status();
        this.lanes = LaneScheduler.pushed(this, ownership.inFlightPerKey());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        String deadLetterUri = endpoint.getConfiguration().getDeadLetterUri();
        deadLetters = deadLetterUri == null || deadLetterUri.isBlank()
                ? new DeadLetterRoute(getEndpoint().getCamelContext(), getRouteId())
                : DeadLetterRoute.to(getEndpoint().getCamelContext(), getRouteId(), deadLetterUri);
        deadLetters.start();
        endpoint.getComponent().attach(this);
        running = true;
        worker = Worker.start(endpoint.getCamelContext(), this, "onenet-cluster-readings", this::run);
    }

    @Override
    protected void doStop() throws Exception {
        running = false;
        if (worker != null) {
            // leaving the group hands every partition over: in flight settled, committed, devices disconnected
            if (!worker.stop(options.handoverTimeout().plusSeconds(15), Duration.ZERO)) {
                LOG.warn("Cluster: the readings consumer did not leave the group in time; interrupted it");
            }
            worker = null;
        }
        endpoint.getComponent().detach(this);
        if (deadLetters != null) {
            deadLetters.stop();
        }
        super.doStop();
    }

    /** The device's connection is up again: its lane tries at once instead of after its backoff. */
    void resume(String deviceId) {
        lanes.resume(deviceId);
    }

    private Properties kafkaProperties() {
        Properties properties = new Properties();
        properties.putAll(options.kafkaProperties());
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrapServers());
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, options.groupId());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, options.clientId());
        properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        // the commit point is ours: the oldest reading the platform has not acknowledged
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        // only the partitions that move are revoked; the others keep flowing through a rebalance
        properties.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        properties.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) options.sessionTimeout().toMillis());
        // a member learns of a rebalance from a heartbeat's answer: frequent heartbeats make hand-overs quick
        properties.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, HEARTBEAT_MILLIS);
        properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
        // a fetch is read whole into memory: at most the window's bytes (Kafka's default is 50 MiB)
        properties.putIfAbsent(ConsumerConfig.FETCH_MAX_BYTES_CONFIG,
                (int) Math.min(Integer.MAX_VALUE, options.windowBytes()));
        return properties;
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafkaProperties())) {
                kafka = consumer;
                consumer.subscribe(List.of(options.topic()), new HandOver());
                LOG.info("Cluster: joining group {} on {} for topic {} as {}", options.groupId(),
                        options.bootstrapServers(), options.topic(), options.clientId());
                while (running) {
                    ConsumerRecords<String, byte[]> records = consumer.poll(POLL);
                    if (!ledgers.isEmpty()) {
                        status.problem(null);
                    }
                    for (ConsumerRecord<String, byte[]> record : records) {
                        accept(record);
                    }
                    lanes.pass(System.currentTimeMillis());
                    flowControl();
                    commitIfDue();
                    reportIfDue();
                }
                // leaving the group revokes every partition through HandOver: settled, committed, disconnected
                consumer.close(options.handoverTimeout().plusSeconds(5));
            } catch (RuntimeException e) {
                // Kafka unreachable for good, bad credentials, or a bug here: leave nothing half-owned, then rejoin
                status.problem(e.getMessage());
                status.member(false);
                if (e instanceof KafkaException) {
                    LOG.error("Cluster: the Kafka consumer failed: {}; joining again in 5 s", e.getMessage());
                } else {
                    LOG.error("Cluster: the readings consumer failed; joining again in 5 s", e);
                }
                dropEverything();
                if (running) {
                    pauseBeforeRejoin();
                }
            } finally {
                kafka = null;
            }
        }
        status.member(false);
        status.owned(Set.of(), 0);
    }

    private void pauseBeforeRejoin() {
        try {
            TimeUnit.SECONDS.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        PartitionLedger ledger = ledgers.get(partition);
        if (ledger == null || ledger.paused()) {
            // revoked, or paused: a paused partition is fetched again from where it stopped
            return;
        }
        long size = record.value() == null ? 0 : record.value().length;
        if (ledger.uncommitted() >= options.window()
                || heldBytes + size > options.windowBytes() && ledger.uncommitted() > 0) {
            // a full window (in readings of this partition, or in bytes of all): this reading and the rest of the
            // batch are read again once half the window settled, so never more than window readings of a partition
            // are past its commit point, nor more than windowBytes held
            kafka.pause(List.of(partition));
            kafka.seek(partition, record.offset());
            ledger.paused(true);
            return;
        }
        String device = record.key();
        if (device == null || !ownership.knows(device)) {
            deadLetter(record, device == null ? "the reading has no key: readings are keyed by " + ownership.keyName()
                    : ownership.whyUnknown(device));
            ledger.consumedSettled(record.offset());
            return;
        }
        ledger.consumed(record.offset(), System.currentTimeMillis());
        if (!lanes.has(device)) {
            lanesByPartition.computeIfAbsent(record.partition(), p -> new HashSet<>()).add(device);
            if (owned.seen(device, record.partition())) {
                // keyed by another partitioner than Kafka's default: owned from its first reading on
                ownership.claim(List.of(device));
            }
        }
        lanes.add(device, new KafkaReading(record.partition(), record.offset(), record.value(), record.timestamp()));
        heldBytes += size;
    }

    private void deadLetter(ConsumerRecord<String, byte[]> record, String why) {
        status.countDeadLettered();
        String body = new String(record.value() == null ? new byte[0] : record.value(), StandardCharsets.UTF_8);
        deadLetters.send(body, Map.of(KafkaConstants.PARTITION, record.partition(),
                KafkaConstants.OFFSET, record.offset()), new IllegalArgumentException(why),
                "Cluster: reading at partition " + record.partition() + " offset " + record.offset());
    }

    @Override
    public List<KafkaReading> fetch(String lane, long afterPosition, int max) {
        // the poll loop adds the readings as they come
        return List.of();
    }

    @Override
    public void attempting(Map<String, List<KafkaReading>> fetchedByLane) {
        // Kafka keeps no marks: a reading consumed again after a crash is counted by the platform's duplicates
    }

    /**
     * Hands a reading to the route. A failure stops its lane at once, before it is applied: refused before anything
     * left (not connected), the completion runs on this thread before the route returns, and the readings behind it
     * must not go first (Camel's doneSync cannot tell: a route's pipeline reports false even then).
     */
    @Override
    public void handOff(String device, KafkaReading reading, boolean sentBefore, Completion done) {
        if (sentBefore) {
            status.countResent();
        }
        Exchange exchange = createExchange(true);
        exchange.getMessage().setBody(reading.value());
        exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, device);
        exchange.getMessage().setHeader(KafkaConstants.KEY, device);
        exchange.getMessage().setHeader(KafkaConstants.PARTITION, reading.partition());
        exchange.getMessage().setHeader(KafkaConstants.OFFSET, reading.offset());
        exchange.getMessage().setHeader(KafkaConstants.TIMESTAMP, reading.timestamp());
        RouteHandOff.process(this, exchange, done);
    }

    @Override
    public void settled(Map<String, List<KafkaReading>> runByLane) {
        int acknowledged = 0;
        for (List<KafkaReading> run : runByLane.values()) {
            for (KafkaReading reading : run) {
                heldBytes -= reading.bytes();
                PartitionLedger ledger = ledgers.get(new TopicPartition(options.topic(), reading.partition()));
                if (ledger != null) {
                    ledger.settled(reading.offset());
                }
                acknowledged++;
            }
        }
        status.acknowledged(acknowledged);
    }

    @Override
    public void neverSent(String lane, KafkaReading first, KafkaReading last) {
        // nothing to unmark: see attempting
    }

    @Override
    public String waiting(String device) {
        return "Device " + device + ": " + lanes.holding(device) + " readings wait in Kafka";
    }

    /** A partition paused on a full window is fetched again once half of the window settled. */
    private void flowControl() {
        List<TopicPartition> resume = new ArrayList<>();
        ledgers.forEach((partition, ledger) -> {
            // a partition holding nothing goes on whatever the others hold (it takes one reading at a time then), so
            // that a lane stuck on an offline device cannot starve the other partitions
            if (ledger.paused() && ledger.uncommitted() <= options.window() / 2
                    && (heldBytes <= options.windowBytes() / 2 || ledger.uncommitted() == 0)) {
                ledger.paused(false);
                resume.add(partition);
            }
        });
        if (!resume.isEmpty()) {
            kafka.resume(resume);
        }
    }

    private void commitIfDue() {
        long now = System.currentTimeMillis();
        if (now - lastCommit < COMMIT_EVERY_MILLIS) {
            return;
        }
        lastCommit = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = commitPoints(ledgers.keySet(), false);
        if (!offsets.isEmpty()) {
            // the callback runs on this thread, inside a later poll
            kafka.commitAsync(offsets, (committed, error) -> {
                if (error != null) {
                    // sent again at the next round, so that what a crash re-sends stays within the window
                    LOG.debug("Cluster: commit of {} failed: {}", committed, error.getMessage());
                    offsets.keySet().forEach(partition -> {
                        PartitionLedger ledger = ledgers.get(partition);
                        if (ledger != null) {
                            ledger.commitFailed();
                        }
                    });
                }
            });
        }
    }

    /**
     * The commit points of these partitions: those that moved since the last commit, or with {@code all} every one
     * (a hand-over: an asynchronous commit sent before may not have reached the group, or may have been refused by
     * the rebalance itself, and the next owner must not start from an older point).
     */
    private Map<TopicPartition, OffsetAndMetadata> commitPoints(Collection<TopicPartition> partitions, boolean all) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : partitions) {
            PartitionLedger ledger = ledgers.get(partition);
            if (ledger == null) {
                continue;
            }
            OptionalLong point = all ? ledger.commitPoint() : ledger.toCommit();
            if (point.isPresent()) {
                offsets.put(partition, new OffsetAndMetadata(point.getAsLong()));
                ledger.committed(point.getAsLong());
            }
        }
        return offsets;
    }

    private void reportIfDue() {
        long now = System.currentTimeMillis();
        if (now - lastStatus < STATUS_EVERY_MILLIS) {
            return;
        }
        lastStatus = now;
        Map<Integer, Long> lag = new HashMap<>();
        long oldest = -1;
        for (Map.Entry<TopicPartition, PartitionLedger> entry : ledgers.entrySet()) {
            PartitionLedger ledger = entry.getValue();
            long behind = kafka.currentLag(entry.getKey()).orElse(0);
            lag.put(entry.getKey().partition(), behind + ledger.uncommitted());
            long consumed = ledger.oldestUnsettledMillis();
            if (consumed >= 0 && (oldest < 0 || consumed < oldest)) {
                oldest = consumed;
            }
        }
        status.progress(lag, oldest);
    }

    private void reportOwnership() {
        Set<Integer> partitions = new java.util.TreeSet<>();
        ledgers.keySet().forEach(partition -> partitions.add(partition.partition()));
        status.owned(partitions, ownership.configured());
    }

    /** After a failure of the consumer itself: every lane and ledger dropped, every device disconnected. */
    private void dropEverything() {
        Set<Integer> partitions = owned.partitions();
        List<String> devices = owned.devicesOf(ownership.keys(), partitions);
        lanesByPartition.values().forEach(laneDevices -> laneDevices.forEach(lanes::forget));
        lanesByPartition.clear();
        heldBytes = 0;
        ledgers.clear();
        owned.revoked(partitions);
        ownership.release(devices);
        reportOwnership();
    }

    /** The group's rebalance callbacks, called by the poll thread inside poll() and close(). */
    private final class HandOver implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            status.member(true);
            if (partitions.isEmpty()) {
                if (ledgers.isEmpty() && kafka.partitionsFor(options.topic()).isEmpty()) {
                    status.problem("topic " + options.topic() + " does not exist");
                    LOG.warn("Cluster: topic {} does not exist on {}; create it with as many partitions as the most "
                            + "instances you will run (docs/scale-out.md)", options.topic(), options.bootstrapServers());
                }
                return;
            }
            int count = kafka.partitionsFor(options.topic()).size();
            List<Integer> numbers = numbers(partitions);
            for (TopicPartition partition : partitions) {
                ledgers.put(partition, new PartitionLedger(partition.partition()));
            }
            owned.assigned(numbers, count);
            List<String> devices = owned.devicesOf(ownership.keys(), numbers);
            ownership.claim(devices);
            reportOwnership();
            LOG.info("Cluster: partitions {} assigned; connecting their {} devices (now {} partitions, {} devices)",
                    numbers, devices.size(), ledgers.size(), ownership.configured());
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            long start = System.nanoTime();
            long deadline = start + options.handoverTimeout().toNanos();
            List<Integer> numbers = numbers(partitions);
            List<String> leaving = lanesOf(numbers);
            // nothing more goes out for them; what was not sent stays in Kafka, uncommitted, for the next owner
            leaving.forEach(device -> heldBytes -= KafkaReading.bytes(lanes.close(device)));
            ownership.stopSending(owned.devicesOf(ownership.keys(), numbers));
            while (leaving.stream().anyMatch(device -> lanes.inFlight(device) > 0) && System.nanoTime() < deadline) {
                lanes.applyCompletions(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
            }
            int unsettled = leaving.stream().mapToInt(lanes::inFlight).sum();
            Map<TopicPartition, OffsetAndMetadata> offsets = commitPoints(partitions, true);
            try {
                if (!offsets.isEmpty()) {
                    kafka.commitSync(offsets, Duration.ofMillis(Math.max(1_000,
                            (deadline - System.nanoTime()) / 1_000_000)));
                }
            } catch (KafkaException e) {
                LOG.warn("Cluster: committing revoked partitions {} failed: {}; the next owner reads their last "
                        + "readings again", numbers, e.getMessage());
            }
            List<String> devices = disconnect(numbers, leaving, deadline);
            long millis = (System.nanoTime() - start) / 1_000_000;
            status.handedOver(millis);
            reportOwnership();
            LOG.info("Cluster: partitions {} handed over in {} ms: {}, {} devices disconnected{}",
                    numbers, millis, offsetsText(offsets), devices.size(),
                    unsettled == 0 ? "" : ", " + unsettled + " readings still in flight (sent again by the next "
                            + "owner)");
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            List<Integer> numbers = numbers(partitions);
            List<String> leaving = lanesOf(numbers);
            leaving.forEach(device -> heldBytes -= KafkaReading.bytes(lanes.close(device)));
            ownership.stopSending(owned.devicesOf(ownership.keys(), numbers));
            List<String> devices = disconnect(numbers, leaving,
                    System.nanoTime() + options.handoverTimeout().toNanos());
            reportOwnership();
            LOG.warn("Cluster: partitions {} lost (this instance was out of the group); {} devices disconnected, "
                    + "their readings since the last commit go out again from the next owner", numbers,
                    devices.size());
        }

        private List<String> disconnect(List<Integer> numbers, List<String> leaving, long deadline) {
            Set<String> devices = new LinkedHashSet<>(owned.devicesOf(ownership.keys(), numbers));
            devices.addAll(leaving);
            for (String device : leaving) {
                // what is still in flight leaves with the lane: its completions are not settled here any more
                heldBytes -= KafkaReading.bytes(lanes.forget(device));
            }
            numbers.forEach(lanesByPartition::remove);
            numbers.forEach(number -> ledgers.remove(new TopicPartition(options.topic(), number)));
            owned.revoked(numbers);
            try {
                ownership.release(devices).get(Math.max(1, (deadline - System.nanoTime()) / 1_000_000) + 1_000,
                        TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Exception e) {
                LOG.warn("Cluster: disconnecting the devices of partitions {} did not finish: {}", numbers,
                        e.getMessage());
            }
            return List.copyOf(devices);
        }

        private List<String> lanesOf(List<Integer> numbers) {
            List<String> devices = new ArrayList<>();
            numbers.forEach(number -> devices.addAll(lanesByPartition.getOrDefault(number, Set.of())));
            return devices;
        }
    }

    private static List<Integer> numbers(Collection<TopicPartition> partitions) {
        return partitions.stream().map(TopicPartition::partition).sorted().toList();
    }

    private static String offsetsText(Map<TopicPartition, OffsetAndMetadata> offsets) {
        if (offsets.isEmpty()) {
            return "nothing consumed to commit";
        }
        Map<Integer, Long> byPartition = new java.util.TreeMap<>();
        offsets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset.offset()));
        return "committed at " + byPartition;
    }
}
