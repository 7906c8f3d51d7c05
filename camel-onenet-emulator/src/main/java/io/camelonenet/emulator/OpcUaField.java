package io.camelonenet.emulator;

import org.eclipse.milo.opcua.sdk.core.AccessLevel;
import org.eclipse.milo.opcua.sdk.server.EndpointConfig;
import org.eclipse.milo.opcua.sdk.server.ManagedNamespaceWithLifecycle;
import org.eclipse.milo.opcua.sdk.server.OpcUaServer;
import org.eclipse.milo.opcua.sdk.server.OpcUaServerConfig;
import org.eclipse.milo.opcua.sdk.server.items.DataItem;
import org.eclipse.milo.opcua.sdk.server.items.MonitoredItem;
import org.eclipse.milo.opcua.sdk.server.nodes.UaFolderNode;
import org.eclipse.milo.opcua.sdk.server.nodes.UaVariableNode;
import org.eclipse.milo.opcua.sdk.server.util.SubscriptionModel;
import org.eclipse.milo.opcua.stack.core.Identifiers;
import org.eclipse.milo.opcua.stack.core.security.SecurityPolicy;
import org.eclipse.milo.opcua.stack.core.transport.TransportProfile;
import org.eclipse.milo.opcua.stack.core.types.builtin.DataValue;
import org.eclipse.milo.opcua.stack.core.types.builtin.LocalizedText;
import org.eclipse.milo.opcua.stack.core.types.builtin.NodeId;
import org.eclipse.milo.opcua.stack.core.types.builtin.Variant;
import org.eclipse.milo.opcua.stack.core.types.enumerated.MessageSecurityMode;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransport;
import org.eclipse.milo.opcua.stack.transport.server.tcp.OpcTcpServerTransportConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

/**
 * A field device for tests: a real OPC UA server (Eclipse Milo's) on loopback, without security, whose variables a
 * test sets while the app subscribes to them, and may stop and start again on the same port (values kept, the
 * subscriptions of its clients lost, as a restarted server loses them).
 */
public final class OpcUaField implements AutoCloseable {

    private static final String NAMESPACE_URI = "urn:camel-onenet:test-field";

    private final int port;
    private final Map<String, Object> values = new ConcurrentHashMap<>();
    private OpcUaServer server;
    private FieldNamespace namespace;

    private OpcUaField(int port, Map<String, Object> initial) {
        this.port = port;
        this.values.putAll(initial);
    }

    /**
     * A server with one variable per entry of {@code variables}, named by the key, of the value's type (Double,
     * Float, Integer, Long, Short, Boolean), writable by clients.
     */
    public static OpcUaField start(Map<String, Object> variables) {
        OpcUaField field = new OpcUaField(FreePort.onLoopback(), new LinkedHashMap<>(variables));
        field.open();
        return field;
    }

    /** As a points file's {@code opc-ua} gives it. */
    public String endpoint() {
        return "opc.tcp://127.0.0.1:" + port + "/field";
    }

    public int port() {
        return port;
    }

    /** The node id of a variable, as a points file's {@code node} gives it. */
    public String node(String variable) {
        return "ns=" + namespace.getNamespaceIndex() + ";s=" + variable;
    }

    /** Sets a variable (of the type it was created with); subscribed clients see the change. */
    public synchronized OpcUaField set(String variable, Object value) {
        values.put(variable, value);
        namespace.nodes.get(variable).setValue(new DataValue(new Variant(value)));
        return this;
    }

    /** The variable's value now, as the test or a client's write left it. */
    public synchronized Object value(String variable) {
        return namespace.nodes.get(variable).getValue().value().value();
    }

    /** Stops serving: the port closes, sessions and subscriptions are gone. */
    public synchronized void stop() {
        if (server != null) {
            namespace.nodes.forEach((name, node) -> values.put(name, node.getValue().value().value()));
            try {
                namespace.shutdown();
                server.shutdown().get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException e) {
                throw new IllegalStateException("the OPC UA server did not stop: " + e.getCause(), e);
            }
            server = null;
        }
    }

