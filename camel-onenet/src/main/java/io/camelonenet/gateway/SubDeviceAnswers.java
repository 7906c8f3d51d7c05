package io.camelonenet.gateway;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.studio.SubDeviceMessages;
import io.camelonenet.studio.SubDeviceRequest;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import java.util.Map;

/**
 * The downlink route's answer to a platform request for a sub-device: the body becomes the answer of
 * {@code .../set_reply}, {@code get_reply} or {@code invoke_reply}, with the route's code ({@code OneNetReplyCode},
 * default 200) and message ({@code OneNetReplyMessage}); a get answers the values asked for, an invoke repeats the
 * sub-device and the service and carries the body as its {@code output}. Sets {@code OneNetTopic} to the reply topic.
 */
public class SubDeviceAnswers {

    /** The parsed request, set by the gateway on the exchange it hands to the route. */
    public static final String REQUEST = "OneNetSubDeviceRequest";

    public byte[] answer(Exchange exchange) {
        Message message = exchange.getMessage();
        SubDeviceRequest request = message.getHeader(REQUEST, SubDeviceRequest.class);
        if (request == null) {
            throw new IllegalArgumentException("not a sub-device request: no " + REQUEST + " header");
        }
        int code = message.getHeader(OneNetHeaders.REPLY_CODE, 200, Integer.class);
        String text = message.getHeader(OneNetHeaders.REPLY_MESSAGE, code == 200 ? "success" : "failed", String.class);
        Object body = message.getBody();
        Map<?, ?> data = body instanceof Map<?, ?> map ? map : null;
        message.setHeader(OneNetHeaders.TOPIC, request.replyTopic());
        return SubDeviceMessages.answer(request, code, text, data);
    }
}
