package org.densereg.eval;

/** Threshold grids and integration rules shared by the metrics. */
public final class Curves {

    private Curves() {
    }

    /**
     * {@code steps + 1} evenly spaced thresholds {@code t_k = k · max / steps}, k = 0..steps.
     *
     * @return {@code [steps + 1]} thresholds from 0 to {@code max}
     */
    public static double[] grid(double max, int steps) {
        if (steps < 1 || !(max > 0)) {
            throw new IllegalArgumentException("need steps >= 1 and max > 0, got " + steps + ", " + max);
        }
        double[] t = new double[steps + 1];
        for (int k = 0; k <= steps; k++) {
            t[k] = k * max / steps;
        }
        return t;
    }

    /**
     * Integral of the samples {@code y} over the evenly spaced {@code x} ({@code x[0]..x[n]}, n intervals).
     * Trapezoid: {@code h·(y0/2 + y1 + … + y(n−1) + yn/2)}. Simpson (composite 1/3 rule, n even):
     * {@code h/3·(y0 + 4y1 + 2y2 + 4y3 + … + 4y(n−1) + yn)}.
     *
     * @throws IllegalArgumentException for Simpson with an odd number of intervals
     */
    public static double integrate(double[] x, double[] y, IntegrationRule rule) {
        int n = x.length - 1;
        if (n < 1 || y.length != x.length) {
            throw new IllegalArgumentException("need at least two samples and equal lengths");
        }
        double h = (x[n] - x[0]) / n;
        double sum;
        if (rule == IntegrationRule.TRAPEZOID) {
            sum = (y[0] + y[n]) / 2;
            for (int k = 1; k < n; k++) {
                sum += y[k];
            }
            return h * sum;
        }
        if (n % 2 != 0) {
            throw new IllegalArgumentException("Simpson's rule needs an even number of intervals, got " + n);
        }
        sum = y[0] + y[n];
        for (int k = 1; k < n; k++) {
            sum += (k % 2 == 1 ? 4 : 2) * y[k];
        }
        return h / 3 * sum;
    }
}
