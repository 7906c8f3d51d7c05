#!/usr/bin/env bash
# Three instances of camel-onenet in one Kafka consumer group on this machine, with a Kafka broker (4.1.1, KRaft, from
# Maven Central through the kafka-test-broker module), the emulator carrying the 100 devices of
# examples/gateway/devices.yaml, and a feeder writing one reading per device per second to the topic.
# Ctrl+C stops everything. Logs in target/cluster-demo/. Nothing to install but a JDK 17+.
set -euo pipefail
cd "$(dirname "$0")/../.."

./mvnw -B -q package -DskipTests
CP=$(cat kafka-test-broker/target/kafka-broker.classpath)
WORK=target/cluster-demo
rm -rf "$WORK" && mkdir -p "$WORK"
PIDS=()
cleanup() {
  # instances first (each hands its partitions over and disconnects its devices), then the emulator and the broker
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

cat > "$WORK/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@127.0.0.1:19093
listeners=PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093
advertised.listeners=PLAINTEXT://127.0.0.1:19092
controller.listener.names=CONTROLLER
listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
log.dirs=$PWD/$WORK/kafka-data
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
java -cp "$CP" kafka.tools.StorageTool format -t "$(java -cp "$CP" kafka.tools.StorageTool random-uuid 2>/dev/null)" \
  -c "$WORK/server.properties" > "$WORK/kafka-format.log" 2>&1
java -Xmx512m -cp "$CP" kafka.Kafka "$WORK/server.properties" > "$WORK/kafka.log" 2>&1 &
PIDS=($! "${PIDS[@]}")
topics() { java -cp "$CP" org.apache.kafka.tools.TopicCommand --bootstrap-server 127.0.0.1:19092 "$@" 2>/dev/null; }
for _ in $(seq 60); do topics --list > /dev/null && break; sleep 1; done
topics --create --topic onenet-readings --partitions 12
topics --create --topic onenet-commands --partitions 3

# the emulator alone, accepting every device of the file, on its default port (tcp://127.0.0.1:6002)
ONENET_DEVICES_FILE=examples/gateway/devices.yaml java -jar target/camel-onenet.jar emulator > "$WORK/emulator.log" 2>&1 &
PIDS=($! "${PIDS[@]}")

for name in a b c; do
  port=$((19876 + $(printf '%d' "'$name") - 97))
  ONENET_DEVICES_FILE=examples/gateway/devices.yaml ONENET_EMULATOR_ENABLED=false \
  ONENET_DOWNLINK_DIR="$WORK/$name/commands" ONENET_DEAD_LETTER_DIR="$WORK/$name/dead-letter" \
  ONENET_BUFFER_DIR="$WORK/$name/buffer" \
  java -Donenet.cluster.kafka.bootstrap-servers=127.0.0.1:19092 -Donenet.cluster.instance-id="$name" \
    -Dcamel.management.port="$port" -jar target/camel-onenet.jar > "$WORK/$name.log" 2>&1 &
  PIDS=($! "${PIDS[@]}")
  echo "instance $name: log $WORK/$name.log, health http://127.0.0.1:$port/observe/health/ready"
done

# the feeder: one reading per device a second, keyed by device id (what a field collector would write)
echo "feeding readings; Ctrl+C stops everything"
ids=$(grep -o 'device-id: "[0-9]*"' examples/gateway/devices.yaml | grep -o '[0-9]*')
while true; do
  for id in $ids; do printf '%s\t{"temperature":%d}\n' "$id" $((RANDOM % 40)); done
  sleep 1
done | java -cp "$CP" org.apache.kafka.tools.ConsoleProducer --bootstrap-server 127.0.0.1:19092 \
  --topic onenet-readings --property parse.key=true 2> "$WORK/feeder.log"
