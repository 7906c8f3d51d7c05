package io.camelonenet.examples.main;

import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A meter that uploads its voltage to OneNET every few seconds and accepts commands: an application of its own with
 * a Java DSL route and the {@code onenet:} component of the camel-onenet library. Its settings are in
 * {@code application.properties}: the component's ({@code camel.component.onenet.*}) and its own ({@code meter.*}).
 */
public final class MeterGateway extends RouteBuilder {

    /**
     * The device, once: both routes name the same device and so share its one connection. Its broker, product and
     * secret are the component's options ({@code camel.component.onenet.*} in application.properties).
     */
    static final String DEVICE = "onenet:{{meter.device-id}}?bufferDir={{meter.buffer-dir}}";

    @Override
    public void configure() {
        from("timer:meter?period={{meter.period}}").routeId("meter-readings")
                .process(exchange -> exchange.getMessage().setBody(
                        Map.of("voltage", 220 + ThreadLocalRandom.current().nextInt(-5, 6))))
                .to(DEVICE);

        from(DEVICE).routeId("meter-commands")
                .log("Command ${header.OneNetCommandId}: ${bodyAs(String)}")
                .setHeader("OneNetReply", simple("accepted ${bodyAs(String)}"));
    }

    public static void main(String[] args) throws Exception {
        Main main = new Main();
        main.configure().addRoutesBuilder(new MeterGateway());
        main.run(args);
    }
}
