package io.camelonenet.field;

import java.util.Map;

/** Where a source's due values go: the {@code onenet-points} consumer's route. */
@FunctionalInterface
public interface ReadingHandler {

    /**
     * Hands one reading on and returns once it is done with it.
     *
     * @param time epoch milliseconds of the poll that read the values
     * @return true when the reading completed (stored, sent); false leaves the values unreported, to be reported again
     */
    boolean deliver(FieldSource source, Map<String, Object> values, long time);
}
