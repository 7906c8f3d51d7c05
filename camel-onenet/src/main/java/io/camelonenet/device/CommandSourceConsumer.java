package io.camelonenet.device;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.ParsedSize;
import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.route.CommandAcceptor;
import io.camelonenet.route.DownlinkQueue;
import io.camelonenet.route.ThingModel;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.route.InvalidCommandException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.support.DefaultConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The command source: each command of the device becomes an exchange (body the command's bytes, headers
 * {@code OneNetCommandId}, {@code CamelMqttTopic}); when the route completes it, the reply goes out on the command's
 * reply topic: the {@code OneNetReply} header, else {@code ok}. On the current platform a thing-model request (property
 * set or get, service invoke) is taken as the app's thing-model route takes it ({@link ThingModel}): the body its
 * params (a get: the names asked for), header {@code OneNetThingRequest}; the route may leave the values to return
 * as a map in the body and set {@code OneNetReplyCode}; the answer goes out while the platform still waits (5 s).
 * A failed exchange is not answered (the platform then reports a time-out), and a request the acceptor refuses (too
 * large, bad topic, malformed) is logged and ignored. Requests are handed off Paho's thread to one worker, in order,
 * within the device's downlink bound (count and bytes, {@code onenet.downlink.queue.*}); past it a request is refused
 * at once, counted and logged once per interval, and a thing-model request answered 503.
 */
final class CommandSourceConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSourceConsumer.class);

    private final DeviceRuntime device;
    private final CommandAcceptor acceptor = new CommandAcceptor();
    private final ThingModel thingModel = new ThingModel();
    private final RepeatedWarning refusals = new RepeatedWarning(LOG);
    private final RepeatedWarning ignored = new RepeatedWarning(LOG);
    private ExecutorService worker;

    CommandSourceConsumer(OneNetDeviceEndpoint endpoint, Processor processor, DeviceRuntime device) {
        super(endpoint, processor);
        this.device = device;
        acceptor.setMaxBytes(device.settings().downlinkMaxBytes());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(device.downlink().maxCount()),
                runnable -> new Thread(runnable, "onenet-commands-" + device.settings().clientId()));
        device.commands(this::received);
    }

    @Override
    protected void doStop() throws Exception {
        device.commands(null);
        worker.shutdown();
        worker.awaitTermination(10, TimeUnit.SECONDS);
        super.doStop();
    }

    private void received(String topic, byte[] payload) {
        long receivedMillis = System.currentTimeMillis();
        InboundBudget.Ticket ticket = device.downlink().tryAdmit(ParsedSize.ofBytes(payload.length)
                + ParsedSize.ofString(topic.length()));
        try {
            if (ticket == null) {
                throw new RejectedExecutionException("the command queue is full (" + device.downlink() + ")");
            }
            worker.execute(() -> handle(topic, payload, receivedMillis, ticket));
        } catch (RejectedExecutionException full) {
            if (ticket != null) {
                ticket.release();
            }
            device.counters().commandRefused();
            refusals.warn(() -> "Refused " + LogText.of(topic) + ": " + full.getMessage() + "; not answered (a "
                    + "thing-model request: answered 503), so the platform may send it again");
            DownlinkQueue.answerBusy(device.connection(), topic, payload,
                    DownlinkQueue.answerDeadline(topic, receivedMillis));
        }
    }

    /** Runs the route for one command; its room in the queue is given back once it was answered (or not). */
    private void handle(String topic, byte[] payload, long receivedMillis, InboundBudget.Ticket ticket) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setHeader(OneNetHeaders.MQTT_TOPIC, topic);
        message.setBody(payload);
        DownlinkQueue.stampDeadline(message, topic, receivedMillis);
        try {
            // larger requests than the bound never got here: the connection refuses them before reading them
            if (StudioTopics.isThingRequest(topic)) {
                thingModel.accept(exchange);
            } else {
                acceptor.accept(exchange);
            }
        } catch (InvalidCommandException e) {
            // not a command the device can take: ignored and logged, as the app's routes do; "refused" counts only
            // what a full queue turned away (the platform may send it again), in every mode
            ignored.warn(() -> "Ignored a message of device " + device.settings().clientId() + ": "
                    + e.getMessage());
            releaseExchange(exchange, false);
            ticket.release();
            return;
        }
        device.counters().commandReceived();
        getAsyncProcessor().process(exchange, doneSync -> {
            try {
                reply(exchange);
            } finally {
                ticket.release();
            }
        });
    }

    private void reply(Exchange exchange) {
        try {
            Message message = exchange.getMessage();
            if (exchange.isFailed()) {
                getExceptionHandler().handleException(request(message) + " failed in the route; not answered",
                        exchange, exchange.getException());
                return;
            }
            if (message.getHeader(OneNetHeaders.THING_REQUEST) != null) {
                thingModel.reply(exchange);
            } else {
                Object reply = message.getHeader(OneNetHeaders.REPLY);
                message.setBody(reply == null ? "ok".getBytes(StandardCharsets.UTF_8)
                        : exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, reply));
                acceptor.checkReply(exchange);
            }
            byte[] body = message.getBody(byte[].class);
            String replyTopic = message.getHeader(OneNetHeaders.REPLY_TOPIC, String.class);
            Long deadline = message.getHeader(OneNetHeaders.ANSWER_DEADLINE, Long.class);
            // named now: the exchange is released before the answer is sent
            String request = request(message);
            Consumer<Throwable> sent = failure -> {
                if (failure == null) {
                    device.counters().commandAnswered();
                } else {
                    LOG.warn("Answer to {} not sent: {}", request, LogText.of(failure.getMessage()));
                }
            };
            if (deadline != null) {
                // the platform waits only so long: an answer the rate would send later is dropped, not sent
                device.connection().answerAsync(replyTopic, body, 1, deadline, sent);
            } else {
                device.connection().publishAsync(replyTopic, body, 1, false, sent);
            }
        } catch (Exception e) {
            LOG.warn("Answer to {} not sent: {}", request(exchange.getMessage()), LogText.of(e.getMessage()));
        } finally {
            releaseExchange(exchange, false);
        }
    }

    /** The request for a log line: its id came from the wire, so it is escaped. */
    private static String request(Message message) {
        Object thing = message.getHeader(OneNetHeaders.THING_REQUEST_ID);
        return thing != null ? "thing-model request " + LogText.of(thing.toString())
                : "command " + LogText.of(String.valueOf(message.getHeader(OneNetHeaders.COMMAND_ID)));
    }
}
