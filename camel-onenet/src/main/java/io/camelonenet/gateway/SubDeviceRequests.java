package io.camelonenet.gateway;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.connection.AnswerExpiredException;
import io.camelonenet.connection.DeviceConnection;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.ParsedSize;
import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.route.DownlinkQueue;
import io.camelonenet.studio.StudioTopics;
import io.camelonenet.studio.SubDevice;
import io.camelonenet.studio.SubDeviceMessages;
import io.camelonenet.studio.SubDeviceRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;

/**
 * The platform's requests for a gateway's sub-devices (property set and get, service invoke): each handed to the
 * downlink route within the downlink queue's bound (counting the parsed request), or answered at once: 404 for a
 * sub-device not in the devices file, 503 when the queue is full. Every answer the gateway gives goes out only while
 * the platform still waits for it, queued on the connection's answers: this runs on the MQTT client's thread.
 */
final class SubDeviceRequests {

    private static final Logger LOG = LoggerFactory.getLogger(SubDeviceRequests.class);

    private final DeviceConnection connection;
    private final DownlinkHandOff commands;
    private final Predicate<SubDevice> listed;
    private final RepeatedWarning unknownSubDevices = new RepeatedWarning(LOG);

    /** @param listed whether the devices file lists the sub-device now */
    SubDeviceRequests(DeviceConnection connection, DownlinkHandOff commands, Predicate<SubDevice> listed) {
        this.connection = connection;
        this.commands = commands;
        this.listed = listed;
    }

    void request(SubDeviceRequest request, long receivedMillis) {
        long deadline = receivedMillis + StudioTopics.answerTimeout(topicOf(request)).toMillis();
        if (!listed.test(request.device())) {
            unknownSubDevices.warn(() -> "Gateway " + connection.settings().clientId() + ": " + request.kind()
                    + " for " + request.device() + ", which is not in the devices file; answered 404");
            answer(request.replyTopic(), SubDeviceMessages.answer(request, 404, "no such sub-device on this gateway",
                    null), deadline);
            return;
        }
        String key = request.device().key();
        long size = ParsedSize.of(request.values()) + ParsedSize.of(request.names());
        boolean queued = commands.send(key, size, request.kind() + " " + request.id() + " for " + request.device(),
                message -> {
                    message.setBody(request.kind().equals("get") ? request.names() : request.values());
                    message.setHeader(OneNetHeaders.PRODUCT_ID, request.device().productId());
                    message.setHeader(OneNetHeaders.DEVICE_NAME, request.device().deviceName());
                    message.setHeader(OneNetHeaders.DEVICE_ID, key);
                    message.setHeader(OneNetHeaders.THING_REQUEST, request.kind());
                    message.setHeader(OneNetHeaders.THING_REQUEST_ID, request.id());
                    message.setHeader(OneNetHeaders.SERVICE, request.identifier());
                    message.setHeader(OneNetHeaders.REPLY_TOPIC, request.replyTopic());
                    message.setHeader(OneNetHeaders.ANSWER_DEADLINE, deadline);
                    message.setHeader(SubDeviceAnswers.REQUEST, request);
                });
        if (!queued) {
            answer(request.replyTopic(), SubDeviceMessages.answer(request, DownlinkQueue.BUSY,
                    "busy: the gateway's request queue is full", null), deadline);
        }
    }

    /** The request topic a sub-device request's answer topic answers ({@code .../set_reply} of {@code .../set}). */
    private static String topicOf(SubDeviceRequest request) {
        return request.replyTopic().substring(0, request.replyTopic().length() - "_reply".length());
    }

    /** Queued on the connection's answers, never waiting here: this runs on the MQTT client's thread. */
    void answer(String topic, byte[] payload, long deadlineMillis) {
        connection.answerAsync(topic, payload, 1, deadlineMillis, failure -> {
            if (failure != null && !(failure instanceof AnswerExpiredException)) {
                LOG.debug("Answer on {} not sent: {}", LogText.of(topic), failure.getMessage());
            }
        });
    }
}
