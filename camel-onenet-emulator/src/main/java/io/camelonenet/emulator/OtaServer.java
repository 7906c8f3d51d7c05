package io.camelonenet.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camelonenet.studio.OneNetToken;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * The current platform's OTA API, device side (docs/protocol-notes.md, Firmware upgrades), on the JDK's HTTP server:
 * {@code /fuse-ota/{pid}/{device}/version}, {@code /check}, {@code /{tid}/download} with Range, {@code /{tid}/status}
 * and {@code /{tid}/check}, each request's token verified. Tasks are created by the test kit; a step is taken only
 * where the reference allows it: progress (0-99) while downloading, 100/101 moves to upgrading, 102-107 fail a task
 * not yet upgrading, 201 succeeds (the device's version becomes the target) and 202-207 fail a downloading or upgrading task (205,
 * the MD5 mismatch, is reported instead of 100); a task
 * that ended takes none (code 20, "task finish"). Codes the reference does not give are this emulator's [I]:
 * 11 no task, 12 a step not allowed now, 13 token refused, 14 not found.
 */
final class OtaServer implements AutoCloseable {

    static final int NO_TASK = 11;
    static final int STEP_NOT_ALLOWED = 12;
    static final int TOKEN_REFUSED = 13;
    static final int NOT_FOUND = 14;
    static final int TASK_FINISHED = 20;

    /** One task and what happened to it. */
    private static final class Task {
        final long tid;
        final String productId;
        final String deviceName;
        final String target;
        final byte[] bytes;
        final String md5;
        volatile int status = 1;
        final List<Integer> steps = new CopyOnWriteArrayList<>();
        final List<Long> downloadStarts = new CopyOnWriteArrayList<>();
        final AtomicLong served = new AtomicLong();

        Task(long tid, String productId, String deviceName, String target, byte[] bytes, String md5) {
            this.tid = tid;
            this.productId = productId;
            this.deviceName = deviceName;
            this.target = target;
            this.bytes = bytes;
            this.md5 = md5;
        }

        OtaTaskRecord record() {
            return new OtaTaskRecord(tid, productId, deviceName, target, status, List.copyOf(steps),
                    List.copyOf(downloadStarts), served.get());
        }
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final BiFunction<String, String, StudioDevice> devices;
    private final long bytesPerSecond;
    private final Map<Long, Task> tasks = new ConcurrentHashMap<>();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final HttpServer server;

