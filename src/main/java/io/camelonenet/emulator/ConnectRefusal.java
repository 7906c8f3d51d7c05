package io.camelonenet.emulator;

import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Refuses a CONNECT with OneNET's CONNACK code and says why in the emulator's log; shared by both protocols. */
final class ConnectRefusal {

    private static final Logger LOG = LoggerFactory.getLogger("io.camelonenet.emulator");

    private ConnectRefusal() {
    }

    static void refuse(SimpleAuthOutput output, String clientId, ConnackReasonCode code, int connack, String why) {
        LOG.warn("Refused CONNECT from client id '{}' with CONNACK {}: {}", clientId, connack, why);
        output.failAuthentication(code, why);
    }
}
