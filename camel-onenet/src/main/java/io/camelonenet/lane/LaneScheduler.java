package io.camelonenet.lane;

import io.camelonenet.connection.NothingSent;
import io.camelonenet.inbound.LogText;
import io.camelonenet.support.Backoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Forwards lanes of ordered messages to a route, each lane on its own: a window of messages in flight per lane, only
 * the leading run of completed messages settled, and after a failure a rewind and a pause of that lane alone
 * ({@link Backoff#LANE}, cut short by {@link #resume}) while every other lane keeps moving. No head-of-line blocking,
 * on one thread (the owner's, which calls {@link #pass}) for any number of lanes; completions may come on any thread.
 * <p>
 * A store the scheduler pulls from (the durable buffer) is asked for at most a window of a lane's messages at a time,
 * marks each batch as attempted in one call, and is settled in batches ({@link SettledRuns}) because each settle
 * costs it a disk sync. A store that pushes (Kafka) adds messages with {@link #add} and is settled at every pass.
 * <p>
 * Over 300 lines because passes, completions, rewinds and hand-overs ({@link #close}, {@link #forget}, {@link #stop})
 * are one state machine over the same lanes; the parts without that state are {@link Lane}, {@link PausedLanes} and
 * {@link SettledRuns}.
 */
public final class LaneScheduler<M extends LaneMessage> {

    private static final Logger LOG = LoggerFactory.getLogger(LaneScheduler.class);

    private final LaneOwner<M> owner;
    private final int window;
    private final boolean pulls;
    /** How many messages a pulled lane may take from the store beyond the room in its window. */
    private final int readAhead;
    private final Runnable wake;
    private final Map<String, Lane<M>> lanes = new HashMap<>();
    /** Lanes that may have work: a completion, new messages, a resume. Written on any thread. */
    private final Set<String> touched = ConcurrentHashMap.newKeySet();
    private final Set<String> resumed = ConcurrentHashMap.newKeySet();
    private final LinkedBlockingQueue<Done<M>> completions = new LinkedBlockingQueue<>();
    private final PausedLanes paused = new PausedLanes();
    private final SettledRuns<M> settled;
    private int inFlight;

    private record Done<M extends LaneMessage>(Lane<M> lane, Lane.Entry<M> entry, Exception failure) {
    }

    private LaneScheduler(LaneOwner<M> owner, int window, boolean pulls, int readAhead, int settleBatch,
                          Runnable wake) {
        if (window < 1) {
            throw new IllegalArgumentException("the window must hold at least one message, not " + window);
        }
        this.owner = owner;
        this.window = window;
        this.pulls = pulls;
        this.readAhead = Math.max(0, readAhead);
        this.settled = new SettledRuns<>(settleBatch);
        this.wake = wake;
    }

    /**
     * Lanes the scheduler fills from the owner's {@link LaneOwner#fetch}, in batches of up to {@code batch} messages,
     * at most {@code readAhead} of them beyond the room in the lane's window (one lane drains a backlog without
     * waiting for its window to empty; many lanes take only what they can send, so memory stays a window each);
     * {@code wake} is run on every completion (it should wake the thread that calls {@link #pass}).
     */
    public static <M extends LaneMessage> LaneScheduler<M> pulling(LaneOwner<M> owner, int window, int readAhead,
                                                                   int batch, Runnable wake) {
        return new LaneScheduler<>(owner, window, true, readAhead, batch, wake);
    }

    /** Lanes the owner fills with {@link #add}, settled at every pass. */
    public static <M extends LaneMessage> LaneScheduler<M> pushed(LaneOwner<M> owner, int window) {
        return new LaneScheduler<>(owner, window, false, 0, 1, () -> { });
    }

    /** The lane may have new messages in the store (any thread). */
    public void touch(String lane) {
        touched.add(lane);
    }

    /** The lane's way out is back (its connection): a paused lane tries at once (any thread). */
    public void resume(String lane) {
        resumed.add(lane);
        touched.add(lane);
    }

    /** Adds a message at the end of its lane (pushing stores, the owner's thread). */
    public void add(String laneKey, M message) {
        lanes.computeIfAbsent(laneKey, Lane::new).add(message);
        touched.add(laneKey);
    }

    /** Whether the scheduler holds a lane of this key. */
    public boolean has(String lane) {
        return lanes.containsKey(lane);
    }

    /**
     * One look at the lanes that may have work: completions applied and settled, paused lanes whose pause ended or
     * that were resumed, and the next messages of each handed off. Never all lanes: with 10,000 devices a completion
     * must not cost 10,000 lookups. Returns how long until the next pause ends ({@link Long#MAX_VALUE}: none).
     */
    public long pass(long nowMillis) {
        apply(completions.poll(), nowMillis);
        Set<String> visit = visitNow(nowMillis);
        Map<String, List<M>> fetched = new LinkedHashMap<>();
        List<Lane<M>> sending = new ArrayList<>();
        for (String key : visit) {
            Lane<M> lane = pulls ? lanes.computeIfAbsent(key, Lane::new) : lanes.get(key);
            if (lane == null || lane.pausedUntil > 0) {
                continue;
            }
            if (lane.mustRewind()) {
                rewind(lane, nowMillis);
                continue;
            }
            if (!lane.mayHandOff(window)) {
                continue;
            }
            if (pulls && !lane.hasUnsent()) {
                fetch(lane, fetched);
            } else {
                sending.add(lane);
            }
        }
        if (!fetched.isEmpty()) {
            // marked before any is handed off; if marking fails, nothing was taken
            owner.attempting(fetched);
            fetched.forEach((key, batch) -> {
                Lane<M> lane = lanes.get(key);
                batch.forEach(lane::add);
                sending.add(lane);
            });
        }
        sending.forEach(this::handOff);
        settleIfDue(nowMillis, false);
        return paused.untilNextEnd(nowMillis);
    }

    private Set<String> visitNow(long nowMillis) {
        Set<String> visit = new LinkedHashSet<>();
        for (Iterator<String> it = resumed.iterator(); it.hasNext(); ) {
            String key = it.next();
            it.remove();
            Lane<M> lane = lanes.get(key);
            if (lane != null) {
                paused.end(lane);
            }
        }
        for (Iterator<String> it = touched.iterator(); it.hasNext(); ) {
            visit.add(it.next());
            it.remove();
        }
        for (String key; (key = paused.takeEnded(nowMillis)) != null; ) {
            visit.add(key);
        }
        return visit;
    }

    /**
     * The lane's next messages in the store: at most the room in its window and the read-ahead, and only once that
     * is half a window (fewer, larger batches: each costs the store a write).
     */
    private void fetch(Lane<M> lane, Map<String, List<M>> fetched) {
        int room = window - lane.pending() + readAhead;
        if (room < (window + 1) / 2) {
            return;
        }
        List<M> batch = owner.fetch(lane.key, lane.takenUpTo, room);
        if (batch.isEmpty()) {
            forgetIfIdle(lane);
        } else {
            fetched.put(lane.key, batch);
        }
    }

    private void handOff(Lane<M> lane) {
        while (lane.mayHandOff(window) && lane.hasUnsent()) {
            Lane.Entry<M> entry = lane.handOff();
            inFlight++;
            owner.handOff(lane.key, entry.message, entry.sentBefore, failure -> {
                if (failure != null) {
                    // nothing more of this lane goes out until the failure is applied (see Lane#failedMeanwhile)
                    lane.failedMeanwhile();
                }
                completions.add(new Done<>(lane, entry, failure));
                wake.run();
            });
        }
    }

    /** Applies the completions that came, waiting up to {@code waitMillis} for the first (the owner's thread). */
    public void applyCompletions(long waitMillis) {
        try {
            apply(waitMillis > 0 ? completions.poll(waitMillis, TimeUnit.MILLISECONDS) : completions.poll(),
                    System.currentTimeMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(Done<M> first, long nowMillis) {
        for (Done<M> done = first; done != null; done = completions.poll()) {
            inFlight--;
            Lane<M> lane = done.lane();
            if (lanes.get(lane.key) != lane) {
                // forgotten (handed over): what it held is its owner's business now
                continue;
            }
            lane.completed(done.entry(), done.failure());
            List<M> run = lane.takeSettled();
            if (!run.isEmpty()) {
                settled.add(lane.key, run);
                recovered(lane);
            }
            touched.add(lane.key);
        }
        settleIfDue(nowMillis, false);
    }

    private void recovered(Lane<M> lane) {
        if (lane.lastFailure != null && !lane.mustRewind()) {
            LOG.info("{}; forwarding again", owner.waiting(lane.key));
            lane.lastFailure = null;
            lane.failures = 0;
        }
    }

    private void settleIfDue(long nowMillis, boolean force) {
        Map<String, List<M>> runs = settled.takeIfDue(nowMillis, inFlight, force);
        if (!runs.isEmpty()) {
            owner.settled(runs);
            if (pulls) {
                // a lane that is now empty is forgotten on its next visit
                touched.addAll(runs.keySet());
            }
        }
    }

    private void rewind(Lane<M> lane, long nowMillis) {
        Lane.Rewind<M> rewind = lane.rewind(pulls);
        for (List<M> run : rewind.neverSent()) {
            owner.neverSent(lane.key, run.get(0), run.get(run.size() - 1));
        }
        if (lane.closed()) {
            return;
        }
        paused.pause(lane, nowMillis + Backoff.LANE.delayMillis(lane.failures));
        // the reason may carry the platform's text
        String message = LogText.of(String.valueOf(rewind.failure().getMessage()));
        if (!message.equals(lane.lastFailure)) {
            if (NothingSent.in(rewind.failure())) {
                // not connected: the connection logs why, once; a line per device here would repeat it for thousands
                LOG.debug("{}: {}", owner.waiting(lane.key), message);
            } else {
                LOG.warn("{}; its forwarding paused: {}", owner.waiting(lane.key), message);
            }
            lane.lastFailure = message;
        }
    }

    /** A lane with nothing waiting, nothing in flight and no failure to remember is dropped (devices come and go). */
    private void forgetIfIdle(Lane<M> lane) {
        if (lane.idle() && !settled.holds(lane.key)) {
            lanes.remove(lane.key);
        }
    }

    /** Messages in flight, in all lanes. */
    public int inFlight() {
        return inFlight;
    }

    /** Messages the lane holds: not handed off yet, in flight, or completed behind one in flight. */
    public int holding(String lane) {
        Lane<M> found = lanes.get(lane);
        return found == null ? 0 : found.size();
    }

    /** Messages of this lane in flight. */
    public int inFlight(String lane) {
        Lane<M> found = lanes.get(lane);
        return found == null ? 0 : found.pending();
    }

    /**
     * The lane hands off nothing more (its store goes to another owner); returns the messages it had not handed off,
     * now dropped. Its messages in flight still settle as they complete, until {@link #forget}.
     */
    public List<M> close(String lane) {
        Lane<M> found = lanes.get(lane);
        return found == null ? List.of() : found.close();
    }

    /** Settles what completed of closed lanes; then drops the lane and returns what it still held. */
    public List<M> forget(String lane) {
        settleIfDue(System.currentTimeMillis(), true);
        Lane<M> found = lanes.remove(lane);
        if (found == null) {
            return List.of();
        }
        paused.end(found);
        return found.held();
    }

    /**
     * Stops: nothing more is handed off, what is in flight gets up to {@code waitMillis} to complete and settles, and
     * what was taken from the store and never handed off is reported as never sent. What is not settled stays in the
     * store and goes out after the next start.
     */
    public void stop(long waitMillis) {
        lanes.values().forEach(lane -> {
            List<M> never = lane.neverHandedOff();
            lane.close();
            if (!never.isEmpty()) {
                owner.neverSent(lane.key, never.get(0), never.get(never.size() - 1));
            }
        });
        long deadline = System.nanoTime() + waitMillis * 1_000_000;
        while (inFlight > 0 && System.nanoTime() < deadline) {
            applyCompletions(Math.max(1, Math.min(100, (deadline - System.nanoTime()) / 1_000_000)));
        }
        applyCompletions(0);
        settleIfDue(System.currentTimeMillis(), true);
    }
}
