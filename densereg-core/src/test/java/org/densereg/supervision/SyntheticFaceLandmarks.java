package org.densereg.supervision;

/**
 * A hand-made frontal 68-point iBUG layout in UV space (v up), symmetric about u = 0.5: jaw on an ellipse arc,
 * brows as arcs, eyes as hexagons, nose bridge and nostril line, outer and inner lip contours.
 */
final class SyntheticFaceLandmarks {

    private SyntheticFaceLandmarks() {
    }

    /** [136] (u, v) per iBUG landmark. */
    static double[] uv() {
        double[] p = new double[136];
        for (int k = 0; k <= 16; k++) { // jaw, from the image left (subject's right) over the chin
            double theta = Math.PI + Math.PI * k / 16;
            set(p, k, 0.5 + 0.42 * Math.cos(theta), 0.55 + 0.5 * Math.sin(theta));
        }
        for (int k = 0; k < 5; k++) { // brows
            double t = k / 4.0;
            double v = 0.78 + 0.04 * Math.sin(Math.PI * t);
            set(p, 17 + k, 0.18 + 0.24 * t, v);
            set(p, 22 + k, 0.58 + 0.24 * t, v);
        }
        double[] bridge = {0.70, 0.63, 0.56, 0.49};
        for (int k = 0; k < 4; k++) {
            set(p, 27 + k, 0.5, bridge[k]);
        }
        double[][] nostrils = {{0.42, 0.42}, {0.46, 0.41}, {0.5, 0.40}, {0.54, 0.41}, {0.58, 0.42}};
        for (int k = 0; k < 5; k++) {
            set(p, 31 + k, nostrils[k][0], nostrils[k][1]);
        }
        double[][] rightEye = {{0.24, 0.66}, {0.29, 0.69}, {0.35, 0.69}, {0.40, 0.66}, {0.35, 0.63}, {0.29, 0.63}};
        for (int k = 0; k < 6; k++) {
            set(p, 36 + k, rightEye[k][0], rightEye[k][1]);
            // left eye: mirrored, starting at the inner corner as iBUG does (42 inner, 45 outer)
            int mirrored = new int[] {3, 2, 1, 0, 5, 4}[k];
            set(p, 42 + k, 1 - rightEye[mirrored][0], rightEye[mirrored][1]);
        }
        double[][] outer = {{0.36, 0.28}, {0.41, 0.31}, {0.46, 0.33}, {0.5, 0.32}, {0.54, 0.33}, {0.59, 0.31},
            {0.64, 0.28}, {0.59, 0.23}, {0.54, 0.21}, {0.5, 0.20}, {0.46, 0.21}, {0.41, 0.23}};
        for (int k = 0; k < 12; k++) {
            set(p, 48 + k, outer[k][0], outer[k][1]);
        }
        double[][] inner = {{0.39, 0.28}, {0.46, 0.29}, {0.5, 0.29}, {0.54, 0.29}, {0.61, 0.28}, {0.54, 0.25},
            {0.5, 0.25}, {0.46, 0.25}};
        for (int k = 0; k < 8; k++) {
            set(p, 60 + k, inner[k][0], inner[k][1]);
        }
        return p;
    }

    private static void set(double[] p, int k, double u, double v) {
        p[2 * k] = u;
        p[2 * k + 1] = v;
    }
}
