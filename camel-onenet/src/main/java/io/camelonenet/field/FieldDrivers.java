package io.camelonenet.field;

import io.camelonenet.field.modbus.ModbusReader;

import java.nio.file.Path;
import java.util.List;

/**
 * The field protocols' readers, each an optional library of camel-onenet: a points file that needs one missing from
 * the class path is refused naming the artifact, before any source starts.
 */
public final class FieldDrivers {

    private static final String J2MOD = "com.ghgande.j2mod.modbus.facade.ModbusTCPMaster";
    private static final String JSERIALCOMM = "com.fazecast.jSerialComm.SerialPort";

    private FieldDrivers() {
    }

    /** Refuses the file when a source's protocol has no reader here or its library is missing. */
    public static void check(Path file, List<FieldSource> sources) {
        for (FieldSource source : sources) {
            String where = "source '" + source.name() + "' (" + source.link().protocol() + ")";
            FieldLink link = source.link();
            if (link instanceof FieldLink.OpcUa) {
                throw new InvalidPointsFileException(file, where + ": OPC UA sources are not read by this version"
                        + " yet (docs/field-devices.md)");
            }
            require(file, where, J2MOD, "com.ghgande:j2mod");
            if (link instanceof FieldLink.ModbusRtu) {
                require(file, where, JSERIALCOMM, "com.fazecast:jSerialComm");
            }
        }
    }

    /** The reader of a source {@link #check} accepted. */
    static FieldReader reader(FieldSource source) {
        return new ModbusReader(source);
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
