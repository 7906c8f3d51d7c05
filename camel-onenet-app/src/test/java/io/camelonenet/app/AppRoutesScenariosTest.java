package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.util.Map;

/** The scenarios through the app's bundled YAML routes of the current platform. */
class AppRoutesScenariosTest extends EntryPointScenarios {

    private RunningApp app;

    @Override
    AutoCloseable start(OneNetEmulator onenet, Path workDir, Path commands) throws Exception {
        Map<String, String> properties = RunningApp.properties(onenet, workDir);
        properties.put("onenet.protocol", "studio");
        properties.put("onenet.uplink.kind", "properties");
        properties.put("onenet.product-id", PRODUCT);
        properties.put("onenet.device-name", DEVICE);
        properties.put("onenet.device-key", KEY);
        properties.put("onenet.downlink.dir", commands.toString());
        properties.put("camel.main.routes-include-pattern",
                "file:routes/common/*.camel.yaml,file:routes/studio/*.camel.yaml");
        app = RunningApp.start(properties, context -> { });
        return app;
    }

    @Override
    CamelContext context() {
        return app.context();
    }

    @Override
    String readinessCheck() {
        return "onenet-device";
    }
}
