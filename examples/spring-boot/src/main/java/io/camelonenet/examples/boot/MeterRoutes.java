package io.camelonenet.examples.boot;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The meter's readings to OneNET and its commands from there, through the {@code onenet:} component; the placeholders
 * are keys of application.yml (camel-spring-boot resolves them from Spring's environment).
 */
@Component
public class MeterRoutes extends RouteBuilder {

    /** Broker, product and secret are the component's options: camel.component.onenet.* in application.yml. */
    static final String DEVICE = "onenet:{{meter.device-id}}?bufferDir={{meter.buffer-dir}}";

    @Override
    public void configure() {
        from("timer:meter?period={{meter.period}}").routeId("meter-readings")
                .process(exchange -> exchange.getMessage().setBody(
                        Map.of("current", 5 + ThreadLocalRandom.current().nextInt(0, 3))))
                .to(DEVICE);

        from(DEVICE).routeId("meter-commands")
                .log("Command ${header.OneNetCommandId}: ${bodyAs(String)}")
                .setHeader("OneNetReply", simple("boot accepted ${bodyAs(String)}"));
    }
}
