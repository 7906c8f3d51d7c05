package io.camelonenet.field;

import io.camelonenet.inbound.LogText;
import io.camelonenet.support.WorkerThreads;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelonenet.support.FileStamp;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The sources of a points file at work: one {@link SourcePoller} each on a shared scheduler, polling while a route
 * takes their readings ({@link #attach}), the last reported values kept and written, and the file re-read while
 * running as the devices file is: a valid new version replaces the sources it changed (the others go on undisturbed),
 * an invalid one is refused with one line and the running sources go on.
 */
public final class FieldSources extends ServiceSupport {

    /** How often the file is looked at for an edit. */
    static final Duration RELOAD_PERIOD = Duration.ofSeconds(2);
    /** At most this many polls at once; a source that does not answer holds one thread for its timeout. */
    static final int MAX_THREADS = 32;
    private static final Logger LOG = LoggerFactory.getLogger(FieldSources.class);

    private final Path file;
    private final Consumer<List<FieldSource>> check;
    private final LastReported last;
    private final Map<String, SourceStatus> statuses = new LinkedHashMap<>();
    private final Map<String, SourcePoller> pollers = new LinkedHashMap<>();
    private List<FieldSource> sources;
    private ScheduledExecutorService scheduler;
    private ScheduledExecutorService housekeeping;
    private ReadingHandler handler;
    private FileStamp stamp;
    private final List<Runnable> reloadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();

    /**
     * @param file    the points file, re-read when it changes; {@code null}: {@code sources} are fixed
     * @param check   the app's checks of a file's sources (their devices configured); throws
     *                {@link InvalidPointsFileException}
     */
    public FieldSources(Path file, List<FieldSource> sources, Consumer<List<FieldSource>> check, LastReported last) {
        this.file = file;
        this.check = check;
        this.last = last;
        this.sources = List.copyOf(sources);
        this.sources.forEach(source -> statuses.put(source.name(), new SourceStatus(source)));
    }

    /** Reads, checks and loads a points file: every mistake an {@link InvalidPointsFileException}. */
    public static List<FieldSource> read(Path file, Consumer<List<FieldSource>> check) {
        List<FieldSource> sources = new PointsFile().read(file);
        FieldDrivers.check(file, sources);
        check.accept(sources);
        return sources;
    }

    public synchronized List<FieldSource> sources() {
        return sources;
    }

    /** Each source's status, in the file's order. */
    public synchronized List<SourceStatus> statuses() {
        return List.copyOf(statuses.values());
    }

    /** The route that takes the readings: polling starts now, or when this service starts. */
    public synchronized void attach(ReadingHandler readings) {
        if (handler != null) {
            throw new IllegalStateException("the points file's readings already go to a route; one onenet-points"
                    + " consumer takes them");
        }
        handler = readings;
        if (isStarted()) {
            sources.forEach(this::startPolling);
        }
    }

    /** Polling stops (the consumer stopped); values not reported are reported by the next consumer. */
    public synchronized void detach() {
        pollers.values().forEach(SourcePoller::stop);
        pollers.clear();
        handler = null;
    }

    @Override
    protected synchronized void doStart() {
        scheduler = Executors.newScheduledThreadPool(Math.max(1, Math.min(MAX_THREADS, sources.size())),
                WorkerThreads.daemon("onenet-field"));
        housekeeping = WorkerThreads.scheduled("onenet-points-file");
        housekeeping.scheduleWithFixedDelay(last::flush, 1, 1, TimeUnit.SECONDS);
        if (file != null) {
            stamp = FileStamp.of(file);
            housekeeping.scheduleWithFixedDelay(this::checkFile, RELOAD_PERIOD.toMillis(), RELOAD_PERIOD.toMillis(),
                    TimeUnit.MILLISECONDS);
        }
        if (handler != null) {
            sources.forEach(this::startPolling);
        }
    }

    @Override
    protected void doStop() throws InterruptedException {
        synchronized (this) {
            pollers.values().forEach(SourcePoller::stop);
            pollers.clear();
        }
        housekeeping.shutdownNow();
        scheduler.shutdown();
        // a poll under way finishes (at most a timeout) and closes its connection
        if (!scheduler.awaitTermination(5, TimeUnit.SECONDS)) {
            scheduler.shutdownNow();
        }
        last.flush();
    }

    private void startPolling(FieldSource source) {
        SourcePoller poller = new SourcePoller(source, FieldDrivers.reader(source), statuses.get(source.name()), last,
                handler, scheduler);
        pollers.put(source.name(), poller);
        poller.start();
    }

    private void checkFile() {
        FileStamp now = FileStamp.of(file);
        if (now.equals(stamp)) {
            return;
        }
        stamp = now;
        try {
            reload(read(file, check));
        } catch (InvalidPointsFileException e) {
            LOG.warn("{}: the running sources go on as they were", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warn("The points file {} cannot be re-read ({}): the running sources go on as they were", file,
                    e.getClass().getSimpleName());
        }
    }

    /** Replaces the sources that changed: those unchanged keep polling, with their connection and counters. */
    synchronized void reload(List<FieldSource> next) {
        Map<String, FieldSource> byName = new LinkedHashMap<>();
        next.forEach(source -> byName.put(source.name(), source));
        int changed = 0;
        for (FieldSource running : sources) {
            if (!running.equals(byName.get(running.name()))) {
                SourcePoller poller = pollers.remove(running.name());
                if (poller != null) {
                    poller.stop();
                }
                statuses.remove(running.name());
                changed++;
            }
        }
        Map<String, SourceStatus> ordered = new LinkedHashMap<>();
        for (FieldSource source : next) {
            SourceStatus status = statuses.get(source.name());
            if (status == null) {
                status = new SourceStatus(source);
                statuses.put(source.name(), status);
                if (handler != null && isStarted()) {
                    startPolling(source);
                }
                changed++;
            }
            ordered.put(source.name(), status);
        }
        statuses.clear();
        statuses.putAll(ordered);
        sources = List.copyOf(next);
        last.retain(next);
        LOG.info("Points file {} re-read: {} sources, {} of them new or changed", file, next.size(), changed);
        reloadListeners.forEach(Runnable::run);
    }

    /**
     * Writes a point of a device and returns once the device confirmed it.
     *
     * @param device the device's key ({@link SourceDevice#key()}), {@code null} for the app's own device
     * @throws FieldWriteException refused (no such point, not writable, a value the type cannot hold) or failed
     */
    public void write(String device, String point, Object value) throws FieldWriteException {
        FieldSource source = sourceOf(device, point);
        String problem = writeProblem(source, device, point);
        if (problem != null) {
            throw new FieldWriteException(problem, true);
        }
        SourcePoller poller;
        synchronized (this) {
            poller = pollers.get(source.name());
        }
        if (poller == null) {
            throw new FieldWriteException(point + ": field source " + source.name() + " is not running", false);
        }
        poller.write(source.point(point), value);
    }

    /** Why a device's point cannot be written (escaped), or {@code null} when it can. */
    public String writeProblem(String device, String point) {
        return writeProblem(sourceOf(device, point), device, point);
    }

    private static String writeProblem(FieldSource source, String device, String point) {
        if (source == null) {
            return LogText.of(point) + " is not a point of " + (device == null ? "the device" : LogText.of(device));
        }
        if (!source.point(point).writable()) {
            return point + " is not writable (writable: true in the points file allows it)";
        }
        return null;
    }

    /** The source holding a device's point; {@code null} if none. */
    public synchronized FieldSource sourceOf(String device, String point) {
        for (FieldSource source : sources) {
            // no device named: a single device's command, and every source of a single device is its own
            boolean ours = device == null || device.equals(source.device().key());
            if (ours && source.point(point) != null) {
                return source;
            }
        }
        return null;
    }

    /** A source's status, {@code null} when the file no longer has it. */
    public synchronized SourceStatus status(String name) {
        return statuses.get(name);
    }

    /** A source's last reported values by point (what the platform was last sent), empty before the first. */
    public Map<String, LastReported.Value> lastReported(String source) {
        return last.of(source);
    }

    /** Called after each re-read that was taken (the meters bind new sources' meters). */
    public void onReload(Runnable listener) {
        reloadListeners.add(listener);
    }
}
