package io.camelonenet.ota;

import io.camelonenet.inbound.LogText;
import io.camelonenet.support.Backoff;
import org.apache.camel.CamelContext;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the firmware upgrades of a device and its sub-devices (one {@link OtaAgent} each), one pass at a time on one
 * thread: every agent at the start and every {@code onenet.ota.check-interval}, one on demand ({@link #checkNow}), and
 * an agent whose pass failed on the network again after a backoff (1 s doubling to 60 s), so that a download resumes
 * soon after a broken connection. Readiness reads {@link #statuses()} and {@link #isRunning()}.
 */
public final class FirmwareUpgrades extends ServiceSupport {

    private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpgrades.class);
    private static final Backoff RETRY = Backoff.exact(Duration.ofSeconds(1), Duration.ofSeconds(60));

    private final CamelContext context;
    private final List<OtaAgent> agents;
    private final Duration checkInterval;
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> retries = new ConcurrentHashMap<>();
    private ScheduledExecutorService executor;
    private volatile Throwable died;
    private final java.util.concurrent.atomic.AtomicBoolean checkQueued = new java.util.concurrent.atomic.AtomicBoolean();

    public FirmwareUpgrades(CamelContext context, List<OtaAgent> agents, Duration checkInterval) {
        this.context = context;
        this.agents = List.copyOf(agents);
        this.checkInterval = checkInterval;
    }

    @Override
    protected void doStart() {
        executor = context.getExecutorServiceManager().newSingleThreadScheduledExecutor(this, "onenet-ota");
        executor.scheduleWithFixedDelay(this::checkAll, 0, checkInterval.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Firmware upgrades of {} devices: checked at the start and every {} ms", agents.size(),
                checkInterval.toMillis());
    }

    @Override
    protected void doStop() {
        if (executor != null) {
            context.getExecutorServiceManager().shutdownNow(executor);
            executor = null;
        }
    }

    /**
     * Checks every device now (a command asked for it), after what is under way; one such check waits at most,
     * however often the command comes.
     */
    public void checkNow() {
        ScheduledExecutorService running = executor;
        if (running != null && checkQueued.compareAndSet(false, true)) {
            running.execute(() -> {
                checkQueued.set(false);
                checkAll();
            });
        }
    }

    /** A command asked for a check: {@link #checkNow}, answered with how many devices are checked. */
    public Map<String, Object> checkRequested() {
        checkNow();
        LOG.info("Firmware upgrades: a check of {} devices was requested", agents.size());
        return Map.of("checking", agents.size());
    }

    /** Every device's upgrade, in the order configured: the device first, then its sub-devices. */
    public List<OtaStatus> statuses() {
        List<OtaStatus> statuses = new ArrayList<>();
        agents.forEach(agent -> statuses.add(agent.status()));
        return statuses;
    }

    public List<OtaAgent> agents() {
        return agents;
    }

    /** False when its thread died of an error: nothing is upgraded any more. */
    public boolean isRunning() {
        return isStarted() && died == null;
    }

    private void checkAll() {
        for (OtaAgent agent : agents) {
            if (!isRunAllowed()) {
                return;
            }
            pass(agent);
        }
    }

    private void pass(OtaAgent agent) {
        try {
            agent.pass();
            failures.remove(agent.device());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            int failed = failures.merge(agent.device(), 1, Integer::sum);
            agent.retrying(e);
            long delay = RETRY.delayMillis(failed);
            LOG.debug("Firmware of {}: pass {} failed; again in {} ms", LogText.of(agent.device()), failed, delay);
            retries.compute(agent.device(), (device, previous) -> previous != null && !previous.isDone() ? previous
                    : executor.schedule(() -> {
                        retries.remove(device);
                        pass(agent);
                    }, delay, TimeUnit.MILLISECONDS));
        } catch (Error e) {
            died = e;
            LOG.error("Firmware upgrades stopped: {}", LogText.of(e.toString()));
            throw e;
        }
    }
}
