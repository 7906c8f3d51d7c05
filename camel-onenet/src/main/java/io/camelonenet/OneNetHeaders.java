package io.camelonenet;

import org.apache.camel.Exchange;
import org.apache.camel.spi.Metadata;

/**
 * Every message header the routes read or set, side by side. The YAML routes use the string values; Java code uses
 * these constants. Headers are grouped by the route step that sets them.
 */
public final class OneNetHeaders {

    // --- MQTT (set by camel-paho's consumer; read by the paho producer)

    /** The topic a message arrived on (camel-paho and camel-paho-mqtt5 both set it). */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "The topic the command arrived on")
    public static final String MQTT_TOPIC = "CamelMqttTopic";
    /** The topic a paho producer publishes to instead of its endpoint's: how one producer answers every command. */
    public static final String PAHO_OVERRIDE_TOPIC = "CamelPahoOverrideTopic";

    // --- Gateway (onenet.devices.file)

    /**
     * Which of a gateway's devices a reading is for (the uplink buffer keeps each device's order, the forwarder
     * publishes on that device's connection), or which device a command came from. Without it, the single device.
     */
    @Metadata(javaType = "String", applicableFor = {"onenet-publish", "onenet-buffer", "onenet-cluster",
                                                     "onenet-points"},
              description = "Which device of a gateway a message is for. onenet-publish: the device whose connection"
                      + " publishes it (required with the gateway option); onenet-buffer: the device whose order it"
                      + " keeps, set again by its consumer; onenet-cluster: set by the consumer from the Kafka key;"
                      + " onenet-points: the source's device (a sub-device as productId/deviceName), unset for the"
                      + " app's own")
    public static final String DEVICE_ID = "OneNetDeviceId";
    /** A gateway's command: its directory under onenet.downlink.dir, the device id made safe as a file name. */
    public static final String DEVICE_DIRECTORY = "OneNetDeviceDirectory";
    /** Current platform, a gateway's sub-device: its product id (with {@link #DEVICE_NAME}). */
    @Metadata(javaType = "String", applicableFor = "onenet-points",
              description = "A current-platform sub-device's product id, when the source is a sub-device's")
    public static final String PRODUCT_ID = "OneNetProductId";
    /** Current platform, a gateway's sub-device: its device name (with {@link #PRODUCT_ID}). */
    @Metadata(javaType = "String", applicableFor = "onenet-points",
              description = "A current-platform sub-device's device name, when the source is a sub-device's")
    public static final String DEVICE_NAME = "OneNetDeviceName";

    // --- Uplink

    /** The topic a message is published to: stored with it by {@code onenet-buffer}, read by {@code onenet-publish}. */
    @Metadata(javaType = "String", applicableFor = {"onenet-publish", "onenet-buffer"},
              description = "The topic to publish to, over the endpoint's. onenet-buffer stores it with the message,"
                      + " and its consumer sets it again")
    public static final String TOPIC = "OneNetTopic";
    /** Number of datapoints in the reading the route built (for logs). */
    public static final String DATAPOINT_COUNT = "OneNetDatapointCount";
    /**
     * When a reading was taken, epoch milliseconds (a field source's poll): the time of its datapoints or properties,
     * over the time the exchange was created.
     */
    @Metadata(javaType = "Long", applicableFor = {"onenet", "onenet-points"},
              description = "When the reading was taken, epoch milliseconds: its values carry this time. Set by"
                      + " onenet-points to the time of the poll")
    public static final String READING_TIME = "OneNetReadingTime";
    /** The points file's source a reading came from. */
    @Metadata(javaType = "String", applicableFor = "onenet-points",
              description = "The name of the points file's source the reading came from")
    public static final String FIELD_SOURCE = "OneNetFieldSource";
    /** Current platform: the id of a post, to match the platform's answer to it. */
    public static final String REQUEST_ID = "OneNetRequestId";

    // --- The onenet-dp data format (which $dp type, and the parts a type needs beside the body)

    /** The {@code $dp} type (1-7) of this message, over the data format's own; set on unmarshal. */
    public static final String DP_TYPE = "OneNetDpType";
    /** Type 2: the datastream id of the binary body. */
    public static final String DP_STREAM = "OneNetDpStream";
    /** Type 2: the {@code desc} of the binary (a string or a map). */
    public static final String DP_DESCRIPTION = "OneNetDpDescription";
    /** Type 2: the length of an input stream body, so it is read straight into the frame. */
    public static final String DP_BINARY_LENGTH = "OneNetDpBinaryLength";
    /** The time of the values (types 1, 4, 6, 7 for map bodies; type 2): an Instant, epoch millis or a time string. */
    public static final String DP_TIME = "OneNetDpTime";

    // --- Downlink: commands

    /** The command's id (legacy cmduuid, current platform cmdid), made printable for logs. */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "The command's id (legacy cmduuid, current platform cmdid), made printable")
    public static final String COMMAND_ID = "OneNetCommandId";
    /** Size of the command payload in bytes. */
    @Metadata(label = "consumer", javaType = "Integer", applicableFor = "onenet",
              description = "The size of the command in bytes")
    public static final String COMMAND_BYTES = "OneNetCommandBytes";
    /** Where the reply goes: {@code $crsp/<cmduuid>}, {@code .../cmd/response/<cmdid>}, or a thing model's {@code _reply}. */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "Where the reply goes: $crsp/<cmduuid>, or the current platform's cmd/response topic")
    public static final String REPLY_TOPIC = "OneNetReplyTopic";
    /** {@code onenet:} consumer: the reply to the command, set by the route (default {@code ok}). */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "Set by the route: the reply to the command, sent when the exchange completes; ok when"
                      + " not set")
    public static final String REPLY = "OneNetReply";
    /** The largest reply the platform takes for this command, in bytes (current platform: under 1 KB). */
    @Metadata(label = "consumer", javaType = "Integer", applicableFor = "onenet",
              description = "The largest reply the platform takes for this command, in bytes")
    public static final String REPLY_MAX_BYTES = "OneNetReplyMaxBytes";
    /**
     * When the platform stops waiting for the answer to this request (epoch millis; set as it arrives, from the
     * platform's timeout for its kind): {@code onenet-publish} sends an answer carrying it only before then, or fails
     * it with {@code AnswerExpiredException}, nothing sent.
     */
    @Metadata(label = "producer", javaType = "Long", applicableFor = "onenet-publish",
              description = "When the platform stops waiting for this answer (epoch millis): it is sent only before"
                      + " then, else it fails with AnswerExpiredException, nothing sent")
    public static final String ANSWER_DEADLINE = "OneNetAnswerDeadline";

    // --- Downlink: OneJSON thing model (current platform)

    /** {@code set}, {@code get} or {@code invoke}. */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "Current platform: the thing-model request, set, get or invoke (absent for a command)")
    public static final String THING_REQUEST = "OneNetThingRequest";
    /** The service identifier of an invoke. */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "The service identifier of an invoke")
    public static final String SERVICE = "OneNetService";
    /** The request's id, repeated in the reply. */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "The thing-model request's id, repeated in the answer")
    public static final String THING_REQUEST_ID = "OneNetThingRequestId";
    /** The properties a get asks for. */
    @Metadata(label = "consumer", javaType = "java.util.List<String>", applicableFor = "onenet",
              description = "The properties a get asks for (also the body); the answer carries only these")
    public static final String REQUESTED_PROPERTIES = "OneNetRequestedProperties";
    /** Set by the route to answer with another code than 200 (success). */
    @Metadata(label = "consumer", javaType = "Integer", applicableFor = "onenet",
              description = "Set by the route: the thing-model answer's code, 200 (success) when not set")
    public static final String REPLY_CODE = "OneNetReplyCode";
    /** Set by the route to answer with another message than {@code success}. */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "Set by the route: the thing-model answer's message, success when not set")
    public static final String REPLY_MESSAGE = "OneNetReplyMessage";
    /** The version a firmware package upgrades to, on {@code direct:onenet-firmware}. */
    public static final String FIRMWARE_VERSION = "OneNetFirmwareVersion";
    /** The version the device runs before the upgrade, on {@code direct:onenet-firmware}. */
    public static final String FIRMWARE_FROM_VERSION = "OneNetFirmwareFromVersion";
    /**
     * Set by the firmware route to report a failure's step (202 to 207: low battery, out of memory, wrong version,
     * MD5 mismatch, unknown, retries exhausted); unset, its success reports 201.
     */
    public static final String FIRMWARE_STEP = "OneNetFirmwareStep";
    /**
     * A current-platform gateway's event: set on {@code direct:onenet-reading} with the sub-device's headers, the body
     * being the event's value (a map of its outputs), to send the event identified so instead of a reading; it is
     * stored and batched (pack/post, history/post) as readings are.
     */
    public static final String EVENT = "OneNetEvent";
    /**
     * On a property set that applies a desired value after a login ({@code direct:onenet-property-set}), the value's
     * version; absent when the platform sent the set.
     */
    public static final String DESIRED_VERSION = "OneNetDesiredVersion";
    /** Where an event post is published (the route sets it as {@link #PAHO_OVERRIDE_TOPIC}). */
    public static final String PUBLISH_TOPIC = "OneNetPublishTopic";

    /** Camel's file name, as the {@code onenet:} consumer sets it: made from the command id, safe as a file name. */
    @Metadata(label = "consumer", javaType = "String", applicableFor = "onenet",
              description = "A file name made from the command id, safe for a file endpoint: the message never"
                      + " chooses a path")
    public static final String FILE_NAME = Exchange.FILE_NAME;

    private OneNetHeaders() {
    }
}
