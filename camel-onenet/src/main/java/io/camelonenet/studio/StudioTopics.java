package io.camelonenet.studio;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The current platform's topics of one device, all under {@code $sys/{pid}/{device-name}/} (docs/protocol-notes.md, Current platform topics and limits).
 * Wildcards are allowed only from the fifth level on: {@code .../cmd/#} is fine, {@code $sys/{pid}/{dev}/#} is not.
 */
public final class StudioTopics {

    private static final Pattern COMMAND_REQUEST = Pattern.compile("\\$sys/([^/]+)/([^/]+)/cmd/request/(.+)");
    /** The platform's requests that wait for an answer: thing model (a device's, a sub-device's) and commands. */
    private static final Pattern THING_REQUEST = Pattern.compile(
            "\\$sys/[^/]+/[^/]+/thing/(sub/)?(property/(set|get)|service/[^/]+/invoke|service/invoke)");
    /** The thing model's requests time out after 5 s (docs/protocol-notes.md, OneJSON and Sub-devices). */
    static final Duration THING_ANSWER_TIMEOUT = Duration.ofSeconds(5);
    /**
     * A command's response is refused once the synchronous command API timed out, after 5 to 30 s as its caller chose
     * (docs/protocol-notes.md, Current platform topics and limits): the longest.
     */
    static final Duration COMMAND_ANSWER_TIMEOUT = Duration.ofSeconds(30);
    /**
     * For answers whose timeout no source documents (a gateway's topo/get/result and topo/change_reply): the longest
     * the platform is known to wait for an answer.
     */
    public static final Duration UNDOCUMENTED_ANSWER_TIMEOUT = COMMAND_ANSWER_TIMEOUT;

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

    /** A backlog of the device's own values: each property's series of timed values in one message. */
    public String historyPost() {
        return prefix + "thing/history/post";
    }

    public String historyPostReply() {
        return prefix + "thing/history/post/reply";
    }

    /** The values set on the platform for the device to apply (desired values), and their deletion once applied. */
    public String desiredGet() {
        return prefix + "thing/property/desired/get";
    }

    public String desiredGetReply() {
        return prefix + "thing/property/desired/get/reply";
    }

    public String desiredDelete() {
        return prefix + "thing/property/desired/delete";
    }

    public String desiredDeleteReply() {
        return prefix + "thing/property/desired/delete/reply";
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

    /** A thing-model request of the platform (property set or get, service invoke; a sub-device's too). */
    public static boolean isThingRequest(String topic) {
        return THING_REQUEST.matcher(topic).matches();
    }

    /**
     * How long the platform waits for the answer to a request that arrived on {@code topic}: 5 s for the thing model,
     * 30 s for a command; zero when it is no such request (the legacy endpoint's commands have no timeout).
     */
    public static Duration answerTimeout(String topic) {
        if (isThingRequest(topic)) {
            return THING_ANSWER_TIMEOUT;
        }
        return COMMAND_REQUEST.matcher(topic).matches() ? COMMAND_ANSWER_TIMEOUT : Duration.ZERO;
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
