package io.camelonenet.field;

import io.camelonenet.inbound.LogText;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What readiness, the meters and the status page know of one source: whether its last poll read it, its last error
 * in words (escaped: it may quote the device), and its counters and each point's.
 */
public final class SourceStatus {

    /** A point's counters and last value. */
    public static final class PointStatus {
        private final AtomicLong readErrors = new AtomicLong();
        private final AtomicLong reported = new AtomicLong();
        private final AtomicLong suppressed = new AtomicLong();
        private volatile Object lastValue;
        private volatile String lastError;

        public long readErrors() {
            return readErrors.get();
        }

        public long reported() {
            return reported.get();
        }

        public long suppressed() {
            return suppressed.get();
        }

        public Object lastValue() {
            return lastValue;
        }

        public String lastError() {
            return lastError;
        }
    }

    private final FieldSource source;
    /** By name, for the meters and the status page; {@link #pointAt} by the point's index, for the polls. */
    private final Map<String, PointStatus> points = new ConcurrentHashMap<>();
    private final PointStatus[] byIndex;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong readErrors = new AtomicLong();
    private final AtomicLong late = new AtomicLong();
    private volatile long lastReadNanos;
    private volatile long lastPoll;
    private volatile String lastError;
    private volatile boolean failing;

    public SourceStatus(FieldSource source) {
        this.source = source;
        byIndex = new PointStatus[source.points().size()];
        for (int i = 0; i < byIndex.length; i++) {
            byIndex[i] = new PointStatus();
            points.put(source.points().get(i).name(), byIndex[i]);
        }
    }

    public FieldSource source() {
        return source;
    }

    void read(PollResult poll) {
        reads.incrementAndGet();
        lastReadNanos = poll.nanos();
        lastPoll = poll.time();
        List<FieldPoint> all = source.points();
        for (int i = 0; i < byIndex.length; i++) {
            String name = all.get(i).name();
            Object value = poll.values().get(name);
            if (value != null) {
                byIndex[i].lastValue = value;
                byIndex[i].lastError = null;
            } else if (!poll.errors().isEmpty() && poll.errors().containsKey(name)) {
                byIndex[i].readErrors.incrementAndGet();
                byIndex[i].lastError = LogText.of(poll.errors().get(name));
            }
        }
        if (poll.values().isEmpty() && !poll.errors().isEmpty()) {
            failed(poll.errors().values().iterator().next());
        } else {
            failing = false;
            lastError = poll.errors().isEmpty() ? null : LogText.of(poll.errors().values().iterator().next());
        }
    }

    /** A poll that read every point as the previous one did: each value held back again. */
    void readUnchanged(PollResult poll) {
        reads.incrementAndGet();
        lastReadNanos = poll.nanos();
        lastPoll = poll.time();
        failing = false;
        lastError = null;
        for (PointStatus point : byIndex) {
            point.suppressed.incrementAndGet();
        }
    }

    /** A poll that started later than a tenth of its period after it was due (a busy machine, a slow route). */
    void startedLate() {
        late.incrementAndGet();
    }

    void failed(String why) {
        readErrors.incrementAndGet();
        lastError = LogText.of(why);
        failing = true;
    }

    /** The point of that index in the source's list reported its value, or held it back. */
    void counted(int point, boolean reported) {
        (reported ? byIndex[point].reported : byIndex[point].suppressed).incrementAndGet();
    }

    /** True while the source's polls fail: readiness names it. */
    public boolean failing() {
        return failing;
    }

    /** The last error in words, escaped; {@code null} after a poll without one. */
    public String lastError() {
        return lastError;
    }

    /** Epoch milliseconds of the last poll that read anything; 0 before the first. */
    public long lastPoll() {
        return lastPoll;
    }

    public long reads() {
        return reads.get();
    }

    public long readErrors() {
        return readErrors.get();
    }

    /** Polls that started more than a tenth of the poll period after they were due. */
    public long late() {
        return late.get();
    }

    public double lastReadSeconds() {
        return lastReadNanos / 1e9;
    }

    public PointStatus point(String name) {
        return points.get(name);
    }
}
