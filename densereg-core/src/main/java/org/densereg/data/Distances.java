package org.densereg.data;

/** Euclidean distance computed as the reference evaluation code does, so that ties at a threshold break alike. */
public final class Distances {

    private Distances() {
    }

    /**
     * {@code sqrt(dx·dx + dy·dy)}, the operation order of MATLAB's {@code sqrt(sum(d.^2))} and NumPy's
     * {@code linalg.norm}. (Not {@link Math#hypot}: it rounds differently in the last bit, which moves errors that
     * sit exactly on a threshold and changes published figures in the first decimal.)
     */
    public static double euclidean(double dx, double dy) {
        return Math.sqrt(dx * dx + dy * dy);
    }
}
