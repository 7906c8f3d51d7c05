package io.camelonenet.bench;

import com.ghgande.j2mod.modbus.facade.ModbusTCPMaster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The raw loop {@link FieldPointsBenchmark} compares the app with: j2mod's master alone, one connection per device
 * as the app opens, {@code threads} threads each reading its share of the devices' {@code points} registers in one
 * request, over and over, as fast as they answer, for {@code seconds}. Prints
 * {@code raw <reads> <seconds> <cpu-seconds> <rss-bytes> <threads>}.
 * <pre>RawModbusLoop port devices points threads seconds</pre>
 */
public final class RawModbusLoop {

    private RawModbusLoop() {
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int devices = Integer.parseInt(args[1]);
        int points = Integer.parseInt(args[2]);
        int threads = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        List<ModbusTCPMaster> masters = new ArrayList<>();
        for (int device = 0; device < devices; device++) {
            ModbusTCPMaster master = new ModbusTCPMaster("127.0.0.1", port, 1000, false);
            master.setRetries(1);
            master.connect();
            masters.add(master);
        }
        LongAdder reads = new LongAdder();
        AtomicBoolean running = new AtomicBoolean(true);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        long cpuBefore = FieldPointsBenchmark.cpuNanos(ProcessHandle.current().pid());
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            pool.execute(() -> {
                while (running.get()) {
                    for (int device = first; device < devices && running.get(); device += threads) {
                        try {
                            masters.get(device).readMultipleRegisters(1, device * points, points);
                            reads.increment();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            });
        }
        TimeUnit.SECONDS.sleep(seconds);
        running.set(false);
        double elapsed = (System.nanoTime() - start) / 1e9;
        long cpu = FieldPointsBenchmark.cpuNanos(ProcessHandle.current().pid()) - cpuBefore;
        String status = Files.readString(Path.of("/proc/self/status"));
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        System.out.printf("raw %d %.3f %.3f %d %d%n", reads.sum(), elapsed, cpu / 1e9,
                ProcStatus.field(status, "VmRSS") * 1024, ProcStatus.field(status, "Threads"));
        masters.forEach(ModbusTCPMaster::disconnect);
    }
}
