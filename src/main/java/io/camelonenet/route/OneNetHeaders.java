package io.camelonenet.route;

/** Headers the route beans set, for the YAML routes to read. */
public final class OneNetHeaders {

    /** Number of datapoints in the JSON the {@link DatapointJsonBuilder} produced. */
    public static final String DATAPOINT_COUNT = "OneNetDatapointCount";
    /** The command's cmduuid, made printable for logs (control characters replaced, long ids cut). */
    public static final String COMMAND_ID = "OneNetCommandId";
    /** Where the reply goes: {@code $crsp/<cmduuid>}. */
    public static final String REPLY_TOPIC = "OneNetReplyTopic";
    /** Size of the command payload in bytes. */
    public static final String COMMAND_BYTES = "OneNetCommandBytes";

    private OneNetHeaders() {
    }
}
