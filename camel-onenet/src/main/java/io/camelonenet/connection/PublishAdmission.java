package io.camelonenet.connection;

import java.util.concurrent.TimeUnit;

/**
 * What every publish of a device's session passes before it is sent, on either MQTT client (Paho for one device,
 * HiveMQ for a legacy gateway's devices): the platform's rules ({@link PublishGuard}), a QoS the session carries, and
 * the connection's rate ({@code onenet.uplink.max-rate}). A publish refused here was not sent, and the error names
 * the rule.
 */
final class PublishAdmission {

    private final PublishGuard guard;
    private final int maxQos;
    private final String qosReason;
    /** {@code null}: no limit. */
    private final Pacer rate;

    /**
     * @param maxQos    the highest QoS the session carries
     * @param qosReason why a higher one is not carried, for the error
     * @param perSecond publishes a second at most; 0 for no limit
     */
    PublishAdmission(PublishGuard guard, int maxQos, String qosReason, double perSecond) {
        this.guard = guard;
        this.maxQos = maxQos;
        this.qosReason = qosReason;
        this.rate = perSecond > 0 ? new Pacer(perSecond) : null;
    }

    /** @throws PublishRefusedException if the publish breaks a rule or asks for a QoS the session does not carry */
    void check(String topic, int payloadBytes, int qos, boolean retained) throws PublishRefusedException {
        if (qos < 0 || qos > maxQos) {
            throw new PublishRefusedException(topic, "QoS " + qos + " is not carried: " + qosReason);
        }
        try {
            guard.check(topic, payloadBytes, qos, retained);
        } catch (IllegalArgumentException broken) {
            throw new PublishRefusedException(topic, broken.getMessage());
        }
    }

    boolean limited() {
        return rate != null;
    }

    /** Takes the publish's slot of the rate; returns the nanoseconds to wait for it (0 without a limit). */
    long slotNanos() {
        return rate == null ? 0 : rate.reserve(0);
    }

    /**
     * Takes the slot of a publish the platform waits for only until {@code deadlineMillis} (epoch), when it comes
     * before that; returns the nanoseconds to wait for it.
     *
     * @throws AnswerExpiredException if the deadline passed, or the rate would send it only after; no slot taken
     */
    long slotBeforeNanos(String topic, long deadlineMillis) {
        long left = deadlineMillis - System.currentTimeMillis();
        if (left <= 0) {
            throw new AnswerExpiredException(topic, "the platform stopped waiting for it");
        }
        if (rate == null) {
            return 0;
        }
        long slot = rate.reserveWithin(TimeUnit.MILLISECONDS.toNanos(left));
        if (slot < 0) {
            throw new AnswerExpiredException(topic, "the connection's rate (" + Math.round(rate.perSecond() * 100)
                    / 100.0 + " a second) would send it after the platform stopped waiting for it");
        }
        return slot;
    }
}
