package io.camelonenet.buffer;

import java.util.concurrent.atomic.AtomicLong;

/** What went through the buffer since start: for the shutdown log, health and metrics. */
public final class BufferCounters {

    final AtomicLong stored = new AtomicLong();
    final AtomicLong acknowledged = new AtomicLong();
    final AtomicLong dropped = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();

    public long stored() {
        return stored.get();
    }

    public long acknowledged() {
        return acknowledged.get();
    }

    /** Lost to the full policy (the oldest deleted, or new ones refused) or to a failed write (a full disk). */
    public long dropped() {
        return dropped.get();
    }

    /** Handed out again after an earlier attempt: the broker may receive these twice. */
    public long duplicates() {
        return duplicates.get();
    }

    @Override
    public String toString() {
        return "stored=" + stored() + ", acknowledged=" + acknowledged() + ", dropped=" + dropped()
                + ", possible duplicates=" + duplicates();
    }
}
