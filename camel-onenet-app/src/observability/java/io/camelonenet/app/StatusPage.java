package io.camelonenet.app;

import io.camelonenet.health.StatusReport;
import io.camelonenet.inbound.LogText;
import io.camelonenet.inbound.RepeatedWarning;
import io.camelonenet.setup.OneNetConfiguration;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import org.apache.camel.CamelContext;
import org.apache.camel.StartupListener;
import org.apache.camel.component.platform.http.main.ManagementHttpServer;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The operators' status page on Camel's management server, beside {@code /observe/health}: the page at {@code /}, its
 * two assets, and the JSON it reads, {@code /observe/status} ({@link StatusReport}). Read-only (GET only), and
 * nothing loaded from elsewhere: the assets are in the app's jar, and the Content-Security-Policy lets the page load
 * nothing but them and the JSON.
 *
 * <p>Compiled only with the management server on the class path (the observability profile); the app adds it when
 * the class is there.
 */
public final class StatusPage extends MainListenerSupport implements StartupListener {

    static final String JSON_PATH = "/observe/status";
    private static final String ASSETS = "io/camelonenet/app/status/";
    /** Nothing from elsewhere, no inline script, no framing by another site. */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self';"
            + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    private final RepeatedWarning failures = new RepeatedWarning(LoggerFactory.getLogger(StatusPage.class));

    @Override
    public void afterConfigure(BaseMainSupport main) {
        try {
            main.getCamelContext().addStartupListener(this);
        } catch (Exception e) {
            throw new IllegalStateException("the status page cannot be added", e);
        }
    }

    @Override
    public void onCamelContextStarted(CamelContext context, boolean alreadyStarted) {
        // the management server's router exists once the context has fully started
    }

    @Override
    public void onCamelContextFullyStarted(CamelContext context, boolean alreadyStarted) {
        ManagementHttpServer server = context.hasService(ManagementHttpServer.class);
        StatusReport report = context.getRegistry().lookupByNameAndType(OneNetConfiguration.STATUS_BEAN,
                StatusReport.class);
        if (server == null || report == null) {
            return;
        }
        asset(server, "/", "index.html", "text/html; charset=utf-8");
        asset(server, "/status.js", "status.js", "text/javascript; charset=utf-8");
        asset(server, "/status.css", "status.css", "text/css; charset=utf-8");
        // blocking: a page of a gateway's devices asks the buffer for each one's count
        server.getRouter().route(HttpMethod.GET, JSON_PATH).blockingHandler(request -> {
            Map<String, String> parameters = new HashMap<>();
            request.queryParams().forEach(entry -> parameters.putIfAbsent(entry.getKey(), entry.getValue()));
            String json;
            try {
                json = report.json(parameters);
            } catch (RuntimeException e) {
                // one line, not Vert.x's stack trace per request of a page that asks every 2 s
                failures.warn(() -> "The status page's document cannot be read: " + LogText.of(e));
                headers(request, "text/plain; charset=utf-8").setStatusCode(500)
                        .end("the status cannot be read now; the app's log says why");
                return;
            }
            headers(request, "application/json; charset=utf-8").end(json);
        }, false);
    }

    private static void asset(ManagementHttpServer server, String path, String resource, String type) {
        byte[] bytes = read(resource);
        server.getRouter().route(HttpMethod.GET, path).handler(request -> headers(request, type)
                .end(io.vertx.core.buffer.Buffer.buffer(bytes)));
    }

    private static io.vertx.core.http.HttpServerResponse headers(RoutingContext request, String type) {
        return request.response()
                .putHeader("Content-Type", type)
                .putHeader("Cache-Control", "no-store")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Content-Security-Policy", POLICY);
    }

    private static byte[] read(String resource) {
        try (InputStream in = StatusPage.class.getClassLoader().getResourceAsStream(ASSETS + resource)) {
            if (in == null) {
                throw new IllegalStateException("the status page's " + resource + " is missing from the app's jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
