package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the emulator saw, for tests and for its log: decoded uploads, command replies, CONNECT packets per client id,
 * refused subscriptions and illegal frames. Thread-safe; getters return snapshots.
 */
public final class EmulatorRecord {

    private final List<UploadedDatapoints> uploads = new CopyOnWriteArrayList<>();
    private final List<CommandReply> replies = new CopyOnWriteArrayList<>();
    private final List<PostedDatapoints> posts = new CopyOnWriteArrayList<>();
    private final List<PostedDatapoints> events = new CopyOnWriteArrayList<>();
    private final List<ThingReply> thingReplies = new CopyOnWriteArrayList<>();
    private final List<String> pushedCommandIds = new CopyOnWriteArrayList<>();
    private final List<String> refusedSubscriptions = new CopyOnWriteArrayList<>();
    private final List<String> illegalFrames = new CopyOnWriteArrayList<>();
    private final List<SubDevicePost> subDevicePosts = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final List<String> topologyChanges = new CopyOnWriteArrayList<>();
    private final Map<io.camelonenet.studio.SubDevice, AtomicInteger> subDeviceLogins = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> connects = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> logins = new ConcurrentHashMap<>();
    private final Map<String, Integer> refusedLogins = new ConcurrentHashMap<>();
    private final Map<String, List<Instant>> logouts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> takeovers = new ConcurrentHashMap<>();

    private Writer journal;

    /**
     * Also append every decoded upload to {@code file}, one JSON line each, before the broker acknowledges it: OneNET
     * stores, then PUBACKs. A separate test process reads the file to count what arrived, even across a SIGKILL of
     * the emulator.
     */
    private boolean journalClosed;

