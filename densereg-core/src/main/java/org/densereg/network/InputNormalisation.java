package org.densereg.network;

import java.awt.image.BufferedImage;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The preprocessing every network input gets, stored with a model so inference matches training (DESIGN §3):
 * value = (channel value in 0..255 − mean[c]) · scale, channels in RGB order, NCHW float32.
 *
 * @param mean  [3] per-channel means in 0..255, RGB order
 * @param scale multiplier applied after mean subtraction (&gt; 0)
 */
public record InputNormalisation(double[] mean, double scale) {

    /** ImageNet RGB means in 0..255 (0.485, 0.456, 0.406 × 255). */
    public static final double[] IMAGENET_MEAN = {123.675, 116.28, 103.53};

    /**
     * ImageNet RGB standard deviations in 0..1, by which torchvision also divides its inputs
     * ({@code (x/255 − mean)/std}); this normalisation does not, so pretrained stems are rescaled on loading
     * ({@link PretrainedBackbone}).
     */
    public static final double[] IMAGENET_STD = {0.229, 0.224, 0.225};

    /** Validates the fields. */
    public InputNormalisation {
        if (mean == null || mean.length != 3) {
            throw new IllegalArgumentException("mean must have 3 values (R, G, B)");
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be finite and > 0, got " + scale);
        }
        mean = mean.clone();
    }

    /**
     * The default: ImageNet mean subtraction, then scale 1/255 (inputs roughly in [−0.5, 0.5]; the network has
     * batch norm after its first convolution, so only the centring matters much).
     */
    public static InputNormalisation imagenet() {
        return new InputNormalisation(IMAGENET_MEAN, 1.0 / 255.0);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputNormalisation other && java.util.Arrays.equals(mean, other.mean)
                && Double.compare(scale, other.scale) == 0;
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(mean) * 31 + Double.hashCode(scale);
    }

    @Override
    public String toString() {
        return "InputNormalisation[mean=" + java.util.Arrays.toString(mean) + ", scale=" + scale + "]";
    }

    /**
     * Normalises one image into planar CHW floats.
     *
     * @param image any {@link BufferedImage}; read through {@code getRGB}
     * @param out   [3·H·W] destination, R plane then G then B, row-major
     * @param offset first index written in {@code out}
     */
    public void normaliseInto(BufferedImage image, float[] out, int offset) {
        int w = image.getWidth();
        int h = image.getHeight();
        int[] rgb = image.getRGB(0, 0, w, h, null, 0, w);
        int plane = w * h;
        float s = (float) scale;
        float mr = (float) mean[0];
        float mg = (float) mean[1];
        float mb = (float) mean[2];
        for (int p = 0; p < plane; p++) {
            int c = rgb[p];
            out[offset + p] = (((c >> 16) & 0xff) - mr) * s;
            out[offset + plane + p] = (((c >> 8) & 0xff) - mg) * s;
            out[offset + 2 * plane + p] = ((c & 0xff) - mb) * s;
        }
    }

    /**
     * Normalises a batch of equally sized images.
     *
     * @param images N images of the same size
     * @return [N, 3, H, W] float32
     */
    public INDArray toBatch(List<BufferedImage> images) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images");
        }
        int w = images.get(0).getWidth();
        int h = images.get(0).getHeight();
        float[] data = new float[images.size() * 3 * w * h];
        for (int i = 0; i < images.size(); i++) {
            BufferedImage image = images.get(i);
            if (image.getWidth() != w || image.getHeight() != h) {
                throw new IllegalArgumentException("image " + i + " is " + image.getWidth() + "x" + image.getHeight()
                        + ", expected " + w + "x" + h);
            }
            normaliseInto(image, data, i * 3 * w * h);
        }
        return Nd4j.create(data, new long[] {images.size(), 3, h, w}, 'c');
    }
}
