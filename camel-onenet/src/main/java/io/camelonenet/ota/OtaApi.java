package io.camelonenet.ota;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelonenet.datapoint.JsonMappers;
import io.camelonenet.inbound.LogText;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The current platform's OTA API, device side (docs/protocol-notes.md, Firmware upgrades), through the JDK's HTTP
 * client (TLS verified against the JDK's trust store, no redirects followed): under
 * {@code /fuse-ota/{pid}/{device name}} report the version, check for a task, download the package by ranges, report
 * steps and read a task's status. Every request carries the device's token in {@code Authorization}; the token is
 * never logged or put in an error. Answers are JSON {@code {"code":0,"msg","data"}}, read up to 64 KiB.
 */
public final class OtaApi {

    /** An answer's bound: a JSON answer is small; only the download streams. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;
    /** The firmware type the version names: 2, an application package with {@code f_version} [I]. */
    static final int FIRMWARE_TYPE = 2;

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;

    /** @param base the API's address, e.g. {@code https://iot-api.heclouds.com} */
    public OtaApi(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** One device's calls, with a fresh token from {@code token} for each. */
    public Device device(String productId, String deviceName, Supplier<String> token) {
        return new Device(base.resolve("/fuse-ota/" + segment(productId) + "/" + segment(deviceName) + "/"), token);
    }

    /** The calls of one device. */
    public final class Device {

        private final URI path;
        private final Supplier<String> token;

        private Device(URI path, Supplier<String> token) {
            this.path = path;
            this.token = token;
        }

        /** {@code POST version}: the firmware version the device runs now. */
        public void reportVersion(String version) throws IOException, InterruptedException {
            ObjectNode body = JsonMappers.plain().createObjectNode().put("f_version", version);
            answer(post("version", body));
        }

        /**
         * {@code GET check}: the task waiting for the device at {@code version}. A non-zero code means none; the
         * {@link OtaRefusedException} says which (the platform documents no code for "no task").
         */
        public OtaTask check(String version) throws IOException, InterruptedException {
            JsonNode answer = answer(get("check?type=" + FIRMWARE_TYPE + "&version=" + query(version)));
            JsonNode data = answer.path("data");
            long tid = data.path("tid").asLong(-1);
            long size = data.path("size").asLong(-1);
            String target = data.path("target").asText("");
            String md5 = data.path("md5").asText("");
            if (tid < 0 || size < 0 || target.isEmpty() || !md5.matches("[0-9a-fA-F]{32}")) {
                throw new IOException("the platform's task is incomplete: " + LogText.of(data, 200));
            }
            return new OtaTask(tid, target, size, md5.toLowerCase(java.util.Locale.ROOT),
                    data.path("status").asInt(OtaTask.WAITING));
        }

        /** {@code GET {tid}/check}: the task's status now. */
        public int status(long tid, String version) throws IOException, InterruptedException {
            return answer(get(tid + "/check?type=" + FIRMWARE_TYPE + "&version=" + query(version))).path("data")
                    .path("status").asInt(-1);
        }

        /** {@code POST {tid}/status}: a step of the task (progress, downloaded, upgraded, a failure's code). */
        public void reportStep(long tid, int step) throws IOException, InterruptedException {
            answer(post(tid + "/status", JsonMappers.plain().createObjectNode().put("step", step)));
        }

        /**
         * {@code GET {tid}/download} from byte {@code from} on ({@code Range: from-}): the package's bytes, or from
         * its start when the server sent it whole (the first long of the answer says where it starts).
         */
        public Download download(long tid, long from) throws IOException, InterruptedException {
            HttpRequest request = request(tid + "/download").header("Range", from + "-").GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String errno = response.headers().firstValue("Ota-Errno").orElse("0");
            boolean bytes = response.headers().firstValue("Content-Type").orElse("")
                    .startsWith("application/octet-stream");
            if ((response.statusCode() != 200 && response.statusCode() != 206) || !errno.equals("0") || !bytes) {
                // a refusal is JSON with a code (a cancelled task: 20)
                try (InputStream body = response.body()) {
                    OtaApi.answer(response.statusCode(), body);
                }
                throw new IOException("download of task " + tid + ": HTTP " + response.statusCode() + ", Ota-Errno "
                        + LogText.of(errno, 20));
            }
            return new Download(response.statusCode() == 206 ? from : 0, response.body());
        }

        private HttpRequest.Builder request(String relative) {
            return HttpRequest.newBuilder(path.resolve(relative)).timeout(timeout)
                    .header("Authorization", token.get());
        }

        private HttpResponse<InputStream> post(String relative, JsonNode body) throws IOException,
                InterruptedException {
            return http.send(request(relative).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
        }

        private HttpResponse<InputStream> get(String relative) throws IOException, InterruptedException {
            return http.send(request(relative).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        }

        private JsonNode answer(HttpResponse<InputStream> response) throws IOException {
            try (InputStream body = response.body()) {
                return OtaApi.answer(response.statusCode(), body);
            }
        }
    }

    /** A package's bytes as sent, starting at byte {@code from} of the package. */
    public record Download(long from, InputStream bytes) {
    }

    /** An answer's JSON, read within its bound; a code other than 0 is an {@link OtaRefusedException}. */
    static JsonNode answer(int status, InputStream body) throws IOException {
        byte[] read = body.readNBytes(MAX_ANSWER_BYTES + 1);
        if (read.length > MAX_ANSWER_BYTES) {
            throw new IOException("the OTA API's answer is over " + MAX_ANSWER_BYTES + " bytes (HTTP " + status + ")");
        }
        JsonNode answer;
        try {
            answer = JsonMappers.plain().readTree(read);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject() || !answer.has("code")) {
            throw new IOException("the OTA API answered HTTP " + status + " without a JSON code");
        }
        int code = answer.path("code").asInt(-1);
        if (code != 0) {
            throw new OtaRefusedException(code, "the OTA API refused: code " + code + ", "
                    + LogText.of(answer.path("msg").asText("no message"), 200));
        }
        return answer;
    }

    private static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
