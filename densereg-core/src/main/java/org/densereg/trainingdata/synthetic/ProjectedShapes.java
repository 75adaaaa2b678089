package org.densereg.trainingdata.synthetic;

import java.awt.Shape;
import java.awt.geom.Path2D;
import java.util.Arrays;
import java.util.Comparator;
import org.densereg.fit.ScaledOrthographicCamera;

/**
 * Image outlines of simple 3D solids under a scaled orthographic camera: the convex hull of points sampled on
 * the solid's surface, which for an ellipsoid or a cylinder is its silhouette.
 */
final class ProjectedShapes {

    private static final int RINGS = 10;
    private static final int SEGMENTS = 24;

    private ProjectedShapes() {
    }

    /**
     * @param camera projects model space into the image
     * @param centre [3] model-space centre
     * @param radii  [3] semi-axes along model x, y, z
     * @return the ellipsoid's outline in image pixels
     */
    static Shape ellipsoid(ScaledOrthographicCamera camera, double[] centre, double[] radii) {
        double[][] points = new double[RINGS * SEGMENTS + 2][];
        int n = 0;
        points[n++] = camera.project(centre[0], centre[1] + radii[1], centre[2]);
        points[n++] = camera.project(centre[0], centre[1] - radii[1], centre[2]);
        for (int r = 1; r <= RINGS; r++) {
            double polar = Math.PI * r / (RINGS + 1);
            double y = Math.cos(polar);
            double ring = Math.sin(polar);
            for (int s = 0; s < SEGMENTS; s++) {
                double azimuth = 2 * Math.PI * s / SEGMENTS;
                points[n++] = camera.project(centre[0] + radii[0] * ring * Math.cos(azimuth),
                        centre[1] + radii[1] * y, centre[2] + radii[2] * ring * Math.sin(azimuth));
            }
        }
        return hull(points);
    }

    /**
     * @param camera projects model space into the image
     * @param centre [3] model-space centre of the axis (the axis is model y)
     * @param radius radius in x and z
     * @param top    model y of the top cap
     * @param bottom model y of the bottom cap
     * @return the vertical cylinder's outline in image pixels
     */
    static Shape cylinder(ScaledOrthographicCamera camera, double[] centre, double radius, double top, double bottom) {
        double[][] points = new double[2 * SEGMENTS][];
        for (int s = 0; s < SEGMENTS; s++) {
            double azimuth = 2 * Math.PI * s / SEGMENTS;
            double x = centre[0] + radius * Math.cos(azimuth);
            double z = centre[2] + radius * Math.sin(azimuth);
            points[2 * s] = camera.project(x, top, z);
            points[2 * s + 1] = camera.project(x, bottom, z);
        }
        return hull(points);
    }

    /**
     * Convex hull by the monotone-chain algorithm.
     *
     * @param points [n][≥2] image points (x, y, …)
     * @return the hull as a closed path
     */
    static Shape hull(double[][] points) {
        double[][] sorted = points.clone();
        Arrays.sort(sorted, Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
        double[][] chain = new double[2 * sorted.length][];
        int k = 0;
        for (double[] p : sorted) {
            while (k >= 2 && cross(chain[k - 2], chain[k - 1], p) <= 0) {
                k--;
            }
            chain[k++] = p;
        }
        for (int i = sorted.length - 2, lower = k + 1; i >= 0; i--) {
            double[] p = sorted[i];
            while (k >= lower && cross(chain[k - 2], chain[k - 1], p) <= 0) {
                k--;
            }
            chain[k++] = p;
        }
        Path2D.Double path = new Path2D.Double();
        path.moveTo(chain[0][0], chain[0][1]);
        for (int i = 1; i < k - 1; i++) {
            path.lineTo(chain[i][0], chain[i][1]);
        }
        path.closePath();
        return path;
    }

    private static double cross(double[] o, double[] a, double[] b) {
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
    }
}
