package io.camelonenet.lane;

/** A message of a lane: its position in the store, increasing in the lane's order (a buffer id, a Kafka offset). */
public interface LaneMessage {

    long position();
}
