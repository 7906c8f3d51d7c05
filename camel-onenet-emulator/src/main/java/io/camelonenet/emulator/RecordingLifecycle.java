package io.camelonenet.emulator;

import com.hivemq.extension.sdk.api.events.client.ClientLifecycleEventListener;
import com.hivemq.extension.sdk.api.events.client.parameters.AuthenticationSuccessfulInput;
import com.hivemq.extension.sdk.api.events.client.parameters.ConnectionStartInput;
import com.hivemq.extension.sdk.api.events.client.parameters.DisconnectEventInput;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Consumer;

/** Counts every CONNECT per client id, logs disconnects, and lets the protocol's rules act on each login. */
final class RecordingLifecycle implements ClientLifecycleEventListener {

    private static final Logger LOG = LoggerFactory.getLogger("io.camelonenet.emulator");

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
        record.loggedIn(input.getClientInformation().getClientId());
        onLogin.accept(input.getClientInformation().getClientId());
    }

    @Override
    public void onDisconnect(DisconnectEventInput input) {
        LOG.info("Device {} disconnected", input.getClientInformation().getClientId());
    }
}
