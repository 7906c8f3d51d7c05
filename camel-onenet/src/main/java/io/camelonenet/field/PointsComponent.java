package io.camelonenet.field;

import org.apache.camel.Endpoint;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.annotations.Component;
import org.apache.camel.support.DefaultComponent;
import org.apache.camel.support.service.ServiceHelper;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;

/**
 * {@code onenet-points:name}: the readings of a points file's field devices. Its consumer receives one exchange per
 * poll of a source with anything due to report: the body a map of point name to value, the headers naming the
 * source's device ({@code OneNetDeviceId}, or {@code OneNetProductId} and {@code OneNetDeviceName}) and the poll's
 * time ({@code OneNetReadingTime}). A value counts as reported when its exchange completes; one that failed is
 * reported again at the next poll.
 */
@Component("onenet-points")
public class PointsComponent extends DefaultComponent {

    @Metadata(description = "The sources (a FieldSources bean, as the app makes from onenet.points.file); unset, the"
            + " component reads its own from file")
    private FieldSources sources;
    @Metadata(description = "Without a sources bean: the points file to read (re-read while running)")
    private String file;
    @Metadata(description = "Without a sources bean: where the last reported values are kept across restarts; unset,"
            + " in memory only")
    private String stateFile;
    private boolean ownSources;

    public PointsComponent() {
    }

    public PointsComponent(FieldSources sources) {
        this.sources = sources;
    }

    public FieldSources getSources() {
        return sources;
    }

    public void setSources(FieldSources sources) {
        this.sources = sources;
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getStateFile() {
        return stateFile;
    }

    public void setStateFile(String stateFile) {
        this.stateFile = stateFile;
    }

    @Override
    protected Endpoint createEndpoint(String uri, String remaining, Map<String, Object> parameters) throws Exception {
        if (sources == null && file != null) {
            Path points = Path.of(file);
            // no app here to check the sources' devices against: a route of one's own names what it sends to
            Consumer<List<FieldSource>> noDeviceCheck = read -> { };
            sources = new FieldSources(points, FieldSources.read(points, noDeviceCheck), noDeviceCheck,
                    stateFile == null ? LastReported.inMemory() : LastReported.load(Path.of(stateFile)));
            ownSources = true;
        }
        PointsEndpoint endpoint = new PointsEndpoint(uri, this, remaining, sources);
        setProperties(endpoint, parameters);
        return endpoint;
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        if (ownSources) {
            ServiceHelper.startService(sources);
        }
    }

    @Override
    protected void doStop() throws Exception {
        super.doStop();
        if (ownSources) {
            // sources the component read are the component's to stop; a bean's belong to whoever made it
            ServiceHelper.stopService(sources);
        }
    }
}
