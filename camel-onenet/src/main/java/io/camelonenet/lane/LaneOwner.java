package io.camelonenet.lane;

import java.util.List;
import java.util.Map;

/**
 * What a {@link LaneScheduler} needs of the store its lanes come from and of the route they go to. Called on the
 * scheduler's thread, but for the completion that {@link #handOff} is given.
 */
public interface LaneOwner<M extends LaneMessage> {

    /**
     * Up to {@code max} of the lane's oldest messages after {@code afterPosition}, for a store the scheduler pulls
     * from; a store that pushes ({@link LaneScheduler#add}) returns none.
     */
    List<M> fetch(String lane, long afterPosition, int max);

    /** The publish of these fetched messages may start: persist that they were attempted, for all lanes at once. */
    void attempting(Map<String, List<M>> fetchedByLane);

    /**
     * Hands a message to the route. {@code done} must be called once, on any thread, with the failure or null;
     * {@code sentBefore} says the message went out once already (it may be a duplicate at the platform).
     */
    void handOff(String lane, M message, boolean sentBefore, Completion done);

    /** Each lane's leading run of messages that completed, in order: they leave the store. */
    void settled(Map<String, List<M>> runByLane);

    /**
     * Messages {@code first} to {@code last} of the lane (a run in its order) provably never left: refused before
     * sending, or never handed off. A store counting possible duplicates unmarks them.
     */
    void neverSent(String lane, M first, M last);

    /** For the log: what waits for the lane, e.g. "Device d1: 12 messages wait in the buffer". */
    String waiting(String lane);

    /** Called once with the outcome of a hand-off. */
    @FunctionalInterface
    interface Completion {
        void completed(Exception failure);
    }
}
