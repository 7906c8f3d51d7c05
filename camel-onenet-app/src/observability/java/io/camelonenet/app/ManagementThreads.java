package io.camelonenet.app;

import io.vertx.core.VertxOptions;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;

/**
 * The management server's Vert.x with a few worker threads instead of Vert.x's 20: its blocking handlers (health,
 * metrics, the status page's JSON) answer one scraper or one page at a time, and 20 idle workers were a third of the
 * threads of a gateway of 10,000 devices (docs/performance.md). Camel's server takes a {@link VertxOptions} from the
 * registry when it makes its Vert.x.
 *
 * <p>Compiled only with the management server on the class path (the observability profile), like {@link StatusPage}.
 */
public final class ManagementThreads extends MainListenerSupport {

    static final int WORKERS = 4;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        main.getCamelContext().getRegistry().bind("onenetManagementVertxOptions",
                new VertxOptions().setWorkerPoolSize(WORKERS).setInternalBlockingPoolSize(WORKERS)
                        .setEventLoopPoolSize(1));
    }
}
