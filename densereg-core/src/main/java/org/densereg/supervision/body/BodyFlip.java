package org.densereg.supervision.body;

import java.awt.image.BufferedImage;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;

/**
 * Horizontal flip of body data for augmentation (and flip tests): pixel x ↦ W − 1 − x (0-based pixel centres map
 * to pixel centres), left and right swapped. The flipped person is again described in person-centric terms: parts
 * are relabelled with {@link BodyPart#mirror()}, u is unchanged, v is unchanged on limbs and becomes 1 − v on torso
 * and head (see {@link BodyPart#mirror()}); joints are relabelled left ↔ right with {@link #mirror(LspJoint)}
 * (neck and head top stay themselves, unlike {@link LspJoint#mirror()}, which follows the evaluation code's
 * symmetric grouping). Flipping twice gives back the input (exactly, except v on torso and head: 1 − (1 − v) in float32, within
 * 1e-7).
 */
public final class BodyFlip {

    private BodyFlip() {
    }

    /** The joint on the other side of the body for a geometric flip: left ↔ right, neck and head top unchanged. */
    public static LspJoint mirror(LspJoint joint) {
        return joint == LspJoint.NECK || joint == LspJoint.HEAD_TOP ? joint : joint.mirror();
    }

    /** The image mirrored left ↔ right (TYPE_INT_RGB). */
    public static BufferedImage flip(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[w];
        int[] flipped = new int[w];
        for (int y = 0; y < h; y++) {
            image.getRGB(0, y, w, 1, row, 0, w);
            for (int x = 0; x < w; x++) {
                flipped[w - 1 - x] = row[x];
            }
            out.setRGB(0, y, w, 1, flipped, 0, w);
        }
        return out;
    }

    /** The maps mirrored: pixels moved to W − 1 − x, parts relabelled, v → 1 − v on torso and head. */
    public static BodyMaps flip(BodyMaps maps) {
        int w = maps.width();
        int h = maps.height();
        byte[] parts = new byte[w * h];
        float[] u = new float[w * h];
        float[] v = new float[w * h];
        byte[] srcParts = maps.parts();
        float[] srcU = maps.u();
        float[] srcV = maps.v();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int from = y * w + x;
                int to = y * w + (w - 1 - x);
                BodyPart part = BodyPart.ofLabel(srcParts[from] & 0xff);
                BodyPart mirrored = part.mirror();
                parts[to] = (byte) mirrored.label();
                u[to] = srcU[from];
                boolean limb = part.isLeft() || part.isRight();
                v[to] = part == BodyPart.BACKGROUND || limb ? srcV[from] : 1f - srcV[from];
            }
        }
        return new BodyMaps(w, h, parts, u, v);
    }

    /**
     * The joints mirrored in an image of the given width: x ↦ width − 1 − x, joints relabelled with
     * {@link #mirror(LspJoint)}, visibility flags carried along, missing joints stay missing.
     */
    public static BodyJoints flip(BodyJoints joints, int width) {
        double[] xy = joints.xy();
        boolean[] visible = joints.visible();
        double[] out = new double[xy.length];
        boolean[] vis = new boolean[visible.length];
        for (LspJoint j : LspJoint.values()) {
            int to = mirror(j).ordinal();
            out[2 * to] = width - 1 - xy[2 * j.ordinal()];
            out[2 * to + 1] = xy[2 * j.ordinal() + 1];
            vis[to] = visible[j.ordinal()];
        }
        return new BodyJoints(out, vis);
    }
}
