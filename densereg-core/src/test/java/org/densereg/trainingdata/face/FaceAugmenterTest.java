package org.densereg.trainingdata.face;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.densereg.data.Landmarks;
import org.densereg.supervision.FacePart;
import org.junit.jupiter.api.Test;

class FaceAugmenterTest {

    private static final int SIZE = 48;

    /** A sample with a face disk: u, v gradients on it (−1 outside), random part labels, random pixels. */
    private record Sample(BufferedImage image, float[] u, float[] v, byte[] parts, Landmarks landmarks) {
    }

    private static Sample sample(long seed, boolean dyadic) {
        SplittableRandom r = new SplittableRandom(seed);
        BufferedImage img = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
        float[] u = new float[SIZE * SIZE];
        float[] v = new float[SIZE * SIZE];
        byte[] parts = new byte[SIZE * SIZE];
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int i = y * SIZE + x;
                img.setRGB(x, y, r.nextInt(1 << 24));
                double dx = x - 23.5;
                double dy = y - 23.5;
                if (dx * dx + dy * dy < 20 * 20) {
                    float uu = (float) (x / (SIZE - 1.0));
                    float vv = (float) (1 - y / (SIZE - 1.0));
                    u[i] = dyadic ? Math.round(uu * 1024) / 1024f : uu + (float) r.nextDouble() * 1e-3f;
                    v[i] = dyadic ? Math.round(vv * 1024) / 1024f : vv;
                    parts[i] = (byte) (1 + r.nextInt(9));
                } else {
                    u[i] = -1;
                    v[i] = -1;
                }
            }
        }
        double[] xy = new double[136];
        for (int k = 0; k < xy.length; k++) {
            double c = 5 + 38 * r.nextDouble();
            xy[k] = dyadic ? Math.round(c * 1024) / 1024.0 : c;
        }
        xy[10] = Double.NaN;
        xy[11] = Double.NaN;
        return new Sample(img, u, v, parts, new Landmarks(xy));
    }

    private static AugmentedFace apply(Sample s, FaceTransform t, int out) {
        return FaceAugmenter.apply(s.image(), s.u(), s.v(), s.parts(), s.landmarks(), out, t);
    }

    private static int[] pixels(BufferedImage img) {
        return img.getRGB(0, 0, img.getWidth(), img.getHeight(), null, 0, img.getWidth());
    }

    @Test
    void flipTwiceIsIdentity() {
        Sample s = sample(1, true);
        FaceTransform flip = FaceTransform.identity().withFlip(true);
        AugmentedFace once = apply(s, flip, SIZE);
        AugmentedFace twice = FaceAugmenter.apply(once.image(), once.u(), once.v(), once.parts(), once.landmarks(),
                SIZE, flip);
        assertArrayEquals(pixels(s.image()), pixels(twice.image()));
        assertArrayEquals(s.u(), twice.u());
        assertArrayEquals(s.v(), twice.v());
        assertArrayEquals(s.parts(), twice.parts());
        assertEquals(s.landmarks(), twice.landmarks());
    }

    @Test
    void flipTwiceOfArbitraryFloatsIsIdentityWithinRounding() {
        Sample s = sample(2, false);
        FaceTransform flip = FaceTransform.identity().withFlip(true);
        AugmentedFace once = apply(s, flip, SIZE);
        AugmentedFace twice = FaceAugmenter.apply(once.image(), once.u(), once.v(), once.parts(), once.landmarks(),
                SIZE, flip);
        assertArrayEquals(s.u(), twice.u(), 6e-8f);
        assertArrayEquals(s.landmarks().xy(), twice.landmarks().xy(), 1e-12);
    }

    @Test
    void oneFlipMirrorsEveryField() {
        Sample s = sample(3, true);
        AugmentedFace f = apply(s, FaceTransform.identity().withFlip(true), SIZE);
        int[] in = pixels(s.image());
        int[] out = pixels(f.image());
        int swappedParts = 0;
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int i = y * SIZE + x;
                int m = y * SIZE + (SIZE - 1 - x);
                assertEquals(in[m], out[i]);
                assertEquals(s.u()[m] < 0 ? -1f : 1 - s.u()[m], f.u()[i]);
                assertEquals(s.v()[m], f.v()[i]);
                int before = s.parts()[m];
                int after = f.parts()[i];
                if (before == FacePart.LEFT_EYE.label()) {
                    assertEquals(FacePart.RIGHT_EYE.label(), after);
                    swappedParts++;
                } else if (before == FacePart.RIGHT_BROW.label()) {
                    assertEquals(FacePart.LEFT_BROW.label(), after);
                    swappedParts++;
                } else if (before != FacePart.LEFT_BROW.label() && before != FacePart.RIGHT_EYE.label()) {
                    assertEquals(before, after);
                }
            }
        }
        assertTrue(swappedParts > 0);
        int[] perm = FaceAugmenter.ibug68MirrorPermutation();
        for (int k = 0; k < 68; k++) {
            double x = s.landmarks().x(k);
            assertEquals(Double.isNaN(x) ? x : SIZE - 1 - x, f.landmarks().x(perm[k]));
            assertEquals(s.landmarks().y(k), f.landmarks().y(perm[k]));
        }
    }

    @Test
    void identityReturnsTheInput() {
        Sample s = sample(4, false);
        AugmentedFace a = new FaceAugmenter(FaceAugmentation.none()).apply(s.image(), s.u(), s.v(), s.parts(),
                s.landmarks(), SIZE, new SplittableRandom(9));
        assertEquals(FaceTransform.identity(), a.transform());
        assertArrayEquals(pixels(s.image()), pixels(a.image()));
        assertArrayEquals(s.u(), a.u());
        assertArrayEquals(s.v(), a.v());
        assertArrayEquals(s.parts(), a.parts());
        assertEquals(s.landmarks(), a.landmarks());
    }

    @Test
    void quarterTurnMovesPixelsAndLandmarksTogether() {
        Sample s = sample(5, false);
        // 90° counter-clockwise on screen about c = 23.5: (x, y) -> (c + (y - c), c - (x - c)) = (y, 47 - x)
        AugmentedFace a = apply(s, new FaceTransform(1, 90, 0, 0, false, 1, 1, 1), SIZE);
        int[] in = pixels(s.image());
        int[] out = pixels(a.image());
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int o = (SIZE - 1 - x) * SIZE + y;
                assertEquals(in[y * SIZE + x], out[o]);
                assertEquals(s.u()[y * SIZE + x], a.u()[o]);
                assertEquals(s.parts()[y * SIZE + x], a.parts()[o]);
            }
        }
        for (int k = 0; k < 68; k++) {
            double x = s.landmarks().x(k);
            assertEquals(s.landmarks().y(k), a.landmarks().x(k), 1e-9);
            assertEquals(Double.isNaN(x) ? x : SIZE - 1 - x, a.landmarks().y(k), 1e-9);
        }
    }

    @Test
    void rotationKeepsTheUvUnderALandmark() {
        Sample s = sample(6, false);
        float[] u = s.u().clone();
        float[] v = s.v().clone();
        // a 5 × 5 patch of one (u, v) around the landmark at pixel (30, 20), so nearest sampling cannot miss it
        for (int y = 18; y <= 22; y++) {
            for (int x = 28; x <= 32; x++) {
                u[y * SIZE + x] = 0.3125f;
                v[y * SIZE + x] = 0.8125f;
            }
        }
        double[] xy = s.landmarks().xy();
        xy[2 * 7] = 30;
        xy[2 * 7 + 1] = 20;
        Landmarks lm = new Landmarks(xy);
        FaceTransform t = new FaceTransform(1.2, 30, 0.05, -0.1, false, 1, 1, 1);
        AugmentedFace a = FaceAugmenter.apply(s.image(), u, v, s.parts(), lm, SIZE, t);
        // by hand: d = (6.5, -3.5), rotated by 30° ccw on screen, scaled 1.2, shifted (2.4, -4.8)
        double th = Math.toRadians(30);
        double ex = 23.5 + 2.4 + 1.2 * (Math.cos(th) * 6.5 + Math.sin(th) * -3.5);
        double ey = 23.5 - 4.8 + 1.2 * (-Math.sin(th) * 6.5 + Math.cos(th) * -3.5);
        assertEquals(ex, a.landmarks().x(7), 1e-9);
        assertEquals(ey, a.landmarks().y(7), 1e-9);
        int o = (int) Math.round(ey) * SIZE + (int) Math.round(ex);
        assertEquals(0.3125f, a.u()[o]);
        assertEquals(0.8125f, a.v()[o]);
        double[] m = t.matrix(SIZE, SIZE, SIZE);
        assertEquals(ex, m[0] * 30 + m[1] * 20 + m[2], 1e-9);
        assertEquals(ey, m[3] * 30 + m[4] * 20 + m[5], 1e-9);
    }

    @Test
    void resizeMapsPixelCentresAndKeepsLabelsUnblended() {
        Sample s = sample(7, false);
        AugmentedFace a = apply(s, FaceTransform.identity(), SIZE / 2);
        assertEquals(SIZE / 2, a.size());
        // input pixel-centre x = 1.5 (edge between pixels 1 and 2) -> output (1.5 + 0.5) / 2 - 0.5 = 0.5
        double[] xy = s.landmarks().xy();
        for (int k = 0; k < 68; k++) {
            if (!Double.isNaN(xy[2 * k])) {
                assertEquals((xy[2 * k] + 0.5) / 2 - 0.5, a.landmarks().x(k), 1e-12);
            }
        }
        for (int i = 0; i < a.u().length; i++) {
            boolean found = false;
            for (float value : s.u()) {
                if (value == a.u()[i]) {
                    found = true;
                    break;
                }
            }
            assertTrue(found, "output u must be an input value (nearest sampling), pixel " + i);
        }
    }

    @Test
    void outsideTheInputIsBackgroundAndBlack() {
        Sample s = sample(8, false);
        AugmentedFace a = apply(s, new FaceTransform(0.5, 0, 0, 0, false, 1, 1, 1), SIZE);
        assertEquals(-1f, a.u()[0]);
        assertEquals(-1f, a.v()[0]);
        assertEquals(0, a.parts()[0]);
        assertEquals(0, a.image().getRGB(0, 0) & 0xffffff);
        assertNotEquals(-1f, a.u()[24 * SIZE + 24]);
    }

    @Test
    void colourJitterChangesOnlyTheImage() {
        Sample s = sample(9, false);
        AugmentedFace a = apply(s, new FaceTransform(1, 0, 0, 0, false, 0.5, 1, 1), SIZE);
        assertArrayEquals(s.u(), a.u());
        assertArrayEquals(s.parts(), a.parts());
        assertEquals(s.landmarks(), a.landmarks());
        int[] in = pixels(s.image());
        int[] out = pixels(a.image());
        for (int i = 0; i < in.length; i++) {
            for (int shift = 0; shift <= 16; shift += 8) {
                assertEquals(Math.round(((in[i] >> shift) & 0xff) * 0.5), (out[i] >> shift) & 0xff, 1);
            }
        }
        AugmentedFace grey = apply(s, new FaceTransform(1, 0, 0, 0, false, 1, 1, 0), SIZE);
        int p = grey.image().getRGB(3, 3);
        assertEquals((p >> 16) & 0xff, p & 0xff, 1);
        assertEquals((p >> 8) & 0xff, p & 0xff, 1);
    }

    @Test
    void sameSeedSameResultOtherSeedOtherResult() {
        Sample s = sample(10, false);
        FaceAugmenter aug = new FaceAugmenter(FaceAugmentation.defaults());
        AugmentedFace a = aug.apply(s.image(), s.u(), s.v(), s.parts(), s.landmarks(), 40, new SplittableRandom(42));
        AugmentedFace b = aug.apply(s.image(), s.u(), s.v(), s.parts(), s.landmarks(), 40, new SplittableRandom(42));
        AugmentedFace c = aug.apply(s.image(), s.u(), s.v(), s.parts(), s.landmarks(), 40, new SplittableRandom(43));
        assertEquals(a.transform(), b.transform());
        assertArrayEquals(pixels(a.image()), pixels(b.image()));
        assertArrayEquals(a.u(), b.u());
        assertArrayEquals(a.v(), b.v());
        assertArrayEquals(a.parts(), b.parts());
        assertEquals(a.landmarks(), b.landmarks());
        assertNotEquals(a.transform(), c.transform());
    }

    @Test
    void drawsStayInTheirRanges() {
        FaceAugmenter aug = new FaceAugmenter(FaceAugmentation.defaults());
        SplittableRandom r = new SplittableRandom(11);
        int flips = 0;
        double minScale = 2;
        double maxScale = 0;
        for (int i = 0; i < 4000; i++) {
            FaceTransform t = aug.draw(r);
            assertTrue(t.scale() >= 1 / 1.25 - 1e-12 && t.scale() <= 1.25 + 1e-12);
            assertTrue(Math.abs(t.rotationDegrees()) <= 20);
            assertTrue(Math.abs(t.shiftX()) <= 0.1 && Math.abs(t.shiftY()) <= 0.1);
            assertTrue(Math.abs(t.brightness() - 1) <= 0.2 && Math.abs(t.saturation() - 1) <= 0.2);
            flips += t.flip() ? 1 : 0;
            minScale = Math.min(minScale, t.scale());
            maxScale = Math.max(maxScale, t.scale());
        }
        assertEquals(0.5, flips / 4000.0, 0.03);
        assertTrue(minScale < 0.81 && maxScale > 1.24, minScale + " " + maxScale);
        assertThrows(IllegalArgumentException.class, () -> new FaceAugmentation(0, 0, 0, 1.5, 0, 0, 0));
    }

    @Test
    void mirrorPermutationIsAnInvolution() {
        int[] p = FaceAugmenter.ibug68MirrorPermutation();
        int fixed = 0;
        for (int i = 0; i < 68; i++) {
            assertEquals(i, p[p[i]]);
            fixed += p[i] == i ? 1 : 0;
        }
        // the midline: chin 8, nose bridge 27-30, nose tip 33, mouth 51, 57, 62, 66
        assertEquals(10, fixed);
        for (int i : new int[] {8, 27, 28, 29, 30, 33, 51, 57, 62, 66}) {
            assertEquals(i, p[i]);
        }
    }

    @Test
    void mirrorPermutationMatchesTheSymmetricTemplate() throws IOException {
        // the bundled default template is mirror-symmetric about x = 0: the mirror of landmark i is nearest p[i]
        String dir = "/org/densereg/model3d/default/";
        List<float[]> vertices = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream(dir + "template.obj")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.startsWith("v ")) {
                    String[] f = line.trim().split("\\s+");
                    vertices.add(new float[] {Float.parseFloat(f[1]), Float.parseFloat(f[2])});
                }
            }
        }
        JsonNode lv;
        try (InputStream in = getClass().getResourceAsStream(dir + "landmarks.json")) {
            lv = new ObjectMapper().readTree(in).path("landmarkVertices");
        }
        assertEquals(68, lv.size());
        int[] p = FaceAugmenter.ibug68MirrorPermutation();
        int checked = 0;
        for (int i = 0; i < 68; i++) {
            if (lv.get(i).asInt() < 0 || lv.get(p[i]).asInt() < 0) {
                continue;
            }
            float[] a = vertices.get(lv.get(i).asInt());
            double mx = -a[0];
            double my = a[1];
            double best = Double.POSITIVE_INFINITY;
            for (int j = 0; j < 68; j++) {
                if (lv.get(j).asInt() >= 0) {
                    float[] b = vertices.get(lv.get(j).asInt());
                    best = Math.min(best, Math.hypot(mx - b[0], my - b[1]));
                }
            }
            float[] mirror = vertices.get(lv.get(p[i]).asInt());
            double own = Math.hypot(mx - mirror[0], my - mirror[1]);
            assertEquals(best, own, 1e-4, "landmark " + i + " mirrors to " + p[i]);
            checked++;
        }
        assertTrue(checked >= 60, "mapped pairs checked: " + checked);
    }

    @Test
    void flippingOtherLandmarkCountsIsRefused() {
        Sample s = sample(12, false);
        Landmarks five = new Landmarks(new double[10]);
        assertThrows(IllegalArgumentException.class, () -> FaceAugmenter.apply(s.image(), s.u(), s.v(), s.parts(),
                five, SIZE, FaceTransform.identity().withFlip(true)));
        assertEquals(5, FaceAugmenter.apply(s.image(), s.u(), s.v(), s.parts(), five, SIZE,
                FaceTransform.identity()).landmarks().count());
    }
}
