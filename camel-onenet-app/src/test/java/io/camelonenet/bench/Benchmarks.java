package io.camelonenet.bench;

/**
 * The one documented command, {@code ./mvnw -B -Pbenchmark test-compile exec:exec}: the performance harness, start-up
 * on Java 17 and 25, a current-platform gateway at the platform's ceiling, then the JMH codec benchmarks; each
 * rewrites its section of docs/performance.md.
 */
public final class Benchmarks {

    private Benchmarks() {
    }

    public static void main(String[] args) throws Exception {
        PerformanceHarness.main(new String[0]);
        JdkStartupBenchmark.main(new String[0]);
        StudioGatewayCeilingBenchmark.main(new String[0]);
        CodecBenchmarks.main(args);
    }
}
