package io.camelonenet.ota;

import java.nio.file.Path;

/** Where a verified package goes to be applied: a route the user edits (flash a field device, replace a file). */
@FunctionalInterface
public interface FirmwareHandOff {

    /**
     * Applies the package of {@code device} from {@code version} to {@code target}; returns the step to report:
     * {@link OtaSteps#UPGRADED} (201), or a failure's code (202 to 207).
     */
    int apply(String device, String version, String target, Path file);
}
