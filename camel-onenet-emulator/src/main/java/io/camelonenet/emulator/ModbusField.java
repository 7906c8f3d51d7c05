package io.camelonenet.emulator;

import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalIn;
import com.ghgande.j2mod.modbus.procimg.SimpleDigitalOut;
import com.ghgande.j2mod.modbus.procimg.SimpleInputRegister;
import com.ghgande.j2mod.modbus.procimg.SimpleProcessImage;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.slave.ModbusSlave;
import com.ghgande.j2mod.modbus.slave.ModbusSlaveFactory;
import com.ghgande.j2mod.modbus.util.SerialParameters;

import java.net.InetAddress;

/**
 * A field device for tests: a real Modbus TCP slave (j2mod's) on loopback (or an RTU slave on a serial line), with {@link #SIZE} holding registers,
 * input registers, coils and discrete inputs, all 0 at first. A test sets what the device holds ({@link #holding},
 * {@link #float32} ...) while the app reads it, stops it and starts it again on the same port.
 */
public final class ModbusField implements AutoCloseable {

    /** Addresses 0 to SIZE - 1 of every table exist unless told otherwise; reading beyond is answered with exception 2. */
    public static final int SIZE = 1000;

    private final int port;
    private final int unitId;
    private final int connections;
    /** Modbus RTU on this serial line instead of TCP; {@code null} for TCP. */
    private final SerialParameters serial;
    private final SimpleProcessImage image;
    private ModbusSlave slave;

    private ModbusField(int port, int unitId, int connections, SerialParameters serial, int size) {
        this.port = port;
        this.unitId = unitId;
        this.connections = connections;
        this.serial = serial;
        this.image = new SimpleProcessImage(unitId);
        for (int address = 0; address < size; address++) {
            image.addRegister(new SimpleRegister(0));
            image.addInputRegister(new SimpleInputRegister(0));
            image.addDigitalOut(new SimpleDigitalOut(false));
            image.addDigitalIn(new SimpleDigitalIn(false));
        }
    }

    /** A device of unit id 1 on a free port of loopback, answering now, to up to 4 masters at once. */
    public static ModbusField start() {
        return start(1, 4);
    }

    /**
     * @param connections how many masters it serves at once: j2mod's slave gives each connection a thread of its
     *                    pool for as long as it stays open, and a master beyond the pool waits unanswered
     */
    public static ModbusField start(int unitId, int connections) {
        return start(unitId, connections, SIZE);
    }

    /** @param size how many addresses each table has (a fleet of devices at their own addresses needs more) */
    public static ModbusField start(int unitId, int connections, int size) {
        ModbusField field = new ModbusField(FreePort.onLoopback(), unitId, connections, null, size);
        field.open();
        return field;
    }

    /**
     * A device of unit id 1 answering Modbus RTU on a serial line (8 data bits, no parity, 1 stop bit), for example
     * one end of a pseudo-terminal pair whose other end the app opens.
     */
    public static ModbusField startSerial(String portName, int baudRate) {
        SerialParameters serial = new SerialParameters();
        serial.setPortName(portName);
        serial.setBaudRate(baudRate);
        serial.setDatabits(8);
        serial.setParity("none");
        serial.setStopbits(1);
        serial.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        serial.setEcho(false);
        ModbusField field = new ModbusField(-1, 1, 1, serial, SIZE);
        field.open();
        return field;
    }

    public int port() {
        return port;
    }

    /** As a points file's {@code modbus-tcp} gives it. */
    public String address() {
        return "127.0.0.1:" + port;
    }

    /** Sets holding registers from {@code address} on, a word each (the low 16 bits). */
    public ModbusField holding(int address, int... words) {
        for (int i = 0; i < words.length; i++) {
            image.getRegister(address + i).setValue(words[i] & 0xFFFF);
        }
        return this;
    }

    /** Sets input registers from {@code address} on. */
    public ModbusField input(int address, int... words) {
        for (int i = 0; i < words.length; i++) {
            ((SimpleInputRegister) image.getInputRegister(address + i)).setValue(words[i] & 0xFFFF);
        }
        return this;
    }

    public ModbusField coil(int address, boolean value) {
        image.getDigitalOut(address).set(value);
        return this;
    }

    public ModbusField discrete(int address, boolean value) {
        ((SimpleDigitalIn) image.getDigitalIn(address)).set(value);
        return this;
    }

    /** The holding register's word, as a write left it. */
    public int holding(int address) {
        return image.getRegister(address).toUnsignedShort();
    }

    public boolean coil(int address) {
        return image.getDigitalOut(address).isSet();
    }

    /** A 32-bit float over two holding registers, the most significant word first unless {@code littleWordOrder}. */
    public ModbusField float32(int address, float value, boolean littleWordOrder) {
        return int32(address, Float.floatToIntBits(value), littleWordOrder);
    }

    public ModbusField int32(int address, int value, boolean littleWordOrder) {
        int high = value >>> 16;
        int low = value & 0xFFFF;
        return littleWordOrder ? holding(address, low, high) : holding(address, high, low);
    }

    public ModbusField float64(int address, double value, boolean littleWordOrder) {
        long bits = Double.doubleToLongBits(value);
        int[] words = {(int) (bits >>> 48), (int) (bits >>> 32), (int) (bits >>> 16), (int) bits};
        if (littleWordOrder) {
            words = new int[] {words[3], words[2], words[1], words[0]};
        }
        return holding(address, words);
    }

    /** Stops answering: the port closes, connections are dropped. The registers keep their values. */
    public synchronized void stop() {
        if (slave != null) {
            ModbusSlaveFactory.close(slave);
            slave = null;
        }
    }

    /** Answers again, on the same port. */
    public synchronized void restart() {
        open();
    }

    private synchronized void open() {
        try {
            slave = serial != null ? ModbusSlaveFactory.createSerialSlave(serial)
                    : ModbusSlaveFactory.createTCPSlave(InetAddress.getLoopbackAddress(), port, connections, false);
            slave.addProcessImage(unitId, image);
            slave.open();
        } catch (ModbusException e) {
            throw new IllegalStateException("the Modbus slave cannot listen on " + (serial != null
                    ? serial.getPortName() : "port " + port) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stop();
    }
}
