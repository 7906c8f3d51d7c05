package io.camelonenet.field;

/** How a source is reached: the part of a points file's source that names the field protocol and its address. */
public sealed interface FieldLink {

    /** The field protocol's key in the points file: {@code modbus-tcp}, {@code modbus-rtu} or {@code opc-ua}. */
    String protocol();

    /** Where the source is, as a log or the status page may show it (never a credential). */
    String address();

    /** Modbus TCP: a host and port (502 unless given). */
    record ModbusTcp(String host, int port) implements FieldLink {
        public String protocol() {
            return "modbus-tcp";
        }

        public String address() {
            return host + ":" + port;
        }
    }

    /** Modbus RTU on a serial line. */
    record ModbusRtu(String port, int baudRate, int dataBits, String parity, int stopBits) implements FieldLink {
        public String protocol() {
            return "modbus-rtu";
        }

        public String address() {
            return port;
        }
    }

    /**
     * OPC UA: an endpoint URL, the security policy asked for and, optionally, a user name and password (from an
     * environment variable or a file).
     */
    record OpcUa(String endpoint, String securityPolicy, String username, Secret password) implements FieldLink {
        public String protocol() {
            return "opc-ua";
        }

        public String address() {
            return endpoint;
        }
    }

    /** A credential and where it came from; only the origin is ever printed. */
    record Secret(String value, String origin) {
        @Override
        public String toString() {
            return origin;
        }
    }
}
