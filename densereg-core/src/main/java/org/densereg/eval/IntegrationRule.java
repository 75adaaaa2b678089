package org.densereg.eval;

/** Numerical integration rule for areas under curves (see {@link Curves#integrate}). */
public enum IntegrationRule {
    /** Composite Simpson 1/3 rule on an even number of equal intervals. */
    SIMPSON,
    /** Composite trapezoid rule (exact for the piecewise-linear interpolation of the samples). */
    TRAPEZOID
}
