package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.inbound.LogText;
import io.camelonenet.studio.StudioTopics;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

/**
 * Checks a downlink command, of the legacy endpoint ({@code $creq/<cmduuid>}) or of the current platform
 * ({@code $sys/<pid>/<device>/cmd/request/<cmdid>}), and prepares its handling: the command's file name ({@code CamelFileName}, always a safe
 * name from {@link CommandFileNames}), the reply topic {@code $crsp/<cmduuid>} ({@link OneNetHeaders#REPLY_TOPIC}) and a
 * printable cmduuid for logs ({@link OneNetHeaders#COMMAND_ID}).
 *
 * <p>Refuses, with {@link InvalidCommandException}: a topic that is not {@code $creq/<cmduuid>}, an empty cmduuid,
 * one with MQTT wildcards or NUL (no reply could be published to it), an empty command and one over
 * {@link #setMaxBytes(int) maxBytes} (default 65536: OneNET's API refuses commands of 64 KB and more).
 */
public class CommandAcceptor {

    static final String COMMAND_PREFIX = "$creq/";
    static final String REPLY_PREFIX = "$crsp/";
    private static final int LOGGED_ID_CHARACTERS = 80;
    /** The current platform refuses command responses of 1 KB and more (err_code 99). */
    static final int STUDIO_REPLY_MAX_BYTES = 1023;

    private int maxBytes = 65536;

    public void setMaxBytes(int maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public int getMaxBytes() {
        return maxBytes;
    }

    public void accept(Exchange exchange) {
        Message message = exchange.getMessage();
        String topic = message.getHeader(OneNetHeaders.MQTT_TOPIC, String.class);
        if (topic == null) {
            throw new InvalidCommandException("message has no " + OneNetHeaders.MQTT_TOPIC + " header");
        }
        CommandTopic command = CommandTopic.of(topic);
        byte[] payload = message.getBody(byte[].class);
        if (payload == null || payload.length == 0) {
            throw new InvalidCommandException("command " + printable(command.id()) + " is empty");
        }
        if (payload.length > maxBytes) {
            throw new InvalidCommandException("command " + printable(command.id()) + " is " + payload.length
                    + " bytes, over the limit of " + maxBytes);
        }
        message.setBody(payload);
        String device = message.getHeader(OneNetHeaders.DEVICE_ID, String.class);
        if (device == null) {
            message.setHeader(Exchange.FILE_NAME, CommandFileNames.forCommandId(command.id()));
        } else {
            // a gateway's device: its own directory, named by its id made safe (never a path the message chose)
            String directory = CommandFileNames.forDeviceId(device);
            message.setHeader(OneNetHeaders.DEVICE_DIRECTORY, directory);
            message.setHeader(Exchange.FILE_NAME, directory + "/" + CommandFileNames.forCommandId(command.id()));
        }
        message.setHeader(OneNetHeaders.REPLY_TOPIC, command.replyTopic());
        message.setHeader(OneNetHeaders.REPLY_MAX_BYTES, command.replyLimit());
        message.setHeader(OneNetHeaders.COMMAND_ID, printable(command.id()));
        message.setHeader(OneNetHeaders.COMMAND_BYTES, payload.length);
    }

    /** A command's topic read: its id, where its answer goes and how large the answer may be. */
    private record CommandTopic(String id, String replyTopic, int replyLimit) {

        static CommandTopic of(String topic) {
            CommandTopic command;
            String studioCommand = StudioTopics.commandId(topic);
            if (topic.startsWith(COMMAND_PREFIX)) {
                String id = topic.substring(COMMAND_PREFIX.length());
                command = new CommandTopic(id, REPLY_PREFIX + id, Integer.MAX_VALUE);
            } else if (studioCommand != null) {
                command = new CommandTopic(studioCommand, StudioTopics.responseTopic(topic), STUDIO_REPLY_MAX_BYTES);
            } else {
                throw new InvalidCommandException("topic '" + printable(topic) + "' is not a command topic ("
                        + COMMAND_PREFIX + "<cmduuid> or $sys/<pid>/<device>/cmd/request/<cmdid>)");
            }
            if (command.id().isEmpty()) {
                throw new InvalidCommandException("command topic '" + printable(topic) + "' has an empty cmduuid");
            }
            String id = command.id();
            if (id.indexOf('+') >= 0 || id.indexOf('#') >= 0 || id.indexOf('\0') >= 0) {
                throw new InvalidCommandException("cmduuid '" + printable(id)
                        + "' contains an MQTT wildcard or NUL, so no reply can be published to it");
            }
            return command;
        }
    }

    /**
     * Refuses a reply the platform would refuse: the current platform takes command responses under 1 KB only, and a
     * response cannot be repeated, so it is checked here rather than sent and lost.
     */
    public void checkReply(Exchange exchange) {
        Message message = exchange.getMessage();
        Integer limit = message.getHeader(OneNetHeaders.REPLY_MAX_BYTES, Integer.class);
        byte[] reply = message.getBody(byte[].class);
        if (limit != null && reply != null && reply.length > limit) {
            throw new InvalidCommandException("reply to command " + message.getHeader(OneNetHeaders.COMMAND_ID)
                    + " is " + reply.length + " bytes; OneNET takes command responses under 1 KB (" + limit
                    + " bytes at most)");
        }
    }

    /** Keeps hostile ids from forging log lines or flooding the log. */
    private static String printable(String text) {
        return LogText.of(text, LOGGED_ID_CHARACTERS);
    }
}
