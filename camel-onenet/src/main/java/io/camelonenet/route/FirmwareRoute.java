package io.camelonenet.route;

import io.camelonenet.OneNetHeaders;
import io.camelonenet.inbound.LogText;
import io.camelonenet.ota.FirmwareHandOff;
import io.camelonenet.ota.OtaSteps;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;

/**
 * Hands a verified firmware package to the route that applies it ({@code direct:onenet-firmware}): the body is the
 * package's file, {@value OneNetHeaders#DEVICE_ID} the device ({@code productId/deviceName} for a sub-device),
 * {@value OneNetHeaders#FIRMWARE_VERSION} the version it upgrades to. The route's success is step 201; a failure is
 * the step it set in {@value OneNetHeaders#FIRMWARE_STEP} (202 to 207), else 206 (unknown).
 */
public final class FirmwareRoute implements FirmwareHandOff {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareRoute.class);

    private final ProducerTemplate template;
    private final String uri;

    public FirmwareRoute(ProducerTemplate template, String uri) {
        this.template = template;
        this.uri = uri;
    }

    @Override
    public int apply(String device, String version, String target, Path file) {
        Exchange result = template.request(uri, exchange -> {
            exchange.getMessage().setBody(file.toFile());
            exchange.getMessage().setHeader(OneNetHeaders.DEVICE_ID, device);
            exchange.getMessage().setHeader(OneNetHeaders.FIRMWARE_VERSION, target);
            exchange.getMessage().setHeader(OneNetHeaders.FIRMWARE_FROM_VERSION, version);
        });
        Integer step = result.getMessage().getHeader(OneNetHeaders.FIRMWARE_STEP, Integer.class);
        if (result.getException() != null) {
            LOG.warn("Firmware {} of {}: the route failed: {}", LogText.of(target), LogText.of(device),
                    LogText.of(result.getException().getMessage()));
            return step != null && OtaSteps.upgradeFailure(step) ? step : OtaSteps.UPGRADE_UNKNOWN;
        }
        return step == null ? OtaSteps.UPGRADED : step;
    }
}
