package io.camelonenet.dp;

import io.camelonenet.datapoint.Datapoint;

import java.util.List;

/**
 * One {@code $dp} payload, of one of OneNET's seven types (docs/protocol-notes.md, `$dp` frames). {@link DpCodec} turns a message into
 * a frame and a frame back into a message.
 */
public sealed interface DpMessage permits FullJsonMessage, BinaryMessage, SimpleJsonMessage, TimedJsonMessage,
        DelimitedMessage, DelimitedWithTimeMessage, FloatGroupsMessage {

    DpType type();

    /** What OneNET would store: one datapoint per value, with its stream id and time where the frame has them. */
    List<Datapoint> datapoints();
}