    synchronized void journalTo(Path file) throws IOException {
        journal = Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    void upload(UploadedDatapoints upload) {
        synchronized (this) {
            if (journalClosed) {
                // stopping: what cannot be journaled must not be acknowledged either
                throw new IllegalStateException("the emulator is stopping");
            }
            uploads.add(upload);
            if (journal != null) {
                try {
                    journal.write(JOURNAL.writeValueAsString(Map.of("device", upload.deviceId(),
                            "type", upload.type().code(), "datapoints", upload.datapoints())));
                    journal.write('\n');
                    // the OS keeps what was written through a SIGKILL of this process
                    journal.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot append to the emulator's journal", e);
                }
            }
        }
    }

    synchronized void closeJournal() {
        if (journal != null) {
            journalClosed = true;
            try {
                journal.close();
            } catch (IOException ignored) {
                // closing on shutdown
            }
            journal = null;
        }
    }

    private static final ObjectMapper JOURNAL = new ObjectMapper().registerModule(
            new SimpleModule().addSerializer(Instant.class, new ToStringSerializer()));

    void post(PostedDatapoints post) {
        posts.add(post);
    }

    /**
     * Datapoint posts of the current platform ({@code dp/post/json}) and OneJSON property posts
     * ({@code thing/property/post}), accepted or rejected.
     */
    public List<PostedDatapoints> posts() {
        return new ArrayList<>(posts);
    }

    void event(PostedDatapoints event) {
        events.add(event);
    }

    /** OneJSON events the devices posted ({@code thing/event/post}). */
    public List<PostedDatapoints> events() {
        return new ArrayList<>(events);
    }

    void thingReply(ThingReply reply) {
        thingReplies.add(reply);
    }

    /** Devices' answers to property set/get and service invoke requests. */
    public List<ThingReply> thingReplies() {
        return new ArrayList<>(thingReplies);
    }

    void reply(CommandReply reply) {
        replies.add(reply);
    }

    void pushed(String commandId) {
        pushedCommandIds.add(commandId);
    }

    void refusedSubscription(String topicFilter) {
        refusedSubscriptions.add(topicFilter);
    }

    void illegalFrame(String reason) {
        illegalFrames.add(reason);
    }

    void connect(String clientId) {
        connects.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
    }

    public List<UploadedDatapoints> uploads() {
        return new ArrayList<>(uploads);
    }

    public List<CommandReply> replies() {
        return new ArrayList<>(replies);
    }

    public List<String> pushedCommandIds() {
        return new ArrayList<>(pushedCommandIds);
    }

    public List<String> refusedSubscriptions() {
        return new ArrayList<>(refusedSubscriptions);
    }

    public List<String> illegalFrames() {
        return new ArrayList<>(illegalFrames);
    }

    void refusedLogin(String clientId) {
        refusedLogins.merge(clientId, 1, Integer::sum);
    }

    /** How many times the emulator refused a CONNECT of {@code clientId} (with a non-zero CONNACK). */
    public int refusedLogins(String clientId) {
        return refusedLogins.getOrDefault(clientId, 0);
    }

    /** When {@code clientId} logged in successfully, oldest first. */
    public List<Instant> logins(String clientId) {
        List<Instant> times = logins.get(clientId);
        if (times == null) {
            return List.of();
        }
        synchronized (times) {
            return List.copyOf(times);
        }
    }

    void loggedIn(String clientId) {
        List<Instant> times = logins.computeIfAbsent(clientId, id -> new ArrayList<>());
        synchronized (times) {
            times.add(Instant.now());
        }
    }

    void loggedOut(String clientId) {
        List<Instant> times = logouts.computeIfAbsent(clientId, id -> new ArrayList<>());
        synchronized (times) {
            times.add(Instant.now());
        }
    }

    /** The broker dropped a connection of {@code clientId} because the same client id logged in again. */
    void takenOver(String clientId) {
        takeovers.computeIfAbsent(clientId, id -> new AtomicInteger()).incrementAndGet();
    }

    /** When a logged-in connection of {@code clientId} ended (by either side, or a takeover), oldest first. */
    public List<Instant> logouts(String clientId) {
        List<Instant> times = logouts.get(clientId);
        if (times == null) {
            return List.of();
        }
        synchronized (times) {
            return List.copyOf(times);
        }
    }

    /**
     * How many times a connection of {@code clientId} was dropped by the broker because the same client id logged in
     * again while it was up (OneNET does the same): two owners of one device at once.
     */
    public int takeovers(String clientId) {
        AtomicInteger count = takeovers.get(clientId);
        return count == null ? 0 : count.get();
    }

    /** Takeovers of all devices. */
    public int takeovers() {
        return takeovers.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    /** How many CONNECT packets arrived with this client id, accepted or not. */
    public int connectCount(String clientId) {
        AtomicInteger count = connects.get(clientId);
        return count == null ? 0 : count.get();
    }

    void subDevicePosts(String gateway, List<SubDevicePost> entries) {
        subDevicePosts.addAll(entries);
    }

    /** Every sub-device entry of the gateways' pack/post and history/post messages that were accepted, in order. */
    public List<SubDevicePost> subDevicePosts() {
        return new ArrayList<>(subDevicePosts);
    }

    void violation(String what) {
        violations.add(what);
    }

    /** What a gateway sent that breaks the platform's limits (each also answered with a non-200 code). */
    public List<String> violations() {
        return new ArrayList<>(violations);
    }

    void topologyChange(String gateway, String change, io.camelonenet.studio.SubDevice device) {
        topologyChanges.add(gateway + " " + change + " " + device);
    }

    /** Each accepted topo/add and topo/delete: "gateway add|delete pid/name", in order. */
    public List<String> topologyChanges() {
        return new ArrayList<>(topologyChanges);
    }

    void subDeviceLogin(io.camelonenet.studio.SubDevice device) {
        subDeviceLogins.computeIfAbsent(device, d -> new AtomicInteger()).incrementAndGet();
    }

    /** How many times the sub-device logged in through its gateway. */
    public int subDeviceLogins(io.camelonenet.studio.SubDevice device) {
        AtomicInteger count = subDeviceLogins.get(device);
        return count == null ? 0 : count.get();
    }
}
