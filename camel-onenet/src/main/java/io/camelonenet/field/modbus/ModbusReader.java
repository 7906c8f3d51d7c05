package io.camelonenet.field.modbus;

import com.ghgande.j2mod.modbus.ModbusException;
import com.ghgande.j2mod.modbus.ModbusSlaveException;
import com.ghgande.j2mod.modbus.Modbus;
import com.ghgande.j2mod.modbus.facade.AbstractModbusMaster;
import com.ghgande.j2mod.modbus.facade.ModbusSerialMaster;
import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import com.ghgande.j2mod.modbus.util.SerialParameters;
import com.ghgande.j2mod.modbus.procimg.InputRegister;
import com.ghgande.j2mod.modbus.procimg.Register;
import com.ghgande.j2mod.modbus.procimg.SimpleRegister;
import com.ghgande.j2mod.modbus.util.BitVector;
import io.camelonenet.field.FieldLink;
import io.camelonenet.field.FieldPoint;
import io.camelonenet.field.FieldReader;
import io.camelonenet.field.FieldSource;
import io.camelonenet.field.FieldWriteException;
import io.camelonenet.field.PollResult;
import io.camelonenet.field.RegisterTable;

import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a Modbus source, TCP or RTU, with j2mod's master: one request per {@link RegisterBlock}, on one connection
 * (or open serial port) kept between polls. An exception response fails the points of its block only; a connection that is refused, closed or
 * silent past the source's timeout fails the poll (the poller backs off and reconnects).
 */
public final class ModbusReader implements FieldReader {

    private final FieldSource source;
    private final List<RegisterBlock> blocks;
    /** A map of every point's value without a resize. */
    private final int capacity;
    /** Each block's last words and what they decoded to: a block that did not change is not decoded again. */
    private final Decoded[] decoded;
    private AbstractModbusMaster master;

    public ModbusReader(FieldSource source) {
        if (!(source.link() instanceof FieldLink.ModbusTcp || source.link() instanceof FieldLink.ModbusRtu)) {
            throw new IllegalArgumentException("source " + source.name() + " is not a Modbus source");
        }
        this.source = source;
        this.blocks = RegisterBlock.plan(source.points());
        this.capacity = source.points().size() * 4 / 3 + 1;
        this.decoded = new Decoded[blocks.size()];
    }

    @Override
    public synchronized PollResult read() throws Exception {
        long time = System.currentTimeMillis();
        long started = System.nanoTime();
        AbstractModbusMaster connected = connect();
        Map<String, Object> values = new LinkedHashMap<>(capacity);
        boolean unchanged = true;
        Map<String, String> errors = new LinkedHashMap<>(4);
        for (int b = 0; b < blocks.size(); b++) {
            RegisterBlock block = blocks.get(b);
            int[] words;
            try {
                words = read(connected, block);
            } catch (ModbusSlaveException refused) {
                String why = "the device answered exception " + refused.getType() + " (" + refused.getMessage()
                        + ") to " + block.table().key() + " " + block.start() + "-" + (block.start() + block.count() - 1);
                block.points().forEach(point -> errors.put(point.name(), why));
                unchanged = false;
                continue;
            } catch (ModbusException lost) {
                close();
                throw new IOException(where() + ": " + lost.getMessage(), lost);
            }
            Decoded decoded = this.decoded[b];
            if (decoded == null || !Arrays.equals(decoded.words(), words)) {
                decoded = Decoded.of(block, words);
                this.decoded[b] = decoded;
                unchanged = false;
            }
            decoded.addTo(block, values, errors);
        }
        return new PollResult(time, System.nanoTime() - started, values, errors, unchanged && errors.isEmpty());
    }

    private AbstractModbusMaster connect() throws IOException {
        if (master == null || !master.isConnected()) {
            close();
            AbstractModbusMaster opened = open();
            // one try per request: the poller decides when to try again, with backoff, and a request never waits
            // more than the source's timeout
            opened.setRetries(1);
            try {
                opened.connect();
            } catch (Exception refused) {
                opened.disconnect();
                throw new IOException(where() + ": cannot connect: " + refused.getMessage(), refused);
            }
            master = opened;
        }
        return master;
    }

