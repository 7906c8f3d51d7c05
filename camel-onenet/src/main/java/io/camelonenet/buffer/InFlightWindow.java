package io.camelonenet.buffer;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The forwarder's messages between hand-off and completion, in the order they were handed off. Bounds how many are
 * outstanding, tells the forwarder which leading ones are done (those it may delete), and stops new hand-offs after
 * the first failure so that nothing overtakes a message that has to be sent again.
 */
final class InFlightWindow {

    /** One handed-off message; {@code failure} is meaningful once {@code done}. */
    static final class Slot {
        final long id;
        boolean done;
        Exception failure;

        Slot(long id) {
            this.id = id;
        }
    }

    private final int size;
    private final ArrayDeque<Slot> slots = new ArrayDeque<>();
    private int outstanding;
    private boolean failed;

    InFlightWindow(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("the window must hold at least one message, not " + size);
        }
        this.size = size;
    }

    synchronized Slot handedOff(long id) {
        Slot slot = new Slot(id);
        slots.add(slot);
        outstanding++;
        return slot;
    }

    synchronized void completed(Slot slot, Exception failure) {
        slot.done = true;
        slot.failure = failure;
        outstanding--;
        failed |= failure != null;
        notifyAll();
    }

    /** Waits up to {@code millis} until another message may be handed off; false if not (full, or failed). */
    synchronized boolean awaitRoom(long millis) throws InterruptedException {
        if (outstanding >= size && !failed) {
            wait(millis);
        }
        return outstanding < size && !failed;
    }

    /** Waits up to {@code millis} for any completion; true if nothing is outstanding any more. */
    synchronized boolean awaitCompletion(long millis) throws InterruptedException {
        if (outstanding > 0) {
            wait(millis);
        }
        return outstanding == 0;
    }

    /** How many more may be handed off now: 0 when full or after a failure. */
    synchronized int room() {
        return failed ? 0 : Math.max(0, size - outstanding);
    }

    synchronized boolean failed() {
        return failed;
    }

    synchronized int outstanding() {
        return outstanding;
    }

    /** Removes the leading messages that went through; the id of the last, or -1 if the first is not done yet. */
    synchronized long takeDelivered() {
        long last = -1;
        while (!slots.isEmpty() && slots.peek().done && slots.peek().failure == null) {
            last = slots.poll().id;
        }
        return last;
    }

    /** After a failure and once nothing is outstanding: what is left, in order, starting with the failed message. */
    synchronized List<Slot> takeRemaining() {
        List<Slot> remaining = new ArrayList<>(slots);
        slots.clear();
        failed = false;
        return remaining;
    }
}
