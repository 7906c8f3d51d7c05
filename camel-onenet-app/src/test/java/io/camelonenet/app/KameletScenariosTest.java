package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelContext;
import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;

/** The scenarios through the two Kamelets in a YAML route file, loaded by a plain camel-main. */
class KameletScenariosTest extends EntryPointScenarios {

    private Main main;

    @Override
    AutoCloseable start(OneNetEmulator onenet, Path workDir, Path commands) throws Exception {
        String parameters = """
                        protocol: "studio"
                        brokerUrl: "%s"
                        productId: "%s"
                        device: "%s"
                        deviceKey: "RAW(%s)"
                        bufferDir: "%s"
                        uplinkKind: "properties"
                """.formatted(onenet.brokerUrl(), PRODUCT, DEVICE, KEY, workDir.resolve("buffer"));
        Path routes = workDir.resolve("scenario-routes.camel.yaml");
        Files.writeString(routes, """
                - route:
                    id: readings
                    from:
                      uri: "timer:readings"
                      parameters:
                        period: 200
                      steps:
                        - setBody:
                            constant: '{"temperature": 21.5}'
                        - to:
                            uri: "kamelet:onenet-datapoint-sink"
                            parameters:
                %s
                - route:
                    id: downlink
                    from:
                      uri: "kamelet:onenet-command-source"
                      parameters:
                %s
                      steps:
                        - choice:
                            when:
                              - simple: "${header.OneNetThingRequest} == 'get'"
                                steps:
                                  - setBody:
                                      constant: '{"temperature": 21.5}'
                                  - unmarshal:
                                      json: {}
                              - simple: "${header.OneNetThingRequest} != null"
                                steps:
                                  - log: "Thing model ${header.OneNetThingRequest}: ${body}"
                            otherwise:
                              steps:
                                - to: "file:%s"
                """.formatted(indent(parameters, 14), indent(parameters, 8), commands));
        main = new Main();
        main.setPropertyPlaceholderLocations("file:" + workDir.resolve("application.properties") + ";optional=true");
        main.configure().withRoutesIncludePattern("file:" + routes);
        main.start();
        return main::stop;
    }

    private static String indent(String lines, int spaces) {
        return lines.stripIndent().lines().map(line -> " ".repeat(spaces) + line)
                .reduce((a, b) -> a + "\n" + b).orElse("");
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
