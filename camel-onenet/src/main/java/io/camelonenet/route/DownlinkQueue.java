package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.ParsedSize;
import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.ThingMessages;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.support.SynchronizationAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * The bound of what the platform pushes while it waits for a worker: the first step of a downlink route, on the
 * thread that received the message (the MQTT client's), and the gateways' hand-off to their downlink route. A request
 * is admitted within an {@link InboundBudget} (count and bytes, {@code onenet.downlink.queue.*}) and gives its room
 * back when its exchange completes; past the bound it is refused at once: counted, logged once per interval, answered
 * where the protocol has an answer (a thing-model request: code 503, if the platform still waits for it), and its
 * exchange stops there. The receiving thread never waits, so the uplink's acknowledgements, read by the same client,
 * keep flowing through a burst. It also stamps when the platform stops waiting for the answer
 * ({@value OneNetHeaders#ANSWER_DEADLINE}), so that an answer that could only go out later is dropped, not sent.
 */
public class DownlinkQueue {

    /** What an exchange and its headers hold beside the payload; a command of a few bytes still costs this much. */
    public static final int EXCHANGE_BYTES = 2048;
    /** The thing model's answer to a request refused because the queue is full. */
    public static final int BUSY = 503;

    private static final Logger LOG = LoggerFactory.getLogger(DownlinkQueue.class);

    private final InboundBudget budget;
    private final DeviceConnection answers;
    private final Consumer<String> refusedCounter;
    private final RepeatedWarning refusals = new RepeatedWarning(LOG);

    /**
     * @param answers        where a refused thing-model request is answered (the device's connection); {@code null}
     *                       on the legacy endpoint, whose commands have no refusal
     * @param refusedCounter counts a refused request of a device: the gateway's device id, or {@code null} for the
     *                       single device
     */
    public DownlinkQueue(InboundBudget budget, DeviceConnection answers, Consumer<String> refusedCounter) {
        this.budget = budget;
        this.answers = answers;
        this.refusedCounter = refusedCounter;
    }

    public InboundBudget budget() {
        return budget;
    }

    /** The route's first step: admits the message or refuses it, as the class says. */
    public void admit(Exchange exchange) {
        Message message = exchange.getMessage();
        String topic = message.getHeader(OneNetHeaders.MQTT_TOPIC, "", String.class);
        stampDeadline(message, topic, System.currentTimeMillis());
        byte[] payload = message.getBody(byte[].class);
        int length = payload == null ? 0 : payload.length;
        InboundBudget.Ticket ticket = budget.tryAdmit(ParsedSize.ofBytes(length) + EXCHANGE_BYTES);
        if (ticket == null) {
            refuse(message.getHeader(OneNetHeaders.DEVICE_ID, String.class),
                    "a message on " + LogText.of(topic) + " (" + length + " bytes)");
            answerBusy(answers, topic, payload, message.getHeader(OneNetHeaders.ANSWER_DEADLINE, Long.class));
            exchange.setRouteStop(true);
            return;
        }
        releaseWhenDone(exchange, ticket);
    }

    /**
     * Counts and logs (once per interval) a request refused because the queue is full; for code that admits with
     * {@link #budget()} itself (a gateway, which knows the request's parsed size).
     */
    public void refuse(String deviceId, String what) {
        refusedCounter.accept(deviceId);
        refusals.warn(() -> "Refused " + what + ": the downlink queue is full (" + budget + "; "
                + "onenet.downlink.queue.max-bytes, onenet.downlink.queue.max-count)");
    }

    /** Gives the ticket's room back when the exchange (or the copy a seda queue hands on) completes. */
    public static void releaseWhenDone(Exchange exchange, InboundBudget.Ticket ticket) {
        exchange.getExchangeExtension().addOnCompletion(new SynchronizationAdapter() {
            @Override
            public void onDone(Exchange done) {
                ticket.release();
            }
        });
    }

    /** Sets {@value OneNetHeaders#ANSWER_DEADLINE} for a request the platform waits for only so long. */
    public static void stampDeadline(Message message, String topic, long receivedMillis) {
        Long deadline = answerDeadline(topic, receivedMillis);
        if (deadline != null) {
            message.setHeader(OneNetHeaders.ANSWER_DEADLINE, deadline);
        }
    }

    /** When the platform stops waiting for the answer to a request on {@code topic} (epoch millis); null: never. */
    public static Long answerDeadline(String topic, long receivedMillis) {
        Duration timeout = StudioTopics.answerTimeout(topic);
        return timeout.isZero() ? null : receivedMillis + timeout.toMillis();
    }

    /**
     * A refused thing-model request is answered 503 at once (without waiting: this is the MQTT client's thread); any
     * other message has no answer to give.
     */
    public static void answerBusy(DeviceConnection answers, String topic, byte[] payload, Long deadline) {
        if (answers == null || deadline == null || payload == null || !StudioTopics.isThingRequest(topic)) {
            return;
        }
        String id = ThingMessages.requestId(payload);
        if (id == null) {
            return;
        }
        answers.answerAsync(StudioTopics.thingReplyTopic(topic), ThingMessages.reply(id, null, BUSY,
                "busy: the device's request queue is full", null, null), 1, deadline, failure -> { });
    }
}
