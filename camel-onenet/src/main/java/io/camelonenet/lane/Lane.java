package io.camelonenet.lane;

import io.camelonenet.connection.NothingSent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One lane's messages between the store and the route: those taken from the store and not handed off yet, and those
 * in flight, in order. Only a leading run of completed messages settles, so nothing that a later message overtook is
 * lost. After a failure nothing more is handed off; once every message in flight has completed, the lane rewinds:
 * what did not settle goes again, in order. Used by the scheduler's thread only, but for {@link #failedMeanwhile}.
 */
final class Lane<M extends LaneMessage> {

    /** A message of the lane, with what happened to it. */
    static final class Entry<M> {
        final M message;
        boolean sentBefore;
        boolean completed;
        Exception failure;

        Entry(M message) {
            this.message = message;
        }
    }

    /** What a rewind found: the failure, and the runs of messages that provably never left. */
    record Rewind<M>(Exception failure, List<List<M>> neverSent) {
    }

    final String key;
    private final ArrayDeque<Entry<M>> unsent = new ArrayDeque<>();
    private final ArrayDeque<Entry<M>> inFlight = new ArrayDeque<>();
    private int pending;
    private boolean failed;
    /**
     * A message failed and its completion has not been applied yet. Set on whichever thread completed it (at once on
     * the scheduler's thread when nothing was sent, or on a connection's thread): nothing more goes out until the
     * rewind, or a message behind the failed one could reach the platform first.
     */
    private volatile boolean failedMeanwhile;
    private boolean closed;
    /** The position of the last message taken from the store, and of the last one settled. */
    long takenUpTo;
    long settledUpTo;
    long pausedUntil;
    int failures;
    String lastFailure;

    Lane(String key) {
        this.key = key;
    }

    void add(M message) {
        unsent.add(new Entry<>(message));
        takenUpTo = Math.max(takenUpTo, message.position());
    }

    /** Whether the lane may hand off another message now (it may have none). */
    boolean mayHandOff(int window) {
        return !closed && !failed && !failedMeanwhile && pausedUntil == 0 && pending < window;
    }

    boolean hasUnsent() {
        return !unsent.isEmpty();
    }

    Entry<M> handOff() {
        Entry<M> entry = unsent.poll();
        inFlight.add(entry);
        pending++;
        return entry;
    }

    void failedMeanwhile() {
        failedMeanwhile = true;
    }

    void completed(Entry<M> entry, Exception failure) {
        entry.completed = true;
        entry.failure = failure;
        pending--;
        failed |= failure != null;
    }

    /** The leading run of messages that completed without failure, taken out of the lane. */
    List<M> takeSettled() {
        List<M> run = new ArrayList<>();
        while (!inFlight.isEmpty() && inFlight.peek().completed && inFlight.peek().failure == null) {
            M message = inFlight.poll().message;
            settledUpTo = message.position();
            run.add(message);
        }
        return run;
    }

    /** A failure to rewind from, with nothing in flight any more. */
    boolean mustRewind() {
        return (failed || failedMeanwhile) && pending == 0;
    }

    /**
     * Rewinds after a failure, every message in flight having completed. A store that is pulled from hands the
     * messages out again ({@code refetch}: the lane forgets them and takes them anew after the last settled one);
     * otherwise they go back to the head of the lane, marked as sent before.
     */
    Rewind<M> rewind(boolean refetch) {
        Exception first = null;
        List<List<M>> neverSent = new ArrayList<>();
        List<M> run = new ArrayList<>();
        for (Entry<M> entry : inFlight) {
            if (entry.failure != null && first == null) {
                first = entry.failure;
            }
            if (NothingSent.in(entry.failure)) {
                run.add(entry.message);
            } else if (!run.isEmpty()) {
                // a message that went through after the failed one goes again after it, so the order holds (a
                // possible duplicate); one whose outcome is unknown stays marked as attempted
                neverSent.add(run);
                run = new ArrayList<>();
            }
        }
        if (refetch) {
            for (Entry<M> entry : unsent) {
                run.add(entry.message);
            }
            unsent.clear();
            inFlight.clear();
            takenUpTo = settledUpTo;
        } else {
            while (!inFlight.isEmpty()) {
                Entry<M> entry = inFlight.pollLast();
                entry.sentBefore = true;
                entry.completed = false;
                entry.failure = null;
                unsent.addFirst(entry);
            }
        }
        if (!run.isEmpty()) {
            neverSent.add(run);
        }
        failed = false;
        // every message in flight has completed (pending is 0): no completion can set it again for this window
        failedMeanwhile = false;
        failures++;
        return new Rewind<>(first != null ? first : new IllegalStateException("a forwarded message did not complete"),
                neverSent);
    }

    /** No more hand-offs; the messages not handed off are dropped and returned. */
    List<M> close() {
        closed = true;
        List<M> dropped = new ArrayList<>();
        unsent.forEach(entry -> dropped.add(entry.message));
        unsent.clear();
        return dropped;
    }

    /** What the lane still holds (in flight, or completed behind a failure). */
    List<M> held() {
        List<M> held = new ArrayList<>();
        inFlight.forEach(entry -> held.add(entry.message));
        unsent.forEach(entry -> held.add(entry.message));
        return held;
    }

    /** The messages taken from the store and never handed off. */
    List<M> neverHandedOff() {
        List<M> never = new ArrayList<>();
        unsent.stream().filter(entry -> !entry.sentBefore).forEach(entry -> never.add(entry.message));
        return never;
    }

    int size() {
        return unsent.size() + inFlight.size();
    }

    int pending() {
        return pending;
    }

    boolean closed() {
        return closed;
    }

    /** Nothing held, nothing in flight, no failure to remember: the lane can be forgotten. */
    boolean idle() {
        return unsent.isEmpty() && inFlight.isEmpty() && !failed && !failedMeanwhile && lastFailure == null
                && pausedUntil == 0;
    }
}
