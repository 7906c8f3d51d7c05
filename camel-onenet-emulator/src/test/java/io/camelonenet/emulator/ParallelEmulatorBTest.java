package io.camelonenet.emulator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** One of two test classes, each with an emulator of its own, that run at the same time in one JVM. */
@Execution(ExecutionMode.CONCURRENT)
class ParallelEmulatorBTest {

    @Test
    void should_serve_its_own_device_while_another_emulator_runs() throws Exception {
        ParallelEmulators.run("parallel-b");
    }
}
