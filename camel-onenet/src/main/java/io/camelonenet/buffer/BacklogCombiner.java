package io.camelonenet.buffer;

import java.util.List;

/**
 * Sends a backlog in fewer messages: when several stored messages wait, the first ones may go out as one message
 * (the current platform's {@code thing/history/post} for a device's property posts). The messages it stands for
 * leave the buffer together, once that one message completed; if it fails, they all go again.
 */
@FunctionalInterface
public interface BacklogCombiner {

    /**
     * One message standing for the first {@link Combined#count()} of {@code waiting} (oldest first, the first always
     * included), or {@code null}: the first goes alone, as stored.
     */
    Combined combine(List<BufferedMessage> waiting);

    /** The message that replaces the first {@code count} waiting ones (at least two). */
    record Combined(int count, String topic, byte[] payload) {
    }
}
