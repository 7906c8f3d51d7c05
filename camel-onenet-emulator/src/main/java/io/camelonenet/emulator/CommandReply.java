package io.camelonenet.emulator;

import java.nio.charset.StandardCharsets;

/** A device's answer on {@code $crsp/<cmduuid>} to a command the platform pushed on {@code $creq/<cmduuid>}. */
public record CommandReply(String deviceId, String commandId, byte[] payload) {

    public String payloadAsText() {
        return new String(payload, StandardCharsets.UTF_8);
    }
}
