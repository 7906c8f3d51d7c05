package io.camelonenet.inbound;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bound of the inbound work that waits for (or is being handled by) a worker: at most {@code maxCount} requests
 * and {@code maxBytes} bytes of them at once, counting each by the memory it holds once parsed
 * ({@link ParsedSize}), not by its size on the wire (a OneJSON set of 121 KB holds about 1.5 MB as a map). A request
 * is admitted on the thread that received it, before it is handed off, and refused at once past either bound, so a
 * burst can neither exhaust the heap nor make the receiving thread (an MQTT client's) wait; its {@link Ticket} gives
 * the room back when its handling ends. One request larger than the whole bound is still admitted when nothing else
 * waits, so that no single request can never be handled; the inbound packet limit bounds its size.
 */
public final class InboundBudget {

    /** Fits the launcher's default heap (48 MiB) several times over: a full queue leaves the app room to work. */
    public static final long DEFAULT_MAX_BYTES = 8L << 20;
    public static final int DEFAULT_MAX_COUNT = 1000;

    private final long maxBytes;
    private final int maxCount;
    private long bytes;
    private int count;
    private final AtomicLong admitted = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();

    public InboundBudget(long maxBytes, int maxCount) {
        if (maxBytes <= 0 || maxCount <= 0) {
            throw new IllegalArgumentException("an inbound budget needs a positive bound, not " + maxBytes
                    + " bytes and " + maxCount + " requests");
        }
        this.maxBytes = maxBytes;
        this.maxCount = maxCount;
    }

    /** Room for a request of {@code size} bytes, or {@code null} (counted as refused) when the bound is reached. */
    public Ticket tryAdmit(long size) {
        synchronized (this) {
            boolean fits = count < maxCount && (bytes + size <= maxBytes || count == 0);
            if (fits) {
                bytes += size;
                count++;
            }
            if (!fits) {
                refused.incrementAndGet();
                return null;
            }
        }
        admitted.incrementAndGet();
        return new Ticket(size);
    }

    private synchronized void release(long size) {
        bytes -= size;
        count--;
    }

    public synchronized long bytes() {
        return bytes;
    }

    public synchronized int count() {
        return count;
    }

    public long maxBytes() {
        return maxBytes;
    }

    public int maxCount() {
        return maxCount;
    }

    /** Requests admitted since start. */
    public long admitted() {
        return admitted.get();
    }

    /** Requests refused since start because the bound was reached. */
    public long refused() {
        return refused.get();
    }

    @Override
    public String toString() {
        return "InboundBudget[" + count() + " of " + maxCount + " requests, " + bytes() + " of " + maxBytes
                + " bytes, " + refused() + " refused]";
    }

    /** One admitted request's room, given back once by {@link #release()}, however often it is called. */
    public final class Ticket {

        private final long size;
        private final AtomicBoolean released = new AtomicBoolean();

        private Ticket(long size) {
            this.size = size;
        }

        public long size() {
            return size;
        }

        public void release() {
            if (released.compareAndSet(false, true)) {
                InboundBudget.this.release(size);
            }
        }
    }
}
