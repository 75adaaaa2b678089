package org.densereg.trainingdata.face;

import java.awt.image.BufferedImage;
import java.util.Objects;
import java.util.SplittableRandom;
import org.densereg.data.Landmarks;
import org.densereg.supervision.FacePart;

/**
 * Applies one random geometric and colour transform consistently to a face training sample: the image, its
 * U/V maps, its part map and its landmarks (DESIGN §3). Geometry and colour are defined in {@link FaceTransform}.
 *
 * <p>Resampling: the image is bilinear (black beyond the input's outer pixel edges, the edge pixel between the
 * outermost pixel centre and the edge; when the transform shrinks the input, each output pixel averages
 * n × n bilinear samples, n = min(4, ⌈1 / zoom⌉)). U, V and parts take the <em>nearest</em> input pixel, so no
 * value is ever interpolated across the face/background boundary or between part labels; outside the input
 * u = v = −1 and parts = 0. Landmarks go through the same map ({@link FaceTransform#matrix}): exactly
 * unchanged by the identity; two flips return them to within rounding of {@code outSize − 1 − x} (exactly for
 * coordinates with few significant bits, such as multiples of 1/1024).
 *
 * <p>Horizontal flip: the image is mirrored, foreground u becomes {@code 1 − u} (v unchanged, −1 stays −1),
 * the part labels {@link FacePart#LEFT_BROW}↔{@link FacePart#RIGHT_BROW} and
 * {@link FacePart#LEFT_EYE}↔{@link FacePart#RIGHT_EYE} swap, and 68 iBUG landmarks are permuted left↔right
 * ({@link #ibug68MirrorPermutation}). Mirroring u about 0.5 is right for templates whose UV space is left-right
 * symmetric about u = 0.5: the cylindrical parameterisation ({@code model3d.CylindricalUv}) is by construction
 * (its anchor pairs sit at u = 0.5 ∓ h about the forward direction), and the default model's mean is mirror
 * symmetric about x = 0. In float arithmetic {@code 1 − (1 − u)} equals u exactly when u ≥ 0.5 or when u is a
 * multiple of 2⁻²⁴, and otherwise within one ulp of 1 (6e-8).
 *
 * <p>Deterministic: {@link #draw} consumes a fixed number of values from the generator whatever the
 * configuration, so the same seed gives the same transform. Instances are immutable and thread-safe.
 */
public final class FaceAugmenter {

    private static final int[] IBUG68_MIRROR = buildIbug68Mirror();

    private final FaceAugmentation config;

