package io.camelonenet.setup;

import io.camelonenet.gateway.RegisteredDevice;
import io.camelonenet.health.OtaMeters;
import io.camelonenet.health.OtaReadinessCheck;
import io.camelonenet.ota.FirmwareDownload;
import io.camelonenet.ota.FirmwareUpgrades;
import io.camelonenet.ota.FirmwareVersions;
import io.camelonenet.ota.OtaAgent;
import io.camelonenet.ota.OtaApi;
import io.camelonenet.route.FirmwareRoute;
import io.camelonenet.studio.OneNetToken;
import io.camelonenet.studio.TokenPasswordSource;
import org.apache.camel.CamelContext;
import org.apache.camel.ExtendedStartupListener;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Firmware upgrades when {@code onenet.ota.enabled}: an {@link OtaAgent} for the device and one for each sub-device of
 * a current-platform gateway's devices file (as read at the start), each calling the OTA API with its own token, its
 * packages under {@code onenet.ota.dir/<device>} ({@code <pid>/<name>} for a sub-device), handed to
 * {@code direct:onenet-firmware}. Bound as {@code firmwareUpgrades}, with the readiness check {@code onenet-ota} and
 * the meters; started once the routes run, so that the first package finds its route. Disabled, a
 * {@code firmwareUpgrades} without devices answers the routes' {@code otaCheck}.
 */
final class OtaWiring {

    static final String UPGRADES_BEAN = "firmwareUpgrades";
    static final String FIRMWARE_URI = "direct:onenet-firmware";
    private static final Duration API_TIMEOUT = Duration.ofSeconds(30);

    private OtaWiring() {
    }

    /** @param subDevices a current-platform gateway's sub-devices; none for a single device */
    static void configure(CamelContext context, OtaSettings ota, OneNetMode mode, OneNetSettings settings,
                          List<RegisteredDevice> subDevices) throws Exception {
        context.getPropertiesComponent().addOverrideProperty(OtaSettings.ENABLED, Boolean.toString(ota.enabled()));
        if (!ota.enabled()) {
            // the routes answer the service otaCheck all the same: no device to check
            context.getRegistry().bind(UPGRADES_BEAN, new FirmwareUpgrades(context, List.of(), ota.checkInterval()));
            return;
        }
        if (!mode.studio()) {
            throw new ConfigurationException(OtaSettings.ENABLED, "is true, but firmware upgrades are the current"
                    + " platform's: set onenet.protocol=studio");
        }
        if (mode.shape() == OneNetMode.Shape.CLUSTER) {
            throw new ConfigurationException(OtaSettings.ENABLED, "is true, but a cluster instance does not upgrade"
                    + " firmware: enable it on a gateway or a device");
        }
        refuseHeaderLogging();
        OtaApi api = new OtaApi(ota.apiUrl(), API_TIMEOUT);
        FirmwareVersions versions = new FirmwareVersions(ota.directory(), ota.version());
        FirmwareRoute route = new FirmwareRoute(context.createProducerTemplate(), FIRMWARE_URI);
        OneNetSettings.StudioCredentials own = settings.studio();
        List<OtaAgent> agents = new ArrayList<>();
        agents.add(new OtaAgent(settings.clientId(), api.device(settings.productId(), settings.clientId(),
                token(own.resource(settings.productId()), own.key(), own)),
                directory(ota, settings.clientId()), versions, route, ota.maxBytes()));
        for (RegisteredDevice device : subDevices) {
            String key = device.productId() + "/" + device.id();
            agents.add(new OtaAgent(key, api.device(device.productId(), device.id(),
                    token(OneNetToken.deviceResource(device.productId(), device.id()), device.secret(), own)),
                    directory(ota, device.productId()).resolve(segment(device.id())), versions, route,
                    ota.maxBytes()));
        }
        FirmwareUpgrades upgrades = new FirmwareUpgrades(context, agents, ota.checkInterval());
        context.getRegistry().bind(UPGRADES_BEAN, upgrades);
        context.addStartupListener(new ExtendedStartupListener() {
            @Override
            public void onCamelContextStarted(CamelContext started, boolean alreadyStarted) {
            }

            @Override
            public void onCamelContextFullyStarted(CamelContext started, boolean alreadyStarted) throws Exception {
                // stopped with the context, before the routes that apply packages
                started.addService(upgrades, true, true);
            }
        });
        Observability.register(context, new OtaReadinessCheck(upgrades), () -> new OtaMeters(upgrades));
    }

    private static java.util.function.Supplier<String> token(String resource, String key,
                                                             OneNetSettings.StudioCredentials own) {
        TokenPasswordSource tokens = new TokenPasswordSource(OneNetToken.API_VERSION, resource, key, own.method(),
                own.tokenTtl(), Clock.systemUTC());
        return () -> new String(tokens.password());
    }

    private static Path directory(OtaSettings ota, String name) {
        return ota.directory().resolve(segment(name));
    }

    /** A configured name as one directory: it must be a plain name, as the platform's names are. */
    private static String segment(String name) {
        if (!FirmwareDownload.SAFE_NAME.matcher(name).matches()) {
            throw new ConfigurationException(OtaSettings.ENABLED, "is true, and the device name '"
                    + io.camelonenet.inbound.LogText.of(name, 64) + "' cannot name its firmware directory under "
                    + OtaSettings.DIR + " (letters, digits, '.', '_' or '-')");
        }
        return name;
    }

    /**
     * The JDK's HTTP client prints request headers, the token among them, when a host turns its logging on: the app
     * refuses to start OTA then rather than print a secret.
     */
    private static void refuseHeaderLogging() {
        String log = System.getProperty("jdk.httpclient.HttpClient.log", "").toLowerCase(Locale.ROOT);
        if (log.contains("headers") || log.contains("all") || Boolean.getBoolean("jdk.internal.httpclient.debug")) {
            throw new ConfigurationException(OtaSettings.ENABLED, "is true, and the JDK's HTTP client logs request"
                    + " headers (-Djdk.httpclient.HttpClient.log or jdk.internal.httpclient.debug), which would print"
                    + " the OTA token: remove that option");
        }
    }
}
