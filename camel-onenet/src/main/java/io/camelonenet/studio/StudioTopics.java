package io.camelonenet.studio;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The current platform's topics of one device, all under {@code $sys/{pid}/{device-name}/} (onenet-protocol.md §4, §6).
 * Wildcards are allowed only from the fifth level on: {@code .../cmd/#} is fine, {@code $sys/{pid}/{dev}/#} is not.
 */
public final class StudioTopics {

    private static final Pattern COMMAND_REQUEST = Pattern.compile("\\$sys/([^/]+)/([^/]+)/cmd/request/(.+)");

    private final String prefix;

    public StudioTopics(String productId, String deviceName) {
        this.prefix = "$sys/" + productId + "/" + deviceName + "/";
    }

    /** Datapoints up: {@code {"id":n,"dp":{...}}}. */
    public String datapointPost() {
        return prefix + "dp/post/json";
    }

    /** The platform's {@code /accepted} and {@code /rejected} answers to datapoint posts. */
    public String datapointReplies() {
        return prefix + "dp/post/json/+";
    }

    /** Commands down ({@code cmd/request/{cmdid}}) and the answers to our responses ({@code cmd/response/.../accepted}). */
    public String commands() {
        return prefix + "cmd/#";
    }

    /** OneJSON thing model (Studio): properties up, and the platform's answer. */
    public String propertyPost() {
        return prefix + "thing/property/post";
    }

    public String propertyPostReply() {
        return prefix + "thing/property/post/reply";
    }

    /** The platform sets properties; the device answers on {@code set_reply} (note: {@code _reply}, not /reply). */
    public String propertySet() {
        return prefix + "thing/property/set";
    }

    public String propertyGet() {
        return prefix + "thing/property/get";
    }

    public String serviceInvokes() {
        return prefix + "thing/service/+/invoke";
    }

    public String eventPost() {
        return prefix + "thing/event/post";
    }

    public String eventPostReply() {
        return prefix + "thing/event/post/reply";
    }

    /**
     * The topic a device answers a platform request on: {@code set} → {@code set_reply}, {@code get} →
     * {@code get_reply}, {@code .../invoke} → {@code .../invoke_reply}.
     */
    public static String thingReplyTopic(String requestTopic) {
        return requestTopic + "_reply";
    }

    public String commandResponse(String commandId) {
        return prefix + "cmd/response/" + commandId;
    }

    /** The cmdid of a command request topic, or {@code null} when the topic is not one. */
    public static String commandId(String topic) {
        Matcher matcher = COMMAND_REQUEST.matcher(topic);
        return matcher.matches() ? matcher.group(3) : null;
    }

    /** The response topic that answers a command request topic. */
    public static String responseTopic(String requestTopic) {
        Matcher matcher = COMMAND_REQUEST.matcher(requestTopic);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(requestTopic + " is not a command request topic");
        }
        return "$sys/" + matcher.group(1) + "/" + matcher.group(2) + "/cmd/response/" + matcher.group(3);
    }
}
