package io.camelonenet.support;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;

/**
 * The library's own background threads: daemons (they never keep an application from exiting), and an {@link Error}
 * in one of their tasks always reaches the thread's uncaught-exception handler. A scheduled executor would otherwise
 * keep it in a future nobody reads, and a periodic task (the devices-file watcher) would silently stop for good while
 * the rest ran on. The standalone app's handler ends the process, so that a supervisor restarts it instead of a
 * half-dead one reporting UP; an embedding application's handler decides for it.
 */
public final class WorkerThreads {

    private WorkerThreads() {
    }

    /** Daemon threads of this name. */
    public static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** One daemon thread of this name running scheduled tasks; a task's Error goes to the uncaught handler. */
    public static ScheduledExecutorService scheduled(String name) {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, daemon(name)) {
            @Override
            protected void afterExecute(Runnable task, Throwable thrown) {
                super.afterExecute(task, thrown);
                Throwable error = thrown;
                if (error == null && task instanceof Future<?> future && future.isDone()) {
                    try {
                        future.get();
                    } catch (ExecutionException e) {
                        error = e.getCause();
                    } catch (CancellationException | InterruptedException ignored) {
                        // cancelled on purpose, or stopping
                    }
                }
                if (error instanceof Error fatal) {
                    Thread current = Thread.currentThread();
                    current.getUncaughtExceptionHandler().uncaughtException(current, fatal);
                }
            }
        };
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
