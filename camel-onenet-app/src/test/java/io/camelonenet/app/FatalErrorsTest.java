package io.camelonenet.app;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** An Error escaping one of the app's threads ends the process: one line, status 70, whatever else still runs. */
class FatalErrorsTest {

    @Test
    void an_error_escaping_a_worker_ends_the_process_with_status_70_and_one_line() throws Exception {
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), WorkerDiesOfAnError.class.getName())
                .redirectErrorStream(true).start();

        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("ended, though a non-daemon thread still runs").isTrue();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.exitValue()).as(output).isEqualTo(FatalErrors.STATUS);
        assertThat(output).contains("Fatal: java.lang.StackOverflowError: forced in thread worker; the app exits "
                + "with status 70").doesNotContain("\tat ");
    }

    /** The app's handler, a thread that keeps the JVM alive, and a worker that dies of an Error. */
    public static final class WorkerDiesOfAnError {

        public static void main(String[] args) throws Exception {
            FatalErrors.install();
            Thread keepsRunning = new Thread(() -> {
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "keeps-running");
            keepsRunning.start();
            Thread worker = new Thread(() -> {
                throw new StackOverflowError("forced");
            }, "worker");
            worker.start();
            keepsRunning.join();
        }
    }
}
