package org.densereg.data;

import java.util.Arrays;

/**
 * A set of 2D points in image pixels, 0-based pixel centres (DESIGN §2).
 *
 * @param xy interleaved coordinates {@code [x0, y0, x1, y1, ...]}, length {@code 2 * count()}
 */
public record Landmarks(double[] xy) {

    /** The 68-point iBUG/300W scheme. */
    public static final int IBUG_68 = 68;

    public Landmarks {
        if (xy.length % 2 != 0) {
            throw new IllegalArgumentException("odd number of coordinates: " + xy.length);
        }
        xy = xy.clone();
    }

    /** Number of points. */
    public int count() {
        return xy.length / 2;
    }

    /** x of point i (0-based pixels). */
    public double x(int i) {
        return xy[2 * i];
    }

    /** y of point i (0-based pixels). */
    public double y(int i) {
        return xy[2 * i + 1];
    }

    /** A copy of the interleaved coordinates. */
    @Override
    public double[] xy() {
        return xy.clone();
    }

    /** True when every coordinate is finite. */
    public boolean allFinite() {
        for (double c : xy) {
            if (!Double.isFinite(c)) {
                return false;
            }
        }
        return true;
    }

    /** Bounding box {@code [minX, minY, maxX, maxY]} of the points. */
    public double[] bounds() {
        double minX = Double.POSITIVE_INFINITY;
        double minY = Double.POSITIVE_INFINITY;
        double maxX = Double.NEGATIVE_INFINITY;
        double maxY = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count(); i++) {
            minX = Math.min(minX, x(i));
            maxX = Math.max(maxX, x(i));
            minY = Math.min(minY, y(i));
            maxY = Math.max(maxY, y(i));
        }
        return new double[] {minX, minY, maxX, maxY};
    }

    /** The points mapped by {@code x' = sx * x + tx, y' = sy * y + ty}. */
    public Landmarks scaleTranslate(double sx, double sy, double tx, double ty) {
        double[] out = new double[xy.length];
        for (int i = 0; i < count(); i++) {
            out[2 * i] = sx * x(i) + tx;
            out[2 * i + 1] = sy * y(i) + ty;
        }
        return new Landmarks(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Landmarks other && Arrays.equals(xy, other.xy);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(xy);
    }

    @Override
    public String toString() {
        return "Landmarks[" + count() + " points]";
    }
}
