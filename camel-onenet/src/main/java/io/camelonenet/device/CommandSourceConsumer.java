package io.camelonenet.device;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.inbound.InboundBudget;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.ParsedSize;
import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.route.CommandAcceptor;
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

/**
 * The command source: each command of the device becomes an exchange (body the command's bytes, headers
 * {@code OneNetCommandId}, {@code CamelMqttTopic}); when the route completes it, the reply goes out on the command's
 * reply topic: the {@code OneNetReply} header, else {@code ok}. A failed exchange is not answered (the platform then
 * reports the command as timed out), and a command the acceptor refuses (too large, bad topic) is counted and logged.
 * Commands are handed off Paho's thread to one worker, in order, within the device's downlink bound (count and bytes,
 * {@code onenet.downlink.queue.*}); past it a command is refused at once, counted and logged once per interval.
 */
final class CommandSourceConsumer extends DefaultConsumer {

    private static final Logger LOG = LoggerFactory.getLogger(CommandSourceConsumer.class);

    private final DeviceRuntime device;
    private final CommandAcceptor acceptor = new CommandAcceptor();
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
        InboundBudget.Ticket ticket = device.downlink().tryAdmit(ParsedSize.ofBytes(payload.length)
                + ParsedSize.ofString(topic.length()));
        try {
            if (ticket == null) {
                throw new RejectedExecutionException("the command queue is full (" + device.downlink() + ")");
            }
            worker.execute(() -> handle(topic, payload, ticket));
        } catch (RejectedExecutionException full) {
            if (ticket != null) {
                ticket.release();
            }
            device.counters().commandRefused();
            refusals.warn(() -> "Refused " + LogText.of(topic) + ": " + full.getMessage() + "; not answered, so the "
                    + "platform may send it again");
        }
    }

    /** Runs the route for one command; its room in the queue is given back once it was answered (or not). */
    private void handle(String topic, byte[] payload, InboundBudget.Ticket ticket) {
        Exchange exchange = createExchange(false);
        Message message = exchange.getMessage();
        message.setHeader(OneNetHeaders.MQTT_TOPIC, topic);
        message.setBody(payload);
        try {
            acceptor.accept(exchange);
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
                getExceptionHandler().handleException("Command " + message.getHeader(OneNetHeaders.COMMAND_ID)
                        + " failed in the route; not answered", exchange, exchange.getException());
                return;
            }
            Object reply = message.getHeader(OneNetHeaders.REPLY);
            byte[] body = reply == null ? "ok".getBytes(StandardCharsets.UTF_8)
                    : exchange.getContext().getTypeConverter().mandatoryConvertTo(byte[].class, exchange, reply);
            message.setBody(body);
            acceptor.checkReply(exchange);
            String replyTopic = message.getHeader(OneNetHeaders.REPLY_TOPIC, String.class);
            device.connection().publishAsync(replyTopic, body, 1, false, failure -> {
                if (failure == null) {
                    device.counters().commandAnswered();
                } else {
                    LOG.warn("Reply to command {} not sent: {}", message.getHeader(OneNetHeaders.COMMAND_ID),
                            failure.getMessage());
                }
            });
        } catch (Exception e) {
            LOG.warn("Reply to command {} not sent: {}", exchange.getMessage().getHeader(OneNetHeaders.COMMAND_ID),
                    e.getMessage());
        } finally {
            releaseExchange(exchange, false);
        }
    }
}
