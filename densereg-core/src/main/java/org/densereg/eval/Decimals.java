package org.densereg.eval;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Fixed-point formatting as C's {@code printf("%.Nf")} (and MATLAB's {@code fprintf}, NumPy's {@code %}) does it:
 * the exact binary value of the double is rounded, ties to even. Java's {@code String.format} rounds the shortest
 * decimal representation half-up instead, so {@code 73.85} (stored as 73.8499999…) prints as 73.9 in Java and
 * 73.8 in the reference code. Every table of this package is printed through this class.
 */
public final class Decimals {

    private Decimals() {
    }

    /** {@code value} with {@code digits} decimals, as C prints it; {@code NaN}/{@code Inf} as such. */
    public static String format(double value, int digits) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "Inf" : "-Inf";
        }
        String s = new BigDecimal(value).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        return s.startsWith("-") && new BigDecimal(s).signum() == 0 ? s.substring(1) : s;
    }
}