    /**
     * @param devices        the device (with its key) a product id and device name name, or null
     * @param bytesPerSecond how fast a package is served; 0: as fast as the connection takes it
     */
    OtaServer(String bindAddress, BiFunction<String, String, StudioDevice> devices, long bytesPerSecond)
            throws IOException {
        this.devices = devices;
        this.bytesPerSecond = bytesPerSecond;
        this.server = HttpServer.create(new InetSocketAddress(bindAddress, 0), 0);
        server.createContext("/fuse-ota/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "onenet-emulator-ota");
            thread.setDaemon(true);
            return thread;
        }));
        server.start();
    }

    String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    long create(String productId, String deviceName, String target, byte[] firmware, String md5) {
        long tid = ids.incrementAndGet();
        tasks.put(tid, new Task(tid, productId, deviceName, target, firmware.clone(), md5 != null ? md5
                : md5(firmware)));
        OneNetRules.LOG.info("OTA task {} for {}/{}: {} bytes to version {}", tid, productId, deviceName,
                firmware.length, target);
        return tid;
    }

    void cancel(long tid) {
        Task task = task(tid);
        if (task.status < 4) {
            task.status = 6;
        }
    }

    OtaTaskRecord record(long tid) {
        return task(tid).record();
    }

    String version(String productId, String deviceName) {
        return versions.get(productId + "/" + deviceName);
    }

    private Task task(long tid) {
        Task task = tasks.get(tid);
        if (task == null) {
            throw new IllegalArgumentException("no OTA task " + tid);
        }
        return task;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String[] path = exchange.getRequestURI().getRawPath().substring("/fuse-ota/".length()).split("/");
            if (path.length < 3) {
                answer(exchange, NOT_FOUND, "not found", null);
                return;
            }
            String productId = URLDecoder.decode(path[0], StandardCharsets.UTF_8);
            String deviceName = URLDecoder.decode(path[1], StandardCharsets.UTF_8);
            StudioDevice device = devices.apply(productId, deviceName);
            TokenCheck.Refusal refusal = device == null ? new TokenCheck.Refusal(5, "no such device")
                    : TokenCheck.check(exchange.getRequestHeaders().getFirst("Authorization") == null ? ""
                    : exchange.getRequestHeaders().getFirst("Authorization"), device, Instant.now(),
                    OneNetToken.API_VERSION);
            if (refusal != null) {
                OneNetRules.LOG.warn("OTA {} refused: {}", exchange.getRequestURI().getPath(), refusal.reason());
                answer(exchange, TOKEN_REFUSED, "auth failed", null);
                return;
            }
            String key = productId + "/" + deviceName;
            String call = path[2];
            if (path.length == 3 && call.equals("version")) {
                version(exchange, key);
            } else if (path.length == 3 && call.equals("check")) {
                check(exchange, productId, deviceName);
            } else if (path.length == 4 && call.matches("\\d{1,18}")) {
                Task task = tasks.get(Long.parseLong(call));
                if (task == null || !task.productId.equals(productId) || !task.deviceName.equals(deviceName)) {
                    answer(exchange, NOT_FOUND, "no such task", null);
                    return;
                }
                switch (path[3]) {
                    case "download" -> download(exchange, task);
                    case "status" -> step(exchange, task);
                    case "check" -> answer(exchange, 0, "succ", mapper.createObjectNode().put("status", task.status));
                    default -> answer(exchange, NOT_FOUND, "not found", null);
                }
            } else {
                answer(exchange, NOT_FOUND, "not found", null);
            }
        } catch (RuntimeException e) {
            OneNetRules.LOG.warn("OTA request {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
        }
    }

    private void version(HttpExchange exchange, String key) throws IOException {
        if (exchange.getRequestMethod().equals("POST")) {
            JsonNode body = json(exchange);
            String version = body == null ? null : body.path("f_version").asText(null);
            if (version == null) {
                answer(exchange, STEP_NOT_ALLOWED, "no f_version", null);
                return;
            }
            versions.put(key, version);
            OneNetRules.LOG.info("OTA version of {}: {}", key, version);
            answer(exchange, 0, "succ", null);
        } else {
            ObjectNode data = mapper.createObjectNode();
            if (versions.containsKey(key)) {
                data.put("f_version", versions.get(key));
            }
            answer(exchange, 0, "succ", data);
        }
    }

    private void check(HttpExchange exchange, String productId, String deviceName) throws IOException {
        Task open = tasks.values().stream().filter(task -> task.productId.equals(productId)
                && task.deviceName.equals(deviceName) && task.status < 4)
                .min(java.util.Comparator.comparingLong(task -> task.tid)).orElse(null);
        if (open == null) {
            answer(exchange, NO_TASK, "no task", null);
            return;
        }
        answer(exchange, 0, "succ", mapper.createObjectNode().put("target", open.target).put("tid", open.tid)
                .put("size", open.bytes.length).put("md5", open.md5).put("status", open.status).put("type", 1));
    }

    private void download(HttpExchange exchange, Task task) throws IOException {
        if (task.status >= 4) {
            exchange.getResponseHeaders().add("Ota-Errno", String.valueOf(TASK_FINISHED));
            answer(exchange, TASK_FINISHED, "task finish", null);
            return;
        }
        if (task.status == 1) {
            task.status = 2;
        }
        long[] range = range(exchange.getRequestHeaders().getFirst("Range"), task.bytes.length);
        task.downloadStarts.add(range == null ? 0 : range[0]);
        long from = range == null ? 0 : range[0];
        long to = range == null ? task.bytes.length - 1 : range[1];
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().add("Ota-Errno", "0");
        if (range != null) {
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + task.bytes.length);
        }
        long length = Math.max(0, to - from + 1);
        exchange.sendResponseHeaders(range == null ? 200 : 206, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            int chunk = 8 * 1024;
            long started = System.nanoTime();
            long sent = 0;
            for (long at = from; at <= to; at += chunk) {
                int count = (int) Math.min(chunk, to - at + 1);
                out.write(task.bytes, (int) at, count);
                out.flush();
                sent += count;
                task.served.addAndGet(count);
                if (bytesPerSecond > 0) {
                    long due = started + sent * 1_000_000_000L / bytesPerSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException closedByTheDevice) {
            // the device went away mid-download: it resumes with a Range
        }
    }

    /** Range {@code start-}, {@code start-end} or {@code -n}; null (the whole file) when absent or malformed. */
    private static long[] range(String header, long length) {
        if (header == null) {
            return null;
        }
        String spec = header.startsWith("bytes=") ? header.substring(6) : header;
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("(\\d*)-(\\d*)").matcher(spec.trim());
        if (!matcher.matches() || matcher.group(1).isEmpty() && matcher.group(2).isEmpty()) {
            return null;
        }
        try {
            if (matcher.group(1).isEmpty()) {
                long last = Long.parseLong(matcher.group(2));
                return new long[] {Math.max(0, length - last), length - 1};
            }
            long start = Long.parseLong(matcher.group(1));
            long end = matcher.group(2).isEmpty() ? length - 1 : Math.min(length - 1, Long.parseLong(matcher.group(2)));
            return start > end && start < length ? null : new long[] {Math.min(start, length), end};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private void step(HttpExchange exchange, Task task) throws IOException {
        JsonNode body = json(exchange);
        int step = body == null || !body.path("step").canConvertToInt() ? -1 : body.path("step").asInt();
        synchronized (task) {
            if (task.status >= 4) {
                answer(exchange, TASK_FINISHED, "task finish", null);
                return;
            }
            Integer next = next(task.status, step);
            if (next == null) {
                OneNetRules.LOG.warn("OTA task {}: step {} refused in status {}", task.tid, step, task.status);
                answer(exchange, STEP_NOT_ALLOWED, "step " + step + " not allowed in status " + task.status, null);
                return;
            }
            task.steps.add(step);
            task.status = next;
            if (step == 201) {
                versions.put(task.productId + "/" + task.deviceName, task.target);
            }
        }
        OneNetRules.LOG.info("OTA task {}: step {} -> status {}", task.tid, step, task.status);
        answer(exchange, 0, "succ", null);
    }

    /** The status a step leads to from {@code status}, or null when the step is not taken there. */
    private static Integer next(int status, int step) {
        if (step >= 0 && step <= 99) {
            return status == 2 ? 2 : null;
        }
        if (step == 100 || step == 101) {
            return status == 2 ? 3 : null;
        }
        if (step >= 102 && step <= 107) {
            return status <= 2 ? 5 : null;
        }
        if (step == 201) {
            return status == 3 ? 4 : null;
        }
        if (step >= 202 && step <= 207) {
            // 205 (MD5 mismatch) comes instead of 100, while the task is still downloading
            return status == 2 || status == 3 ? 5 : null;
        }
        return null;
    }

    private JsonNode json(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readNBytes(64 * 1024);
        try {
            return mapper.readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    private void answer(HttpExchange exchange, int code, String message, JsonNode data) throws IOException {
        ObjectNode answer = mapper.createObjectNode().put("code", code).put("msg", message)
                .put("request_id", Long.toHexString(System.nanoTime()));
        if (data != null) {
            answer.set("data", data);
        }
        byte[] bytes = answer.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    static String md5(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<OtaTaskRecord> records() {
        List<OtaTaskRecord> records = new ArrayList<>();
        tasks.values().forEach(task -> records.add(task.record()));
        return records;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
