package io.camelonenet.bench;

/**
 * The one documented command, {@code ./mvnw -B -Pbenchmark test-compile exec:exec}: the performance harness, then
 * the JMH codec benchmarks; each rewrites its section of docs/performance.md.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        PerformanceHarness.main(new String[0]);
        CodecBenchmarks.main(args);
    }
}
