package org.densereg.trainingdata.synthetic;

import java.awt.geom.Path2D;
import java.util.SplittableRandom;
import org.densereg.supervision.FacePart;

/**
 * The surface colour (albedo) of one photo-style synthetic face as a function of template (u, v) and part: skin
 * tone with blotches and pores fixed to the surface, blush, brows with a hair texture, eyes with sclera, iris,
 * pupil and lash line, nostrils, lips with optional make-up, teeth in an open mouth, and optional stubble or a
 * beard. Every random choice is made once, in the constructor, so the texture moves with the face. Not
 * thread-safe to construct concurrently with one random source; immutable afterwards.
 */
final class FaceAppearance {

    private static final int[] RIGHT_EYE = {36, 37, 38, 39, 40, 41};
    private static final int[] LEFT_EYE = {42, 43, 44, 45, 46, 47};

    private final float[] skin;
    private final float[] hair;
    private final float[] iris;
    private final float[] lips;
    private final double blotchAmplitude;
    private final double poreAmplitude;
    private final ValueNoise blotches;
    private final ValueNoise pores;
    private final ValueNoise strands;
    private final Path2D.Double[] eyeOutlines = new Path2D.Double[2];
    private final double[][] irisCentres = new double[2][];
    private final double[] eyeHalfWidths = new double[2];
    private final double[][] nostrils;
    private final double nostrilRadius;
    private final double noseBaseV;
    private final double mouthCentreV;
    private final double blush;
    private final double[] cheeks;
    private final double cheekRadius;
    private final Beard beard;

    private enum Beard { NONE, STUBBLE, FULL }

    /**
     * @param landmarkUv [136] template (u, v) of the 68 landmarks, v up (NaN allowed for the inner mouth corners)
     * @param hairColour [3] RGB in [0, 1] of the head hair, also used for brows and beard
     * @param random     source of every choice (advanced)
     */
    FaceAppearance(double[] landmarkUv, float[] hairColour, SplittableRandom random) {
        this.skin = skinTone(random);
        this.hair = hairColour;
        this.iris = irisColour(random);
        this.lips = lipColour(skin, random);
        this.blotchAmplitude = 0.04 + 0.1 * random.nextDouble();
        this.poreAmplitude = 0.01 + 0.04 * random.nextDouble();
        this.blotches = new ValueNoise(random.nextLong());
        this.pores = new ValueNoise(random.nextLong());
        this.strands = new ValueNoise(random.nextLong());
        double gaze = (random.nextDouble() * 2 - 1) * 0.3;
        int[][] eyes = {RIGHT_EYE, LEFT_EYE};
        for (int e = 0; e < 2; e++) {
            Path2D.Double outline = new Path2D.Double();
            double cu = 0;
            double cv = 0;
            for (int i = 0; i < eyes[e].length; i++) {
                double u = landmarkUv[2 * eyes[e][i]];
                double v = landmarkUv[2 * eyes[e][i] + 1];
                cu += u / eyes[e].length;
                cv += v / eyes[e].length;
                if (i == 0) {
                    outline.moveTo(u, v);
                } else {
                    outline.lineTo(u, v);
                }
            }
            outline.closePath();
            eyeOutlines[e] = outline;
            int a = eyes[e][0];
            int b = eyes[e][3];
            eyeHalfWidths[e] = 0.5 * distance(landmarkUv, a, b);
            irisCentres[e] = new double[] {cu + gaze * eyeHalfWidths[e], cv};
        }
        this.nostrils = new double[][] {midpoint(landmarkUv, 31, 33), midpoint(landmarkUv, 33, 35)};
        this.nostrilRadius = 0.22 * distance(landmarkUv, 31, 35);
        for (double[] n : nostrils) {
            n[1] += 0.4 * nostrilRadius;
        }
        this.noseBaseV = landmarkUv[2 * 33 + 1];
        this.mouthCentreV = 0.5 * (landmarkUv[2 * 62 + 1] + landmarkUv[2 * 66 + 1]);
        this.blush = random.nextDouble() < 0.4 ? 0.05 + 0.1 * random.nextDouble() : 0;
        double[] rightCheek = midpoint(landmarkUv, 2, 31);
        double[] leftCheek = midpoint(landmarkUv, 14, 35);
        this.cheeks = new double[] {rightCheek[0], rightCheek[1], leftCheek[0], leftCheek[1]};
        this.cheekRadius = 0.6 * distance(landmarkUv, 2, 31);
        double b = random.nextDouble();
        this.beard = b < 0.12 ? Beard.FULL : b < 0.27 ? Beard.STUBBLE : Beard.NONE;
    }

    /** @return [3] the base skin RGB (a copy) */
    float[] skinColour() {
        return skin.clone();
    }

