package io.camelonenet.bench;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;
import io.camelonenet.emulator.ModbusField;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.TimeUnit;

/**
 * The field devices of {@link FieldPointsBenchmark}, in a process of their own: one j2mod Modbus TCP slave serving
 * {@code devices} devices of {@code points} holding registers each (device i at addresses i * points ...), to as
 * many connections. Every second the first three registers of every device take a step of a random walk, so that
 * on-change reporting has something to report; a line {@code hold} on its input stops that, {@code move} starts it
 * again. Prints {@code port <n>} once it answers.
 * <pre>ModbusFieldFleet devices points</pre>
 */
public final class ModbusFieldFleet {

    private ModbusFieldFleet() {
    }

    public static void main(String[] args) throws Exception {
        int devices = Integer.parseInt(args[0]);
        int points = Integer.parseInt(args[1]);
        // each connection holds a thread of j2mod's pool: the app's and the raw loop's, with room to spare
        ModbusField field = ModbusField.start(1, devices + 50, devices * points);
        for (int device = 0; device < devices; device++) {
            for (int point = 0; point < points; point++) {
                field.holding(device * points + point, 1000 + point);
            }
        }
        // j2mod's listener starts its pool of threads before it accepts: answered once a read goes through
        for (boolean answered = false; !answered; ) {
            ModbusTCPMaster probe = new ModbusTCPMaster("127.0.0.1", field.port(), 5000, false);
            try {
                probe.connect();
                probe.readMultipleRegisters(1, 0, 1);
                answered = true;
            } catch (Exception notYet) {
                TimeUnit.MILLISECONDS.sleep(100);
            } finally {
                probe.disconnect();
            }
        }
        System.out.println("port " + field.port());
        System.out.flush();
        AtomicBoolean moving = new AtomicBoolean(true);
        Thread control = new Thread(() -> new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                .lines().forEach(line -> moving.set(!line.strip().equals("hold"))), "fleet-control");
        control.setDaemon(true);
        control.start();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!Thread.currentThread().isInterrupted()) {
            TimeUnit.SECONDS.sleep(1);
            for (int device = 0; device < devices && moving.get(); device++) {
                for (int point = 0; point < 3; point++) {
                    int address = device * points + point;
                    field.holding(address, field.holding(address) + random.nextInt(-3, 4));
                }
            }
        }
    }
}
