package io.camelonenet.health;

import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * A check of readiness only, in the group {@code onenet}: a device, gateway or cluster instance that is offline is
 * alive and buffering, and restarting it would not bring the broker back.
 */
abstract class ReadinessCheck extends AbstractHealthCheck {

    ReadinessCheck(String id) {
        super("onenet", id);
    }

    @Override
    public final boolean isLiveness() {
        return false;
    }
}