    /** An augmenter drawing from the given ranges. */
    public FaceAugmenter(FaceAugmentation config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** The ranges this augmenter draws from. */
    public FaceAugmentation config() {
        return config;
    }

    /**
     * Draws one transform. Always consumes exactly eight values from {@code random}, in this order: scale
     * (log-uniform in [1/(1+m), 1+m]), rotation, shift x, shift y (uniform), flip (Bernoulli), brightness,
     * contrast, saturation (uniform in [1 − a, 1 + a]).
     */
    public FaceTransform draw(SplittableRandom random) {
        double logMax = Math.log1p(config.maxScale());
        double scale = Math.exp(symmetric(random, logMax));
        double rotation = symmetric(random, config.maxRotationDegrees());
        double shiftX = symmetric(random, config.maxShift());
        double shiftY = symmetric(random, config.maxShift());
        boolean flip = random.nextDouble() < config.flipProbability();
        double brightness = 1 + symmetric(random, config.brightness());
        double contrast = 1 + symmetric(random, config.contrast());
        double saturation = 1 + symmetric(random, config.saturation());
        return new FaceTransform(scale, rotation, shiftX, shiftY, flip, brightness, contrast, saturation);
    }

    /**
     * Draws one transform from {@code random} ({@link #draw}) and applies it.
     *
     * @param image     the input, W × H
     * @param u         [W·H] row-major u, −1 on background
     * @param v         [W·H] row-major v, −1 on background
     * @param parts     [W·H] row-major part labels
     * @param landmarks input landmarks (0-based pixels), 68 iBUG points or any count when not flipped (NaN kept)
     * @param outSize   side of the square output, &gt; 0
     * @param random    the generator (advanced by eight values)
     */
    public AugmentedFace apply(BufferedImage image, float[] u, float[] v, byte[] parts, Landmarks landmarks,
            int outSize, SplittableRandom random) {
        return apply(image, u, v, parts, landmarks, outSize, draw(random));
    }

    /**
     * Applies a given transform (see {@link #apply(BufferedImage, float[], float[], byte[], Landmarks, int,
     * SplittableRandom)} for the arguments).
     *
     * @throws IllegalArgumentException when the arrays do not match the image, or a flip meets landmarks that are
     *                                  neither 68 iBUG points nor empty
     */
    public static AugmentedFace apply(BufferedImage image, float[] u, float[] v, byte[] parts, Landmarks landmarks,
            int outSize, FaceTransform t) {
        int w = image.getWidth();
        int h = image.getHeight();
        int n = w * h;
        if (u.length != n || v.length != n || parts.length != n) {
            throw new IllegalArgumentException("u, v and parts need " + n + " values (" + w + "x" + h + "), got "
                    + u.length + ", " + v.length + ", " + parts.length);
        }
        if (outSize <= 0) {
            throw new IllegalArgumentException("outSize must be positive, got " + outSize);
        }
        if (t.flip() && landmarks.count() != Landmarks.IBUG_68 && landmarks.count() != 0) {
            throw new IllegalArgumentException("cannot mirror " + landmarks.count()
                    + " landmarks: the left/right permutation is known for the 68 iBUG points only");
        }
        Geometry g = new Geometry(t, w, h, outSize);
        int[] src = image.getRGB(0, 0, w, h, null, 0, w);
        if (!t.colourIdentity()) {
            jitter(src, t);
        }
        int m = outSize * outSize;
        int[] out = new int[m];
        float[] uo = new float[m];
        float[] vo = new float[m];
        byte[] po = new byte[m];
        double zoom = t.scale() * Math.min((double) outSize / w, (double) outSize / h);
        int ss = zoom < 1 ? (int) Math.min(4, Math.ceil(1 / zoom - 1e-9)) : 1;
        double[] p = new double[2];
        double[] acc = new double[3];
        for (int y = 0; y < outSize; y++) {
            for (int x = 0; x < outSize; x++) {
                int o = y * outSize + x;
                g.inverse(x, y, p);
                int ix = (int) Math.floor(p[0] + 0.5);
                int iy = (int) Math.floor(p[1] + 0.5);
                if (ix >= 0 && iy >= 0 && ix < w && iy < h) {
                    int i = iy * w + ix;
                    float uu = u[i];
                    uo[o] = t.flip() && uu >= 0 ? 1 - uu : uu;
                    vo[o] = v[i];
                    po[o] = t.flip() ? mirrorPart(parts[i]) : parts[i];
                } else {
                    uo[o] = -1;
                    vo[o] = -1;
                    po[o] = 0;
                }
                if (ss == 1) {
                    acc[0] = 0;
                    acc[1] = 0;
                    acc[2] = 0;
                    bilinear(src, w, h, p[0], p[1], acc);
                    out[o] = rgb(acc, 1);
                } else {
                    acc[0] = 0;
                    acc[1] = 0;
                    acc[2] = 0;
                    for (int sy = 0; sy < ss; sy++) {
                        for (int sx = 0; sx < ss; sx++) {
                            g.inverse(x - 0.5 + (sx + 0.5) / ss, y - 0.5 + (sy + 0.5) / ss, p);
                            bilinear(src, w, h, p[0], p[1], acc);
                        }
                    }
                    out[o] = rgb(acc, 1.0 / (ss * ss));
                }
            }
        }
        BufferedImage img = new BufferedImage(outSize, outSize, BufferedImage.TYPE_INT_RGB);
        img.setRGB(0, 0, outSize, outSize, out, 0, outSize);

        double[] mat = t.matrix(w, h, outSize);
        double[] xy = new double[2 * landmarks.count()];
        for (int i = 0; i < landmarks.count(); i++) {
            double lx = landmarks.x(i);
            double ly = landmarks.y(i);
            int target = t.flip() ? IBUG68_MIRROR[i] : i;
            xy[2 * target] = mat[0] * lx + mat[1] * ly + mat[2];
            xy[2 * target + 1] = mat[3] * lx + mat[4] * ly + mat[5];
        }
        return new AugmentedFace(img, uo, vo, po, new Landmarks(xy), t);
    }

    /**
     * The left↔right permutation of the 68 iBUG/300W landmarks (0-based): the mirror image of point i is point
     * {@code perm[i]}. Jaw i↔16−i; brows 17↔26 … 21↔22; nose bridge 27–30 and tip 33 fixed, 31↔35, 32↔34;
     * eyes 36↔45, 37↔44, 38↔43, 39↔42, 40↔47, 41↔46; outer mouth 48↔54, 49↔53, 50↔52, 55↔59, 56↔58, 51 and 57
     * fixed; inner mouth 60↔64, 61↔63, 65↔67, 62 and 66 fixed. It is an involution.
     *
     * @return [68] a fresh copy
     */
    public static int[] ibug68MirrorPermutation() {
        return IBUG68_MIRROR.clone();
    }

    /** The part label seen in the mirror: left and right brows and eyes swap, other labels stay. */
    public static byte mirrorPart(byte label) {
        int l = label & 0xff;
        if (l == FacePart.LEFT_BROW.label()) {
            return (byte) FacePart.RIGHT_BROW.label();
        } else if (l == FacePart.RIGHT_BROW.label()) {
            return (byte) FacePart.LEFT_BROW.label();
        } else if (l == FacePart.LEFT_EYE.label()) {
            return (byte) FacePart.RIGHT_EYE.label();
        } else if (l == FacePart.RIGHT_EYE.label()) {
            return (byte) FacePart.LEFT_EYE.label();
        }
        return label;
    }

    private static int[] buildIbug68Mirror() {
        int[] p = new int[68];
        for (int i = 0; i < 68; i++) {
            p[i] = i;
        }
        int[][] pairs = {
            {0, 16}, {1, 15}, {2, 14}, {3, 13}, {4, 12}, {5, 11}, {6, 10}, {7, 9},
            {17, 26}, {18, 25}, {19, 24}, {20, 23}, {21, 22},
            {31, 35}, {32, 34},
            {36, 45}, {37, 44}, {38, 43}, {39, 42}, {40, 47}, {41, 46},
            {48, 54}, {49, 53}, {50, 52}, {55, 59}, {56, 58},
            {60, 64}, {61, 63}, {65, 67},
        };
        for (int[] pair : pairs) {
            p[pair[0]] = pair[1];
            p[pair[1]] = pair[0];
        }
        return p;
    }

    private static double symmetric(SplittableRandom random, double max) {
        double d = random.nextDouble(); // consumed even when max = 0, to keep the stream aligned
        return max == 0 ? 0 : (2 * d - 1) * max;
    }

    /** Brightness, contrast, saturation in place on packed RGB pixels. */
    private static void jitter(int[] px, FaceTransform t) {
        double grey = 0;
        for (int p : px) {
            grey += luminance((p >> 16) & 0xff, (p >> 8) & 0xff, p & 0xff);
        }
        grey = px.length == 0 ? 0 : t.brightness() * grey / px.length;
        double[] c = new double[3];
        for (int i = 0; i < px.length; i++) {
            int p = px[i];
            for (int k = 0; k < 3; k++) {
                double val = ((p >> (16 - 8 * k)) & 0xff) * t.brightness();
                c[k] = grey + t.contrast() * (val - grey);
            }
            double l = luminance(c[0], c[1], c[2]);
            int packed = 0;
            for (int k = 0; k < 3; k++) {
                double val = l + t.saturation() * (c[k] - l);
                int q = (int) Math.round(Math.max(0, Math.min(255, val)));
                packed |= q << (16 - 8 * k);
            }
            px[i] = packed;
        }
    }

    private static double luminance(double r, double g, double b) {
        return 0.299 * r + 0.587 * g + 0.114 * b;
    }

    private static int rgb(double[] acc, double k) {
        int r = (int) Math.round(Math.min(255, acc[0] * k));
        int g = (int) Math.round(Math.min(255, acc[1] * k));
        int b = (int) Math.round(Math.min(255, acc[2] * k));
        return (r << 16) | (g << 8) | b;
    }

    /** Adds the bilinear sample at (px, py) to acc; nothing (black) beyond the outer pixel edges. */
    private static void bilinear(int[] pixels, int w, int h, double px, double py, double[] acc) {
        if (!(px >= -0.5 && py >= -0.5 && px <= w - 0.5 && py <= h - 0.5)) {
            return;
        }
        double fx = Math.min(Math.max(px, 0), w - 1);
        double fy = Math.min(Math.max(py, 0), h - 1);
        int x0 = (int) Math.floor(fx);
        int y0 = (int) Math.floor(fy);
        int x1 = Math.min(x0 + 1, w - 1);
        int y1 = Math.min(y0 + 1, h - 1);
        double ax = fx - x0;
        double ay = fy - y0;
        int p00 = pixels[y0 * w + x0];
        int p10 = pixels[y0 * w + x1];
        int p01 = pixels[y1 * w + x0];
        int p11 = pixels[y1 * w + x1];
        for (int c = 0; c < 3; c++) {
            int shift = 16 - 8 * c;
            double top = ((p00 >> shift) & 0xff) * (1 - ax) + ((p10 >> shift) & 0xff) * ax;
            double bottom = ((p01 >> shift) & 0xff) * (1 - ax) + ((p11 >> shift) & 0xff) * ax;
            acc[c] += top * (1 - ay) + bottom * ay;
        }
    }

    /**
     * The inverse of the transform's geometry for resampling, evaluated step by step (unflip, unshift, unrotate
     * and unscale, un-resize) so that the identity and pure flips land exactly on input pixel centres.
     */
    private static final class Geometry {
        private final double rx;
        private final double ry;
        private final double c;
        private final double cos;
        private final double sin;
        private final double scale;
        private final double sx;
        private final double sy;
        private final boolean flip;
        private final int outSize;

        Geometry(FaceTransform t, int w, int h, int outSize) {
            this.rx = (double) outSize / w;
            this.ry = (double) outSize / h;
            this.c = (outSize - 1) / 2.0;
            double th = Math.toRadians(t.rotationDegrees());
            this.cos = t.rotationDegrees() == 0 ? 1 : Math.cos(th);
            this.sin = t.rotationDegrees() == 0 ? 0 : Math.sin(th);
            this.scale = t.scale();
            this.sx = outSize * t.shiftX();
            this.sy = outSize * t.shiftY();
            this.flip = t.flip();
            this.outSize = outSize;
        }

        void inverse(double x, double y, double[] out) {
            double ox = flip ? outSize - 1 - x : x;
            double a = ox - c - sx;
            double b = y - c - sy;
            double dx = (cos * a - sin * b) / scale;
            double dy = (sin * a + cos * b) / scale;
            out[0] = (dx + c + 0.5) / rx - 0.5;
            out[1] = (dy + c + 0.5) / ry - 0.5;
        }
    }
}
