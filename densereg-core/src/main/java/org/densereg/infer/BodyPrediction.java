package org.densereg.infer;

import java.util.Locale;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyMaps;

/**
 * The prediction of a body network for one person crop.
 *
 * <p>The dense maps are in the frame of the network's output (for full-resolution heads the network input, else
 * the stride-8 grid): map pixel (x, y) is 0-based, {@code crop.size() × crop.size()}. {@code crop} maps source-image
 * pixels into that frame ({@code x_map = scale · x + offsetX}); {@link #inImage} resamples the maps into the source
 * image. Joints are in source-image pixels (0-based pixel centres).
 *
 * @param crop          source image → map frame (its {@code size} is the map side)
 * @param maps          part label (0 = background, 1..12 {@link org.densereg.supervision.body.BodyPart}), u, v
 *                      (−1 on background) per map pixel
 * @param denseJoints   the 14 LSP joints read from the dense maps ({@link BodyJointExtractor}), image pixels; NaN
 *                      where the maps do not give a joint
 * @param heatmapJoints the 14 LSP joints from the heatmap head ({@link HeatmapJointExtractor}), image pixels; null
 *                      when the network has no heatmap head
 * @param primary       the source the model was trained for (its {@link #joints()})
 */
public record BodyPrediction(BodyCrop crop, BodyMaps maps, BodyJoints denseJoints, BodyJoints heatmapJoints,
        Source primary) {

    /** Where joints come from. */
    public enum Source {
        /** From the dense (part, u, v) maps. */
        DENSE,
        /** From the heatmap head. */
        HEATMAP;

        /** The lower-case name used in the output files. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Checks that the maps fill the crop and that the primary source is present. */
    public BodyPrediction {
        if (maps.width() != crop.size() || maps.height() != crop.size()) {
            throw new IllegalArgumentException("maps are " + maps.width() + "x" + maps.height() + ", crop side is "
                    + crop.size());
        }
        if (primary == Source.HEATMAP && heatmapJoints == null) {
            throw new IllegalArgumentException("primary source is the heatmap but there are no heatmap joints");
        }
    }

    /** The joints of the primary source, image pixels (NaN where missing). */
    public BodyJoints joints() {
        return primary == Source.HEATMAP ? heatmapJoints : denseJoints;
    }

    /** The number of joints of the primary source that are missing (NaN). */
    public int missingJoints() {
        BodyJoints j = joints();
        int n = 0;
        for (LspJoint joint : LspJoint.values()) {
            if (!Double.isFinite(j.x(joint)) || !Double.isFinite(j.y(joint))) {
                n++;
            }
        }
        return n;
    }

    /**
     * The maps resampled into the source image's frame ({@link MaskedUvResampler}, each part its own chart). Each
     * image pixel centre (x, y) is mapped into the map frame; outside the maps, or where the nearest map pixel is
     * background, it is background. Otherwise its part is the nearest map pixel's, and u and v are bilinear over those of the 4 surrounding map pixels that carry the same
     * part (weights renormalised: background and other parts never blend in, since each part has its own chart).
     *
     * @param width  source image width
     * @param height source image height
     * @return the maps, {@code width × height}
     */
    public BodyMaps inImage(int width, int height) {
        MaskedUvResampler.Resampled r = MaskedUvResampler.toImage(crop.size(), crop.scale(), crop.offsetX(),
                crop.offsetY(), maps.u(), maps.v(), maps.parts(), maps.parts(), width, height);
        return new BodyMaps(width, height, r.labels(), r.u(), r.v());
    }
}
