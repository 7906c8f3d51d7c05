package io.camelonenet.buffer;

/** How an append that did not wait ended: stored under {@code id}, or refused with {@code failure} (then id is 0). */
@FunctionalInterface
public interface AppendOutcome {

    void done(long id, RuntimeException failure);
}
