package org.densereg.fit;

import java.util.Random;
import org.densereg.model3d.MorphableModel;

/**
 * A face-like random morphable model generated in code (fixed seed): a grid on a half ellipsoid (azimuth θ in
 * [−110°, 110°], height h in [−1.2, 1.2]) with a nose bump, smooth random shape and expression modes, an iBUG
 * landmark map on the grid and jaw contour lists.
 */
final class SyntheticFaceModel {

    static final double MIN_AZIMUTH = Math.toRadians(-110);
    static final double MAX_AZIMUTH = Math.toRadians(110);
    static final double MIN_HEIGHT = -1.2;
    static final double MAX_HEIGHT = 1.2;

    final int rows;
    final int cols;
    final MorphableModel model;

    private SyntheticFaceModel(int rows, int cols, MorphableModel model) {
        this.rows = rows;
        this.cols = cols;
        this.model = model;
    }

    /**
     * Generates a model.
     *
     * @param rows         grid rows (heights)
     * @param cols         grid columns (azimuths)
     * @param extra        unconnected extra vertices appended (to reach an exact vertex count)
     * @param shapeModes   M
     * @param expressions  E
     * @param bandContours true: each contour holds, for every jaw landmark of its side, the vertices of that
     *                     landmark's grid row from the frontal jaw vertex inwards to |θ| = 20° (where the silhouette
     *                     runs when that side turns away); false: just the frontal jaw vertices (a line, like the SFM's lists)
     * @param seed         random seed
     */
    static SyntheticFaceModel generate(int rows, int cols, int extra, int shapeModes, int expressions,
            boolean bandContours, long seed) {
        Random random = new Random(seed);
        int grid = rows * cols;
        int n = grid + extra;
        float[] mean = new float[3 * n];
        float[] uv = new float[2 * n];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                int v = r * cols + c;
                double[] p = surface(azimuth(c, cols), height(r, rows));
                mean[3 * v] = (float) p[0];
                mean[3 * v + 1] = (float) p[1];
                mean[3 * v + 2] = (float) p[2];
                uv[2 * v] = (float) c / (cols - 1);
                uv[2 * v + 1] = (float) r / (rows - 1);
            }
        }
        for (int v = grid; v < n; v++) {
            int src = random.nextInt(grid);
            System.arraycopy(mean, 3 * src, mean, 3 * v, 3);
            System.arraycopy(uv, 2 * src, uv, 2 * v, 2);
        }
        int triangleCount = 2 * (rows - 1) * (cols - 1);
        int[] triangles = new int[3 * triangleCount];
        int t = 0;
        for (int r = 0; r + 1 < rows; r++) {
            for (int c = 0; c + 1 < cols; c++) {
                int a = r * cols + c;
                int b = a + 1;
                int d = a + cols;
                int e = d + 1;
                triangles[t++] = a;
                triangles[t++] = b;
                triangles[t++] = e;
                triangles[t++] = a;
                triangles[t++] = e;
                triangles[t++] = d;
            }
        }
        float[] shapeVariances = new float[shapeModes];
        for (int m = 0; m < shapeModes; m++) {
            double sigma = 0.05 * Math.sqrt(3.0 * n) / (1 + 0.25 * m);
            shapeVariances[m] = (float) (sigma * sigma);
        }
        float[] shapeBasis = basis(random, mean, n, shapeModes, false);
        float[] expressionVariances = new float[expressions];
        for (int m = 0; m < expressions; m++) {
            double sigma = 0.04 * Math.sqrt(3.0 * n);
            expressionVariances[m] = (float) (sigma * sigma);
        }
        float[] expressionBasis = basis(random, mean, n, expressions, true);
        int[] landmarks = landmarkMap(rows, cols);
        int[] right = contour(rows, cols, landmarks, -1, bandContours);
        int[] left = contour(rows, cols, landmarks, +1, bandContours);
        MorphableModel model = new MorphableModel("synthetic-" + n, mean, shapeBasis, shapeVariances, expressionBasis,
                expressionVariances, triangles, uv, landmarks, right, left);
        return new SyntheticFaceModel(rows, cols, model);
    }

    static double azimuth(int c, int cols) {
        return MIN_AZIMUTH + (MAX_AZIMUTH - MIN_AZIMUTH) * c / (cols - 1);
    }

    static double height(int r, int rows) {
        return MIN_HEIGHT + (MAX_HEIGHT - MIN_HEIGHT) * r / (rows - 1);
    }

    private static double[] surface(double theta, double h) {
        double w = Math.sqrt(Math.max(0.05, 1 - (h / 1.6) * (h / 1.6)));
        double nose = 0.35 * Math.exp(-(theta * theta / 0.03 + (h + 0.05) * (h + 0.05) / 0.12));
        return new double[] {Math.sin(theta) * w, h, 0.8 * Math.cos(theta) * w + nose};
    }

    /** Smooth random modes, each column scaled to unit norm. */
    private static float[] basis(Random random, float[] mean, int n, int modes, boolean mouthOnly) {
        float[] basis = new float[3 * n * modes];
        for (int m = 0; m < modes; m++) {
            double[] column = new double[3 * n];
            for (int q = 0; q < 3; q++) {
                double fx = 0.5 + 2.5 * random.nextDouble();
                double fy = 0.5 + 2.5 * random.nextDouble();
                double phaseX = 2 * Math.PI * random.nextDouble();
                double phaseY = 2 * Math.PI * random.nextDouble();
                double[] direction = {random.nextGaussian(), random.nextGaussian(), random.nextGaussian()};
                for (int v = 0; v < n; v++) {
                    double x = mean[3 * v];
                    double y = mean[3 * v + 1];
                    double f = Math.cos(fx * x + phaseX) * Math.cos(fy * y + phaseY);
                    if (mouthOnly) {
                        f *= Math.exp(-((y + 0.5) * (y + 0.5) + x * x) / 0.15);
                    }
                    for (int c = 0; c < 3; c++) {
                        column[3 * v + c] += direction[c] * f;
                    }
                }
            }
            double norm = 0;
            for (double value : column) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            for (int row = 0; row < 3 * n; row++) {
                basis[row * modes + m] = (float) (column[row] / norm);
            }
        }
        return basis;
    }

    /** Nearest grid vertex to (azimuth degrees, height). */
    static int vertexAt(int rows, int cols, double azimuthDegrees, double h) {
        double theta = Math.toRadians(azimuthDegrees);
        int c = (int) Math.round((theta - MIN_AZIMUTH) / (MAX_AZIMUTH - MIN_AZIMUTH) * (cols - 1));
        int r = (int) Math.round((h - MIN_HEIGHT) / (MAX_HEIGHT - MIN_HEIGHT) * (rows - 1));
        c = Math.max(0, Math.min(cols - 1, c));
        r = Math.max(0, Math.min(rows - 1, r));
        return r * cols + c;
    }

    private static int[] landmarkMap(int rows, int cols) {
        int[] map = new int[68];
        for (int j = 0; j <= 16; j++) {
            double t = (j - 8) / 8.0;
            map[j] = vertexAt(rows, cols, 85 * t, 0.2 - 1.2 * (1 - Math.pow(Math.abs(t), 1.5)));
        }
        for (int j = 0; j < 5; j++) {
            map[17 + j] = vertexAt(rows, cols, -60 + 11 * j, 0.6 + 0.05 * Math.min(j, 4 - j));
            map[22 + j] = vertexAt(rows, cols, 16 + 11 * j, 0.6 + 0.05 * Math.min(j, 4 - j));
        }
        for (int j = 0; j < 4; j++) {
            map[27 + j] = vertexAt(rows, cols, 0, 0.4 - 0.13 * j);
        }
        for (int j = 0; j < 5; j++) {
            map[31 + j] = vertexAt(rows, cols, -14 + 7 * j, -0.18);
        }
        double[][] eye = {{-1, 0}, {-0.5, 0.06}, {0.5, 0.06}, {1, 0}, {0.5, -0.06}, {-0.5, -0.06}};
        for (int j = 0; j < 6; j++) {
            // right eye: outer corner (36) at image left; left eye: inner corner (42) first
            map[36 + j] = vertexAt(rows, cols, -35 + 15 * eye[j][0], 0.35 + eye[j][1]);
            map[42 + j] = vertexAt(rows, cols, 35 + 15 * eye[j][0], 0.35 + eye[j][1]);
        }
        for (int j = 0; j < 12; j++) {
            double a = Math.PI - 2 * Math.PI * j / 12;
            map[48 + j] = vertexAt(rows, cols, 28 * Math.cos(a), -0.55 + 0.15 * Math.sin(a));
        }
        for (int j = 0; j < 8; j++) {
            double a = Math.PI - 2 * Math.PI * j / 8;
            map[60 + j] = vertexAt(rows, cols, 18 * Math.cos(a), -0.55 + 0.05 * Math.sin(a));
        }
        // two inner-mouth corners left unmapped, as some real mappings do
        map[60] = -1;
        map[64] = -1;
        return map;
    }

    private static int[] contour(int rows, int cols, int[] landmarks, int side, boolean band) {
        java.util.TreeSet<Integer> out = new java.util.TreeSet<>();
        int first = side < 0 ? 0 : 9;
        for (int j = first; j < first + 8; j++) {
            int v = landmarks[j];
            int r = v / cols;
            int c = v % cols;
            if (!band) {
                out.add(v);
                continue;
            }
            // the row from the frontal jaw vertex inwards to |θ| = 20°: where the silhouette runs when that
            // side of the face turns away from the camera
            int inner = vertexAt(rows, cols, side * 20, height(r, rows)) % cols;
            for (int cc = Math.min(c, inner); cc <= Math.max(c, inner); cc++) {
                out.add(r * cols + cc);
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }
}