    private AbstractModbusMaster open() {
        int timeout = (int) source.timeout();
        if (source.link() instanceof FieldLink.ModbusTcp tcp) {
            return new ModbusTCPMaster(tcp.host(), tcp.port(), timeout, false);
        }
        FieldLink.ModbusRtu rtu = (FieldLink.ModbusRtu) source.link();
        SerialParameters serial = new SerialParameters();
        serial.setPortName(rtu.port());
        serial.setBaudRate(rtu.baudRate());
        serial.setDatabits(rtu.dataBits());
        serial.setParity(rtu.parity());
        serial.setStopbits(rtu.stopBits());
        serial.setEncoding(Modbus.SERIAL_ENCODING_RTU);
        serial.setEcho(false);
        return new ModbusSerialMaster(serial, timeout);
    }

    private String where() {
        return source.link().protocol() + " " + source.link().address();
    }

    @Override
    public synchronized void write(FieldPoint point, Object value) throws FieldWriteException {
        Object words;
        try {
            words = point.table() == RegisterTable.COIL ? (Object) RegisterEncoder.bool(value)
                    : RegisterEncoder.encode(point, value);
        } catch (IllegalArgumentException wrong) {
            throw new FieldWriteException(point.name() + ": " + wrong.getMessage(), true);
        }
        try {
            AbstractModbusMaster connected = connect();
            if (words instanceof Boolean state) {
                connected.writeCoil(source.unitId(), point.address(), state);
            } else {
                int[] registers = (int[]) words;
                if (registers.length == 1) {
                    connected.writeSingleRegister(source.unitId(), point.address(), new SimpleRegister(registers[0]));
                } else {
                    Register[] many = new Register[registers.length];
                    for (int i = 0; i < registers.length; i++) {
                        many[i] = new SimpleRegister(registers[i]);
                    }
                    connected.writeMultipleRegisters(source.unitId(), point.address(), many);
                }
            }
        } catch (ModbusSlaveException refused) {
            throw new FieldWriteException(point.name() + ": the device answered exception " + refused.getType() + " ("
                    + refused.getMessage() + ")", false);
        } catch (IOException unreachable) {
            throw new FieldWriteException(point.name() + ": " + unreachable.getMessage(), false);
        } catch (ModbusException lost) {
            close();
            throw new FieldWriteException(point.name() + ": " + where() + ": " + lost.getMessage(), false);
        }
    }

    /** The block's registers as unsigned words, or its bits as 0 and 1; an answer of another size is refused. */
    private int[] read(AbstractModbusMaster connected, RegisterBlock block) throws ModbusException {
        int unit = source.unitId();
        int[] words = new int[block.count()];
        switch (block.table()) {
            case COIL, DISCRETE -> {
                BitVector bits = block.table() == RegisterTable.COIL
                        ? connected.readCoils(unit, block.start(), block.count())
                        : connected.readInputDiscretes(unit, block.start(), block.count());
                if (bits.size() < block.count()) {
                    throw new ModbusException("the device answered " + bits.size() + " bits of " + block.count());
                }
                for (int i = 0; i < words.length; i++) {
                    words[i] = bits.getBit(i) ? 1 : 0;
                }
            }
            case HOLDING, INPUT -> {
                InputRegister[] registers = block.table() == RegisterTable.HOLDING
                        ? connected.readMultipleRegisters(unit, block.start(), block.count())
                        : connected.readInputRegisters(unit, block.start(), block.count());
                if (registers == null || registers.length != block.count()) {
                    throw new ModbusException("the device answered " + (registers == null ? 0 : registers.length)
                            + " registers of " + block.count());
                }
                for (int i = 0; i < words.length; i++) {
                    words[i] = registers[i].toUnsignedShort();
                }
            }
        }
        return words;
    }

    @Override
    public synchronized void close() {
        if (master != null) {
            master.disconnect();
            master = null;
        }
    }

    /** A block's words and its points' values (or why a point has none), in the block's order. */
    private record Decoded(int[] words, Object[] values, String[] errors) {

        static Decoded of(RegisterBlock block, int[] words) {
            List<FieldPoint> points = block.points();
            Object[] values = new Object[points.size()];
            String[] errors = new String[points.size()];
            for (int i = 0; i < values.length; i++) {
                FieldPoint point = points.get(i);
                try {
                    values[i] = point.scaled(RegisterDecoder.decode(point, words, point.address() - block.start()));
                } catch (IllegalArgumentException notANumber) {
                    errors[i] = notANumber.getMessage();
                }
            }
            return new Decoded(words, values, errors);
        }

        void addTo(RegisterBlock block, Map<String, Object> values, Map<String, String> errors) {
            List<FieldPoint> points = block.points();
            for (int i = 0; i < this.values.length; i++) {
                if (this.values[i] != null) {
                    values.put(points.get(i).name(), this.values[i]);
                } else {
                    errors.put(points.get(i).name(), this.errors[i]);
                }
            }
        }
    }
}
