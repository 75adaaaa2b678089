package org.densereg.network;

/** A precision was asked for that this process cannot run (e.g. bf16 on a CPU without bf16 instructions). */
public class UnsupportedPrecisionException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    /** @param message what was asked for and why it cannot run, in one line */
    public UnsupportedPrecisionException(String message) {
        super(message);
    }
}
