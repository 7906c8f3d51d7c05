package io.camelonenet.bench;

/**
 * The pace of paced messages as a subscriber saw them arrive. Each arrival is late by its own network and scheduling
 * delay, so a rate from the first arrival to the last moves with those two delays alone (3 ms of them is 0.06 % of a
 * 5 s run: a pacer sitting exactly at its limit reads above it about half the time). The rate fitted over every
 * arrival (least squares of arrival time on message number) averages the delays out, and its standard error says how
 * far the subscriber can tell a rate above the limit from one at it.
 *
 * @param fitted             messages a second, fitted over all arrivals
 * @param standardError      the fitted rate's standard error, a second
 * @param firstToLast        (n - 1) over the time from the first arrival to the last, a second
 * @param shortestSecondSpan the shortest time, in seconds, over which {@code perSecond} intervals (so
 *                           {@code perSecond + 1} consecutive messages) arrived: at least 1 at the sender when the pace
 *                           never goes above the limit, less by the arrivals' jitter at the subscriber
 */
record Pace(double fitted, double standardError, double firstToLast, double shortestSecondSpan) {

    static Pace of(long[] arrivalNanos, int perSecond) {
        int n = arrivalNanos.length;
        if (n <= perSecond + 1) {
            throw new IllegalArgumentException(n + " arrivals cannot show a pace of " + perSecond + " a second");
        }
        double meanIndex = (n - 1) / 2.0;
        double meanSeconds = 0;
        for (long arrival : arrivalNanos) {
            meanSeconds += seconds(arrival, arrivalNanos[0]) / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            double dx = i - meanIndex;
            sxx += dx * dx;
            sxy += dx * (seconds(arrivalNanos[i], arrivalNanos[0]) - meanSeconds);
        }
        double secondsPerMessage = sxy / sxx;
        double squaredResiduals = 0;
        for (int i = 0; i < n; i++) {
            double residual = seconds(arrivalNanos[i], arrivalNanos[0]) - meanSeconds
                    - secondsPerMessage * (i - meanIndex);
            squaredResiduals += residual * residual;
        }
        double slopeError = Math.sqrt(squaredResiduals / (n - 2) / sxx);
        long shortest = Long.MAX_VALUE;
        for (int i = 0; i + perSecond < n; i++) {
            shortest = Math.min(shortest, arrivalNanos[i + perSecond] - arrivalNanos[i]);
        }
        return new Pace(1 / secondsPerMessage, slopeError / (secondsPerMessage * secondsPerMessage),
                (n - 1) / seconds(arrivalNanos[n - 1], arrivalNanos[0]), shortest / 1e9);
    }

    /** Not above {@code limit} as far as the arrivals can tell: within three standard errors of the fitted rate. */
    boolean withinLimit(double limit) {
        return fitted - 3 * standardError <= limit;
    }

    private static double seconds(long nanos, long originNanos) {
        return (nanos - originNanos) / 1e9;
    }
}
