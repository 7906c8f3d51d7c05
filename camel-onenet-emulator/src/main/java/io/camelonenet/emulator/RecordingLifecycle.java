package io.camelonenet.emulator;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ServerInitiatedDisconnectInput;
import com.hivemq.extension.sdk.api.packets.general.DisconnectedReasonCode;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionAttributeStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/**
 * Counts every CONNECT per client id, the logins, the disconnects and the takeovers (a login while the same client id
 * is still connected: OneNET then drops the older connection), and lets the protocol's rules act on each login.
 */
final class RecordingLifecycle implements ClientLifecycleEventListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.camelonenet.emulator");
    /** Marks a connection that logged in, so that its end counts (a refused CONNECT's does not). */
    private static final String LOGGED_IN = "onenet.logged-in";

    private final EmulatorRecord record;
    private final Consumer<String> onLogin;

    RecordingLifecycle(EmulatorRecord record, Consumer<String> onLogin) {
        this.record = record;
        this.onLogin = onLogin;
    }

    @Override
    public void onMqttConnectionStart(ConnectionStartInput input) {
        record.connect(input.getClientInformation().getClientId());
    }

    @Override
    public void onAuthenticationSuccessful(AuthenticationSuccessfulInput input) {
        input.getConnectionInformation().getConnectionAttributeStore().put(LOGGED_IN,
                java.nio.ByteBuffer.wrap(new byte[] {1}));
        record.loggedIn(input.getClientInformation().getClientId());
        onLogin.accept(input.getClientInformation().getClientId());
    }

    @Override
    public void onServerInitiatedDisconnect(ServerInitiatedDisconnectInput input) {
        if (input.getReasonCode().filter(DisconnectedReasonCode.SESSION_TAKEN_OVER::equals).isPresent()) {
            // the broker dropped this connection because the same client id logged in again: a takeover
            record.takenOver(input.getClientInformation().getClientId());
        }
        onDisconnect(input);
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        String clientId = input.getClientInformation().getClientId();
        ConnectionAttributeStore attributes = input.getConnectionInformation().getConnectionAttributeStore();
        if (attributes.get(LOGGED_IN).isPresent()) {
            record.loggedOut(clientId);
        }
        LOG.info("Device {} disconnected", clientId);
    }
}