    /** Serves again on the same port, with the values it had. */
    public synchronized void restart() {
        open();
    }

    @Override
    public void close() {
        stop();
    }

    private synchronized void open() {
        EndpointConfig endpoint = EndpointConfig.newBuilder()
                .setTransportProfile(TransportProfile.TCP_UASC_UABINARY)
                .setBindAddress("127.0.0.1")
                .setBindPort(port)
                .setHostname("127.0.0.1")
                .setPath("/field")
                .setSecurityPolicy(SecurityPolicy.None)
                .setSecurityMode(MessageSecurityMode.None)
                .addTokenPolicies(OpcUaServerConfig.USER_TOKEN_POLICY_ANONYMOUS)
                .build();
        OpcUaServerConfig config = OpcUaServerConfig.builder()
                .setEndpoints(Set.of(endpoint))
                .setApplicationName(LocalizedText.english("camel-onenet test field device"))
                .setApplicationUri("urn:camel-onenet:test-field:server")
                .setProductUri("urn:camel-onenet:test-field")
                .build();
        server = new OpcUaServer(config, profile -> new OpcTcpServerTransport(
                OpcTcpServerTransportConfig.newBuilder().build()));
        namespace = new FieldNamespace(server, values);
        namespace.startup();
        try {
            server.startup().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("the OPC UA server cannot listen on port " + port + ": " + e.getCause(),
                    e);
        }
    }

    /** The test variables, in a folder under Objects, with Milo's subscription model for monitored items. */
    private static final class FieldNamespace extends ManagedNamespaceWithLifecycle {

        private final SubscriptionModel subscriptions;
        private final Map<String, UaVariableNode> nodes = new ConcurrentHashMap<>();

        FieldNamespace(OpcUaServer server, Map<String, Object> values) {
            super(server, NAMESPACE_URI);
            this.subscriptions = new SubscriptionModel(server, this);
            getLifecycleManager().addLifecycle(subscriptions);
            getLifecycleManager().addStartupTask(() -> createNodes(values));
        }

        private void createNodes(Map<String, Object> values) {
            UaFolderNode folder = new UaFolderNode(getNodeContext(), newNodeId("field"), newQualifiedName("field"),
                    LocalizedText.english("field"));
            getNodeManager().addNode(folder);
            folder.addReference(new org.eclipse.milo.opcua.sdk.core.Reference(folder.getNodeId(),
                    Identifiers.Organizes, Identifiers.ObjectsFolder.expanded(), false));
            values.forEach((name, value) -> {
                UaVariableNode node = UaVariableNode.build(getNodeContext(), builder -> builder
                        .setNodeId(newNodeId(name))
                        .setBrowseName(newQualifiedName(name))
                        .setDisplayName(LocalizedText.english(name))
                        .setDataType(dataType(value))
                        .setAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE))
                        .setUserAccessLevel(AccessLevel.toValue(AccessLevel.READ_WRITE))
                        .setValue(new DataValue(new Variant(value)))
                        .buildAndAdd());
                folder.addOrganizes(node);
                nodes.put(name, node);
            });
        }

        private static NodeId dataType(Object value) {
            if (value instanceof Double) {
                return Identifiers.Double;
            } else if (value instanceof Float) {
                return Identifiers.Float;
            } else if (value instanceof Integer) {
                return Identifiers.Int32;
            } else if (value instanceof Long) {
                return Identifiers.Int64;
            } else if (value instanceof Short) {
                return Identifiers.Int16;
            } else if (value instanceof Boolean) {
                return Identifiers.Boolean;
            }
            return Identifiers.String;
        }

        @Override
        public void onDataItemsCreated(List<DataItem> items) {
            subscriptions.onDataItemsCreated(items);
        }

        @Override
        public void onDataItemsModified(List<DataItem> items) {
            subscriptions.onDataItemsModified(items);
        }

        @Override
        public void onDataItemsDeleted(List<DataItem> items) {
            subscriptions.onDataItemsDeleted(items);
        }

        @Override
        public void onMonitoringModeChanged(List<MonitoredItem> items) {
            subscriptions.onMonitoringModeChanged(items);
        }
    }
}
