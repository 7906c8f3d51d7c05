package io.camelonenet.app;

import org.apache.camel.main.Main;

/**
 * camel-main whose {@link #runOrThrow()} hands a start-up failure to the caller: {@code Main.run()} logs it with its
 * stack trace and returns, which leaves the app no way to say in one line what went wrong and which key changes it.
 */
public final class OneNetMain extends Main {

    /** The steps of {@code MainSupport.run()}, in its order, without its catch-all (Camel 4.14 to 4.17). */
    int runOrThrow() throws Exception {
        try {
            init();
            internalBeforeStart();
            beforeStart();
            start();
            afterStart();
        } catch (Exception e) {
            stopQuietly();
            throw e;
        }
        waitUntilCompleted();
        // (MainSupport.run() also stops its ProducerTemplate here; the app never creates one)
        beforeStop();
        stop();
        afterStop();
        return getExitCode();
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (Exception | LinkageError ignored) {
            // the start-up failure is what the user needs to see
        }
    }
}
