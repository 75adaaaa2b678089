package org.densereg.network.onednn;

/** How many forward and backward calls a helper computed with oneDNN (the rest ran DL4J's own code). */
final class CallCounts {

    private long forward;
    private long backward;

    void countForward() {
        forward++;
    }

    void countBackward() {
        backward++;
    }

    long forward() {
        return forward;
    }

    long backward() {
        return backward;
    }
}
