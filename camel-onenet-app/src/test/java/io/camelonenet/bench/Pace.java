package io.camelonenet.bench;

/**
 * The pace of paced messages as a subscriber saw them arrive. Each arrival is late by its own network and scheduling
 * delay, so a rate from the first arrival to the last moves with those two delays alone (3 ms of them is 0.06 % of a
 * 5 s run: a pacer sitting exactly at its limit reads above it about half the time). The rate fitted over every
 * arrival (least squares of arrival time on message number) averages most of the delays out; what it cannot, a delay
 * that drifts over the run, is bounded by the scatter of the arrivals around the fitted line.
 *
 * @param fitted             messages a second, fitted over all arrivals
 * @param scatter            the spread of the arrivals around the fitted pace (latest less earliest), in seconds
 * @param firstToLast        (n - 1) over the time from the first arrival to the last, a second
 * @param runSeconds         the time from the first arrival to the last
 * @param shortestSecondSpan the shortest time, in seconds, over which {@code perSecond} intervals (so
 *                           {@code perSecond + 1} consecutive messages) arrived: at least 1 at the sender when the pace
 *                           never goes above the limit, less by the arrivals' jitter at the subscriber
 */
record Pace(double fitted, double scatter, double firstToLast, double runSeconds, double shortestSecondSpan) {

    static Pace of(long[] arrivalNanos, int perSecond) {
        int n = arrivalNanos.length;
        if (n <= perSecond + 1) {
            throw new IllegalArgumentException(n + " arrivals cannot show a pace of " + perSecond + " a second");
        }
        double[] seconds = new double[n];
        double meanSeconds = 0;
        for (int i = 0; i < n; i++) {
            seconds[i] = (arrivalNanos[i] - arrivalNanos[0]) / 1e9;
            meanSeconds += seconds[i] / n;
        }
        double meanIndex = (n - 1) / 2.0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanIndex;
            sxx += dx * dx;
            sxy += dx * (seconds[i] - meanSeconds);
        }
        double secondsPerMessage = sxy / sxx;
        double earliest = 0;
        double latest = 0;
        for (int i = 0; i < n; i++) {
            double residual = seconds[i] - meanSeconds - secondsPerMessage * (i - meanIndex);
            earliest = Math.min(earliest, residual);
            latest = Math.max(latest, residual);
        }
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i + perSecond < n; i++) {
            shortest = Math.min(shortest, arrivalNanos[i + perSecond] - arrivalNanos[i]);
        }
        double runSeconds = seconds[n - 1];
        return new Pace(1 / secondsPerMessage, latest - earliest, (n - 1) / runSeconds, runSeconds, shortest / 1e9);
    }

    /**
     * Not above {@code limit} as far as the arrivals can tell: delays that drift by the scatter over the run can tilt
     * the fitted line by at most twice the scatter over the run's length, so only an excess beyond that is one.
     */
    boolean withinLimit(double limit) {
        return fitted <= limit * (1 + 2 * scatter / runSeconds);
    }
}
