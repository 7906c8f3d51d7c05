package io.camelonenet.emulator;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.general.MqttVersion;
import com.hivemq.extension.sdk.api.packets.publish.PublishPacket;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What both of the emulator's rule sets do the same way, on the embedded broker's extension SDK: the CONNECT check
 * (MQTT 3.1.1 only, then the protocol's own {@link #login}, refused with OneNET's CONNACK code and a log line), the
 * authorisers of SUBSCRIBE and PUBLISH, and the login hook. {@link LegacyOneNetRules} and {@link StudioRules} fill in
 * the parts that differ.
 */
abstract class OneNetRules implements ExtensionMain, SimpleAuthenticator, SubscriptionAuthorizer, PublishAuthorizer {

    static final Logger LOG = LoggerFactory.getLogger("io.camelonenet.emulator");

    /** Why a CONNECT is refused: the broker's reason code, OneNET's CONNACK return code and a reason for the log. */
    record Refusal(ConnackReasonCode code, int connack, String reason) {
    }

    final EmulatorRecord record;
    private volatile BrokerServices services;

    OneNetRules(EmulatorRecord record) {
        this.record = record;
    }

    /** The extension's name, as the broker logs it. */
    abstract String name();

    /** The protocol's own checks of a MQTT 3.1.1 CONNECT; {@code null} accepts it. */
    abstract Refusal login(ConnectPacket connect);

    /** Called once a client has logged in. */
    void loggedIn(String clientId) {
    }

    /** The services of this rules' broker, from its start on. */
    BrokerServices services() {
        return services;
    }

    @Override
    public final void extensionStart(ExtensionStartInput input, ExtensionStartOutput output) {
        services = BrokerServices.current();
        Services.securityRegistry().setAuthenticatorProvider(providerInput -> this);
        Services.securityRegistry().setAuthorizerProvider(providerInput -> this);
        Services.eventRegistry().setClientLifecycleEventListener(
                providerInput -> new RecordingLifecycle(record, this::loggedIn));
    }

    @Override
    public final void extensionStop(ExtensionStopInput input, ExtensionStopOutput output) {
        // nothing to release: the broker drops the providers with the extension
    }

    @Override
    public final void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
        ConnectPacket connect = input.getConnectPacket();
        Refusal refusal = connect.getMqttVersion() != MqttVersion.V_3_1_1
                ? new Refusal(ConnackReasonCode.UNSUPPORTED_PROTOCOL_VERSION, 1,
                        "protocol " + connect.getMqttVersion() + " (OneNET accepts MQTT 3.1.1 only)")
                : login(connect);
        if (refusal != null) {
            LOG.warn("Refused CONNECT from client id '{}' with CONNACK {}: {}", connect.getClientId(),
                    refusal.connack(), refusal.reason());
            record.refusedLogin(connect.getClientId());
            output.failAuthentication(refusal.code(), refusal.reason());
        } else {
            output.authenticateSuccessfully();
        }
    }

    /** Why the protocol refuses {@code clientId} a SUBSCRIBE to {@code filter}; {@code null} grants it. */
    abstract String subscriptionRefusal(String clientId, String filter);

    /** The protocol's handling of a PUBLISH: it authorises it, or disconnects the client. */
    abstract void publish(String clientId, PublishPacket publish, PublishAuthorizerOutput output);

    @Override
    public final void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
        String filter = input.getSubscription().getTopicFilter();
        String refusal = subscriptionRefusal(input.getClientInformation().getClientId(), filter);
        if (refusal != null) {
            LOG.info("Refused SUBSCRIBE {} with 0x80: {}", filter, refusal);
            record.refusedSubscription(filter);
            output.failAuthorization();
        } else {
            output.authorizeSuccessfully();
        }
    }

    @Override
    public final void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
        publish(input.getClientInformation().getClientId(), input.getPublishPacket(), output);
    }

    /** OneNET: "有非法数据就会被踢掉" (a device that sends illegal data is kicked off). */
    final void disconnectForIllegalData(String clientId, PublishAuthorizerOutput output, String reason) {
        LOG.warn("Disconnecting {}: {}", clientId, reason);
        record.illegalFrame(reason);
        output.disconnectClient();
    }

    static byte[] bytes(Optional<ByteBuffer> payload) {
        if (payload.isEmpty()) {
            return new byte[0];
        }
        ByteBuffer buffer = payload.get().asReadOnlyBuffer();
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return bytes;
    }

    static String text(Optional<ByteBuffer> payload) {
        return new String(bytes(payload), StandardCharsets.UTF_8);
    }
}