    /**
     * @param part the chart's part at (u, v), never background
     * @param u    template u
     * @param v    template v (up)
     * @param out  [3] receives the RGB albedo in [0, 1]
     */
    void albedo(FacePart part, double u, double v, float[] out) {
        double texture = 1 + blotchAmplitude * blotches.fractal(u * 7, v * 7, 3) + poreAmplitude * pores.at(u * 90, v * 90);
        float r = skin[0];
        float g = skin[1];
        float bl = skin[2];
        if (blush > 0) {
            for (int c = 0; c < 2; c++) {
                double d = Math.hypot(u - cheeks[2 * c], v - cheeks[2 * c + 1]) / cheekRadius;
                if (d < 1) {
                    double w = blush * (1 - d * d);
                    r += (float) (w * 0.8);
                    g -= (float) (w * 0.3);
                    bl -= (float) (w * 0.2);
                }
            }
        }
        switch (part) {
            case LEFT_BROW, RIGHT_BROW -> {
                double hairDensity = 0.55 + 0.45 * Math.abs(strands.at(u * 160, v * 25));
                mix(r, g, bl, hair, hairDensity, texture, out);
                return;
            }
            case LEFT_EYE, RIGHT_EYE -> {
                int e = part == FacePart.RIGHT_EYE ? 0 : 1;
                if (eyeOutlines[e].contains(u, v)) {
                    eye(e, u, v, out);
                } else {
                    // Lash line and lid shadow: darker towards the eye opening.
                    set(out, r * 0.7f, g * 0.65f, bl * 0.65f, texture);
                }
                return;
            }
            case NOSE -> {
                for (double[] n : nostrils) {
                    double d = Math.hypot((u - n[0]) / 1.4, v - n[1]) / nostrilRadius;
                    if (d < 1) {
                        float k = (float) (0.25 + 0.6 * d * d);
                        set(out, r * k, g * k, bl * k, texture);
                        return;
                    }
                }
            }
            case UPPER_LIP, LOWER_LIP -> {
                set(out, lips[0], lips[1], lips[2], 1 + 0.5 * (texture - 1));
                return;
            }
            case INNER_MOUTH -> {
                if (v > mouthCentreV) {
                    set(out, 0.82f, 0.8f, 0.72f, 1);
                } else {
                    set(out, 0.3f, 0.08f, 0.08f, 1);
                }
                return;
            }
            default -> {
            }
        }
        if (beard != Beard.NONE && v < noseBaseV) {
            double density = beard == Beard.FULL
                    ? 0.75 + 0.25 * strands.at(u * 120, v * 60)
                    : 0.25 + 0.25 * Math.abs(pores.at(u * 140, v * 140));
            mix(r, g, bl, hair, density, texture, out);
            return;
        }
        set(out, r, g, bl, texture);
    }

    private void eye(int e, double u, double v, float[] out) {
        double d = Math.hypot(u - irisCentres[e][0], v - irisCentres[e][1]) / eyeHalfWidths[e];
        if (d < 0.16) {
            set(out, 0.04f, 0.04f, 0.05f, 1);
        } else if (d < 0.42) {
            double ring = 0.8 + 0.2 * strands.at(Math.atan2(v - irisCentres[e][1], u - irisCentres[e][0]) * 8, d * 4);
            set(out, iris[0], iris[1], iris[2], ring);
        } else {
            set(out, 0.78f, 0.74f, 0.72f, 1);
        }
    }

    private static void mix(float r, float g, float b, float[] over, double weight, double texture, float[] out) {
        float w = (float) Math.max(0, Math.min(1, weight));
        set(out, r + (over[0] - r) * w, g + (over[1] - g) * w, b + (over[2] - b) * w, texture);
    }

    private static void set(float[] out, float r, float g, float b, double factor) {
        out[0] = (float) (r * factor);
        out[1] = (float) (g * factor);
        out[2] = (float) (b * factor);
    }

    /** @return the UV distance between landmarks a and b */
    private static double distance(double[] uv, int a, int b) {
        return Math.hypot(uv[2 * a] - uv[2 * b], uv[2 * a + 1] - uv[2 * b + 1]);
    }

    private static double[] midpoint(double[] uv, int a, int b) {
        return new double[] {0.5 * (uv[2 * a] + uv[2 * b]), 0.5 * (uv[2 * a + 1] + uv[2 * b + 1])};
    }

    /** Skin from very dark to very light, with a random red/yellow tint. */
    static float[] skinTone(SplittableRandom random) {
        double t = Math.pow(random.nextDouble(), 0.8);
        float r = (float) (0.25 + 0.68 * t);
        float g = (float) (0.15 + 0.58 * t);
        float b = (float) (0.10 + 0.52 * t);
        float red = (float) (0.08 * (random.nextDouble() - 0.5));
        float yellow = (float) (0.06 * (random.nextDouble() - 0.5));
        return new float[] {r + red + yellow, g + yellow * 0.5f, b - red - yellow};
    }

    private static float[] irisColour(SplittableRandom random) {
        return switch (random.nextInt(4)) {
            case 0 -> new float[] {0.25f, 0.35f, 0.5f};
            case 1 -> new float[] {0.3f, 0.35f, 0.2f};
            default -> new float[] {0.22f, 0.12f, 0.07f};
        };
    }

    private static float[] lipColour(float[] skin, SplittableRandom random) {
        if (random.nextDouble() < 0.15) {
            float k = (float) (0.4 + 0.4 * random.nextDouble());
            return new float[] {k + 0.1f, k * 0.2f, k * 0.25f};
        }
        float k = (float) (0.75 + 0.2 * random.nextDouble());
        return new float[] {skin[0] * k + 0.06f, skin[1] * k * 0.72f, skin[2] * k * 0.75f};
    }
}
