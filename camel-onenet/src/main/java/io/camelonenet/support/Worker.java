package io.camelonenet.support;

import org.apache.camel.CamelContext;
import org.apache.camel.spi.ExecutorServiceManager;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one long-running loop of a Camel service (a forwarder, the Kafka poll loop, a gateway's worker), on a thread of
 * Camel's {@link ExecutorServiceManager}: named as Camel names its threads, shut down with the context at the latest,
 * and started and stopped one way. The loop ends when its service clears its running flag (and wakes whatever it
 * waits on); past a grace period it is interrupted. An {@link Error} in the loop reaches the thread's
 * uncaught-exception handler (the standalone app's ends the process), as the executor runs it with {@code execute}.
 */
public final class Worker {

    private final ExecutorServiceManager manager;
    private final ExecutorService executor;
    private final CountDownLatch ended = new CountDownLatch(1);

    private Worker(ExecutorServiceManager manager, ExecutorService executor) {
        this.manager = manager;
        this.executor = executor;
    }

    /** Runs {@code loop} on a new thread named {@code name}, owned by {@code owner} (for Camel's bookkeeping). */
    public static Worker start(CamelContext context, Object owner, String name, Runnable loop) {
        ExecutorServiceManager manager = context.getExecutorServiceManager();
        Worker worker = new Worker(manager, manager.newSingleThreadExecutor(owner, name));
        worker.executor.execute(() -> {
            try {
                loop.run();
            } finally {
                worker.ended.countDown();
            }
        });
        return worker;
    }

    /**
     * Waits up to {@code grace} for the loop to end (its service has told it to), interrupts it past that and waits up
     * to {@code afterInterrupt} more; returns whether it ended.
     */
    public boolean stop(Duration grace, Duration afterInterrupt) throws InterruptedException {
        if (ended.await(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            manager.shutdown(executor);
            return true;
        }
        manager.shutdownNow(executor);
        return ended.await(afterInterrupt.toMillis(), TimeUnit.MILLISECONDS);
    }
}
