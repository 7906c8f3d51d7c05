package io.camelonenet.device;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.inbound.LogText;
import io.camelonenet.connection.PublishRefusedException;
import io.camelonenet.route.StudioDatapoints;
import io.camelonenet.studio.PlatformRejectedException;
import org.apache.camel.AsyncCallback;
import org.apache.camel.Exchange;
import org.apache.camel.support.AsyncProcessorSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * What the app's forwarder route does, for one {@code onenet:} device: publish each buffered message on the device's
 * connection at QoS 1 and complete after the PUBACK (on the current platform, after the platform's answer too). A
 * message the platform refuses is a dead letter: logged, kept where the device's dead letters go ({@code
 * deadLetterUri}, else the dead-letter files) and removed, since sending it again cannot succeed. Any
 * other failure (offline, no answer) fails the exchange, and the buffer sends it again later.
 */
final class Forwarder extends AsyncProcessorSupport {

    private static final Logger LOG = LoggerFactory.getLogger("io.camelonenet.dead-letter");

    private final DeviceRuntime device;

    Forwarder(DeviceRuntime device) {
        this.device = device;
    }

    @Override
    public boolean process(Exchange exchange, AsyncCallback callback) {
        StudioDatapoints studio = device.studioDatapoints();
        String topic = exchange.getMessage().getHeader(OneNetHeaders.TOPIC, device.uplinkTopic(), String.class);
        byte[] payload = exchange.getMessage().getBody(byte[].class);
        try {
            if (studio != null) {
                studio.expect(exchange);
            }
            device.connection().publishAsync(topic, payload, 1, false, failure -> {
                // on the connection's completion thread, which may block for the platform's answer
                try {
                    if (failure != null) {
                        throw failure;
                    }
                    if (studio != null) {
                        studio.confirm(exchange);
                    }
                    device.counters().published();
                } catch (Throwable e) {
                    fail(exchange, topic, payload, e);
                }
                callback.done(false);
            });
            return false;
        } catch (Exception e) {
            fail(exchange, topic, payload, e);
            callback.done(true);
            return true;
        }
    }

    private void fail(Exchange exchange, String topic, byte[] payload, Throwable e) {
        if (e instanceof PlatformRejectedException || e instanceof PublishRefusedException) {
            String deviceId = device.settings().clientId();
            LOG.error("Device {}: {} refused, removed from the buffer: {}; kept in {}", deviceId, LogText.of(topic),
                    LogText.of(e.getMessage()), device.deadLetters().target());
            device.deadLetters().send(payload, Map.of(OneNetHeaders.TOPIC, topic, OneNetHeaders.DEVICE_ID, deviceId),
                    (Exception) e, "Device " + deviceId + ": " + topic);
            return;
        }
        exchange.setException(e);
    }
}
