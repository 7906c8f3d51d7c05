package io.camelonenet.field;

import io.camelonenet.field.modbus.ModbusReader;
import io.camelonenet.inbound.LogText;
import io.camelonenet.field.opcua.OpcUaReader;

import java.nio.file.Path;
import java.util.List;

/**
 * The field protocols' readers, each an optional library of camel-onenet: a points file that needs one missing from
 * the class path is refused naming the artifact, before any source starts.
 */
public final class FieldDrivers {

    private static final String J2MOD = "com.ghgande.j2mod.modbus.facade.ModbusTCPMaster";
    private static final String JSERIALCOMM = "com.fazecast.jSerialComm.SerialPort";
    private static final String MILO = "org.eclipse.milo.opcua.sdk.client.OpcUaClient";

    private FieldDrivers() {
    }

    /** Refuses the file when a source's protocol has no reader here or its library is missing. */
    public static void check(Path file, List<FieldSource> sources) {
        for (FieldSource source : sources) {
            String where = "source '" + source.name() + "' (" + source.link().protocol() + ")";
            FieldLink link = source.link();
            if (link instanceof FieldLink.OpcUa opcUa) {
                if (!opcUa.securityPolicy().equals("None")) {
                    throw new InvalidPointsFileException(file, where + ": security-policy " + opcUa.securityPolicy()
                            + " is not supported by this version yet, only None (docs/field-devices.md)");
                }
                require(file, where, MILO, "org.eclipse.milo:milo-sdk-client");
                for (FieldPoint point : source.points()) {
                    if (!OpcUaReader.isNodeId(point.node())) {
                        throw new InvalidPointsFileException(file, where + ", point '" + point.name() + "': node '"
                                + LogText.of(point.node(), 80) + "' is not an OPC UA node id (ns=2;s=Name,"
                                + " ns=2;i=1001)");
                    }
                }
                continue;
            }
            require(file, where, J2MOD, "com.ghgande:j2mod");
            if (link instanceof FieldLink.ModbusRtu) {
                require(file, where, JSERIALCOMM, "com.fazecast:jSerialComm");
            }
        }
    }

    /** The reader of a source {@link #check} accepted. */
    static FieldReader reader(FieldSource source) {
        return source.link() instanceof FieldLink.OpcUa ? new OpcUaReader(source) : new ModbusReader(source);
    }

    private static void require(Path file, String where, String className, String artifact) {
        try {
            Class.forName(className, false, FieldDrivers.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new InvalidPointsFileException(file, where + " needs " + artifact + " on the class path (an"
                    + " optional dependency of camel-onenet)");
        }
    }
}
