package io.camelonenet.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The buffer's writer: one thread that commits every append waiting as one transaction (one disk sync), so readings
 * that arrive while a sync is under way share the next one, whether their appenders wait (a gateway's parallel uplink)
 * or not (a route whose producer completes later, {@link BufferProducer}). An appender is told only after its group
 * committed. What waits is bounded in bytes: an appender past the bound waits for room, so a slow disk slows the
 * route instead of filling the heap.
 */
final class GroupCommits implements AutoCloseable {

    /** Readings held in memory between the route and the disk at most; one larger than this is let in alone. */
    static final long MAX_WAITING_BYTES = 4L << 20;

    private final Consumer<List<PendingAppend>> commit;
    private final ArrayDeque<PendingAppend> waiting = new ArrayDeque<>();
    private final Thread writer;
    /** Guarded by {@link #waiting}. */
    private long waitingBytes;
    /** Guarded by {@link #waiting}. */
    private boolean closed;

    /** {@code commit} stores a group in one transaction and marks each append stored or refused. */
    GroupCommits(String name, Consumer<List<PendingAppend>> commit) {
        this.commit = commit;
        this.writer = new Thread(this::write, name);
        writer.setDaemon(true);
        writer.start();
    }

    /** Hands an append to the writer, waiting for room while the bytes waiting are at the bound. */
    void submit(PendingAppend append) {
        synchronized (waiting) {
            while (!closed && !waiting.isEmpty() && waitingBytes + append.payload.length > MAX_WAITING_BYTES) {
                try {
                    waiting.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    append.refused(new BufferUnavailableException("reading not stored, counted as dropped: "
                            + "interrupted while waiting for room to store it", e));
                    break;
                }
            }
            if (closed && !append.isRefused()) {
                append.refused(new BufferUnavailableException("reading not stored, counted as dropped: the buffer "
                        + "is closed", null));
            }
            if (!append.isRefused()) {
                waiting.add(append);
                waitingBytes += append.payload.length;
                waiting.notifyAll();
                return;
            }
        }
        append.complete();
    }

    /**
     * Whether the caller is the writer: an append from an outcome (a route that goes on after the buffer) is stored at
     * once, not handed to itself.
     */
    boolean isWriter() {
        return Thread.currentThread() == writer;
    }

    private void write() {
        while (true) {
            List<PendingAppend> group;
            synchronized (waiting) {
                while (waiting.isEmpty() && !closed) {
                    try {
                        waiting.wait();
                    } catch (InterruptedException e) {
                        // only close() ends the writer: what waits must be stored or refused first
                        Thread.interrupted();
                    }
                }
                if (waiting.isEmpty()) {
                    return;
                }
                group = new ArrayList<>(waiting);
                waiting.clear();
                waitingBytes = 0;
                waiting.notifyAll();
            }
            commitAndTell(group);
        }
    }

    /** Commits the group, then tells each appender, outside every lock. */
    void commitAndTell(List<PendingAppend> group) {
        try {
            commit.accept(group);
        } catch (RuntimeException unexpected) {
            for (PendingAppend append : group) {
                if (!append.isRefused()) {
                    append.refused(new BufferUnavailableException("reading not stored, counted as dropped: "
                            + unexpected, unexpected));
                }
            }
        }
        group.forEach(PendingAppend::complete);
    }

    /** Stores what waits, then ends the writer; appends after this are refused. */
    @Override
    public void close() {
        synchronized (waiting) {
            closed = true;
            waiting.notifyAll();
        }
        if (!isWriter()) {
            try {
                writer.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
