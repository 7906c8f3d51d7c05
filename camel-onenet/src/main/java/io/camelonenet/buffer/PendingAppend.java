package io.camelonenet.buffer;

/**
 * A reading on its way into the buffer, and how it went: the writer stores it (or refuses it) inside a group's
 * transaction, and tells its appender only once that transaction committed or rolled back.
 */
final class PendingAppend {

    final String device;
    final String topic;
    final byte[] payload;
    private final AppendOutcome outcome;
    private long id;
    private RuntimeException failure;

    PendingAppend(String device, String topic, byte[] payload, AppendOutcome outcome) {
        this.device = device;
        this.topic = topic;
        this.payload = payload;
        this.outcome = outcome;
    }

    void stored(long storedId) {
        id = storedId;
    }

    void refused(RuntimeException why) {
        failure = why;
    }

    boolean isRefused() {
        return failure != null;
    }

    /** After the group's transaction: the appender learns the outcome. */
    void complete() {
        outcome.done(failure == null ? id : 0, failure);
    }
}
