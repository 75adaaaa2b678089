package org.densereg.train.body;

import java.awt.image.BufferedImage;
import org.densereg.data.Landmarks;
import org.densereg.data.body.BodyJoints;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyFlip;
import org.densereg.supervision.body.BodyMaps;
import org.densereg.supervision.body.BodySupervisionSample;
import org.densereg.trainingdata.face.AugmentedFace;
import org.densereg.trainingdata.face.FaceAugmenter;
import org.densereg.trainingdata.face.FaceTransform;

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

    /**
     * Resamples a supervision sample (crop side C) to the input side S through a zoom, rotation, shift and colour
     * transform ({@link FaceAugmenter#apply(BufferedImage, float[], float[], byte[], Landmarks, int, FaceTransform)}:
     * image bilinear, part/u/v nearest, part 0 and u = v = −1 outside the crop; joints through the same affine map).
     * The identity transform gives exactly {@link #of(BodySupervisionSample, int)}.
     *
     * @param sample    the supervision sample (square)
     * @param size      S
     * @param transform the transform; must not flip (flips go through {@link #flip()}, which relabels body parts)
     * @return the example; {@code toSupervision} is that of the untransformed resize, (C − 1)/(S − 1)
     */
    public static BodyExample of(BodySupervisionSample sample, int size, FaceTransform transform) {
        if (transform.flip()) {
            throw new IllegalArgumentException("flip body examples with flip(), not through the transform");
        }
        if (transform.equals(FaceTransform.identity())) {
            return of(sample, size);
        }
        int c = sample.width();
        BodyMaps src = sample.maps();
        AugmentedFace warped = FaceAugmenter.apply(sample.image(), src.u(), src.v(), src.parts(),
                new Landmarks(new double[0]), size, transform);
        double[] m = transform.matrix(c, sample.height(), size);
        double[] xy = sample.joints().xy();
        double[] out = new double[xy.length];
        for (int j = 0; j < xy.length / 2; j++) {
            double x = xy[2 * j];
            double y = xy[2 * j + 1];
            out[2 * j] = m[0] * x + m[1] * y + m[2];
            out[2 * j + 1] = m[3] * x + m[4] * y + m[5];
        }
        return new BodyExample(warped.image(), new BodyMaps(size, size, warped.parts(), warped.u(), warped.v()),
                new BodyJoints(out, sample.joints().visible()), (c - 1) / (double) (size - 1));
    }

    /** The example mirrored left ↔ right ({@link BodyFlip}). */
    public BodyExample flip() {
        int w = image.getWidth();
        return new BodyExample(BodyFlip.flip(image), BodyFlip.flip(maps), BodyFlip.flip(joints, w), toSupervision);
    }
}
