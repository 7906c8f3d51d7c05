package io.camelonenet.app;

import io.camelonenet.emulator.OneNetEmulator;
import org.apache.camel.support.service.ServiceSupport;

/** Runs the local OneNET emulator for as long as the Camel context runs. */
final class EmulatorService extends ServiceSupport {

    private final OneNetEmulator emulator;

    EmulatorService(OneNetEmulator emulator) {
        this.emulator = emulator;
    }

    @Override
    protected void doStart() {
        emulator.start();
    }

    @Override
    protected void doStop() {
        // the app exits after its context stops: no need to wait seconds for the broker's threads to go quiet
        emulator.stopForExit();
    }
}
