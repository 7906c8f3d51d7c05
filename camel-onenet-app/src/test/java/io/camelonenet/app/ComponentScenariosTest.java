package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.main.Main;

import java.nio.file.Path;
import java.util.Map;

/** The scenarios through the {@code onenet:} component in Java DSL routes of a plain camel-main. */
class ComponentScenariosTest extends EntryPointScenarios {

    private Main main;

    @Override
    AutoCloseable start(OneNetEmulator onenet, Path workDir, Path commands) throws Exception {
        main = new Main();
        main.setPropertyPlaceholderLocations("file:" + workDir.resolve("application.properties") + ";optional=true");
        String device = "onenet:" + DEVICE + "?protocol=studio&uplinkKind=properties&productId=" + PRODUCT
                + "&brokerUrl=" + onenet.brokerUrl() + "&deviceKey=RAW(" + KEY + ")&bufferDir="
                + workDir.resolve("buffer") + "&deadLetterDir=" + workDir.resolve("dead-letter");
        main.configure().addRoutesBuilder(new RouteBuilder() {
            @Override
            public void configure() {
                from("timer:readings?period=200").routeId("readings")
                        .setBody(constant(Map.of("temperature", 21.5)))
                        .to(device);
                from(device).routeId("downlink")
                        .choice()
                            .when(header("OneNetThingRequest").isEqualTo("get"))
                                .setBody(constant(Map.of("temperature", 21.5)))
                            .when(header("OneNetThingRequest").isNotNull())
                                .log("Thing model ${header.OneNetThingRequest}: ${body}")
                            .otherwise()
                                .to("file:" + commands);
            }
        });
        main.start();
        return main::stop;
    }

    @Override
    CamelContext context() {
        return main.getCamelContext();
    }

    @Override
    String readinessCheck() {
        return "onenet-device-" + DEVICE;
    }
}
