package org.densereg.eval;

/** How a normalised error is compared with a threshold to count a joint as correct. */
public enum Comparison {
    /** {@code error < threshold}: the MATLAB reference {@code eval_PCKh.m} (Tompson / pose-hg / pytorch-pose). */
    LESS_THAN("<"),
    /** {@code error <= threshold}: the Python port in HRNet/mmpose, and the LSP {@code eval_pck.m}. */
    LESS_OR_EQUAL("<=");

    private final String symbol;

    Comparison(String symbol) {
        this.symbol = symbol;
    }

    /** {@code <} or {@code <=}. */
    public String symbol() {
        return symbol;
    }

    /** True when {@code error} counts as correct at {@code threshold}; NaN is never correct. */
    public boolean accepts(double error, double threshold) {
        return this == LESS_THAN ? error < threshold : error <= threshold;
    }
}
