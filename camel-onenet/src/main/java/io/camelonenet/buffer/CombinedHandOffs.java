package io.camelonenet.buffer;

import io.camelonenet.lane.LaneOwner.Completion;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The single device's forwarder's bookkeeping for a {@link BacklogCombiner}: the lane hands its messages off one by
 * one, so the first of a combined run goes out carrying the whole run, and the others (its followers) complete with it,
 * whenever the lane hands them off. Used on the forwarder's thread, but for the completions.
 */
final class CombinedHandOffs {

    /** What a hand-off sends: a message of its own (combined or not), or nothing, as a follower of {@code run}; with both, the combined message that leads {@code run}. */
    record Plan(BufferedMessage send, CombinedRun run) {
    }

    /** One combined message and the completions of the stored messages it stands for. */
    static final class CombinedRun {
        private final List<Completion> followers = new ArrayList<>();
        private boolean done;
        private Exception failure;

        synchronized void follow(Completion completion) {
            if (done) {
                completion.completed(failure);
            } else {
                followers.add(completion);
            }
        }

        void completed(Exception outcome) {
            List<Completion> waiting;
            synchronized (this) {
                done = true;
                failure = outcome;
                waiting = new ArrayList<>(followers);
                followers.clear();
            }
            waiting.forEach(completion -> completion.completed(outcome));
        }
    }

    private final BacklogCombiner combiner;
    /** Fetched and not handed off yet, in order. */
    private final ArrayDeque<BufferedMessage> queued = new ArrayDeque<>();
    private final Map<Long, CombinedRun> followerRuns = new HashMap<>();
    private long lastQueued;

    CombinedHandOffs(BacklogCombiner combiner) {
        this.combiner = combiner;
    }

    /** The lane took these from the buffer; a batch that starts again at or before what it had is a rewind. */
    void fetched(List<BufferedMessage> batch) {
        if (batch.isEmpty()) {
            return;
        }
        if (batch.get(0).id() <= lastQueued) {
            queued.clear();
            followerRuns.clear();
        }
        queued.addAll(batch);
        lastQueued = batch.get(batch.size() - 1).id();
    }

    /** What to send for {@code message}, which the lane hands off now. */
    Plan handOff(BufferedMessage message) {
        while (!queued.isEmpty() && queued.peek().id() <= message.id()) {
            queued.poll();
        }
        CombinedRun run = followerRuns.remove(message.id());
        if (run != null) {
            return new Plan(null, run);
        }
        List<BufferedMessage> waiting = new ArrayList<>(queued.size() + 1);
        waiting.add(message);
        waiting.addAll(queued);
        BacklogCombiner.Combined combined = waiting.size() < 2 ? null : combiner.combine(waiting);
        if (combined == null || combined.count() < 2) {
            return new Plan(message, null);
        }
        CombinedRun leading = new CombinedRun();
        for (BufferedMessage follower : waiting.subList(1, Math.min(combined.count(), waiting.size()))) {
            followerRuns.put(follower.id(), leading);
        }
        return new Plan(new BufferedMessage(message.id(), combined.topic(), combined.payload(), message.attempts()),
                leading);
    }
}
