package org.densereg.train.body;

import java.awt.image.BufferedImage;
import org.densereg.data.body.BodyJoints;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyFlip;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodySupervisionSample;

/**
 * One body crop at the network input size S × S.
 *
 * @param image  the crop resampled to S × S
 * @param maps   part, u, v per input pixel (nearest-neighbour resampled)
 * @param joints the joints in input pixels (0-based)
 * @param toSupervision factor from input pixels to the supervision crop's pixels: (C − 1)/(S − 1)
 */
public record BodyExample(BufferedImage image, BodyMaps maps, BodyJoints joints, double toSupervision) {

    /**
     * Resamples a supervision sample (crop side C) to the input side S; pixel centres 0 and C − 1 map to 0 and S − 1.
     *
     * @param sample the supervision sample (square)
     * @param size   S
     * @return the example
     */
    public static BodyExample of(BodySupervisionSample sample, int size) {
        int c = sample.width();
        if (sample.height() != c) {
            throw new IllegalArgumentException("sample " + sample.id() + " is not square: " + c + "x" + sample.height());
        }
        double scale = (size - 1) / (double) (c - 1);
        BufferedImage image = c == size ? sample.image() : new BodyCrop(scale, 0, 0, size).toImage(sample.image());
        BodyMaps src = sample.maps();
        int n = size * size;
        byte[] parts = new byte[n];
        float[] u = new float[n];
        float[] v = new float[n];
        for (int y = 0; y < size; y++) {
            int sy = Math.min(c - 1, (int) Math.round(y / scale));
            for (int x = 0; x < size; x++) {
                int sx = Math.min(c - 1, (int) Math.round(x / scale));
                int from = sy * c + sx;
                int to = y * size + x;
                parts[to] = src.parts()[from];
                u[to] = src.u()[from];
                v[to] = src.v()[from];
            }
        }
        return new BodyExample(image, new BodyMaps(size, size, parts, u, v), sample.joints().scaleTranslate(scale, 0, 0),
                1 / scale);
    }

    /** The example mirrored left ↔ right ({@link BodyFlip}). */
    public BodyExample flip() {
        int w = image.getWidth();
        return new BodyExample(BodyFlip.flip(image), BodyFlip.flip(maps), BodyFlip.flip(joints, w), toSupervision);
    }
}
