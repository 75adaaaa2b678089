package org.densereg.supervision.body;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.ImageIo;

/**
 * Regenerates the figures of {@code docs/body-supervision.md} from hand-made skeletons on a plain background (not a
 * test; no dataset image is used). Run from the repository root after
 * {@code mvn -B -o -q test-compile -pl densereg-core -am}:
 * {@code java -cp "densereg-core/target/classes:densereg-core/target/test-classes:$(cat /tmp/cp.txt)"
 * org.densereg.supervision.body.BodyDocFigures docs/images} (see the document for the class path line).
 */
public final class BodyDocFigures {

    private static final int W = 200;
    private static final int H = 300;
    private static final int GAP = 8;

    private BodyDocFigures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(dir);
        BodyJoints front = Skeletons.with(Skeletons.upright(), LspJoint.RIGHT_WRIST, 130, 110);
        BodyJoints occluded = Skeletons.withVisible(Skeletons.withVisible(front, LspJoint.RIGHT_WRIST, false),
                LspJoint.LEFT_KNEE, false);
        BodyJoints back = Skeletons.flip(Skeletons.flip(front, W), W);
        for (LspJoint r : new LspJoint[] {LspJoint.RIGHT_SHOULDER, LspJoint.RIGHT_ELBOW, LspJoint.RIGHT_WRIST,
            LspJoint.RIGHT_HIP, LspJoint.RIGHT_KNEE, LspJoint.RIGHT_ANKLE}) {
            LspJoint l = r.mirror();
            double rx = back.x(r);
            double ry = back.y(r);
            back = Skeletons.with(Skeletons.with(back, r, back.x(l), back.y(l)), l, rx, ry);
        }
        BufferedImage plain = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        int[] grey = new int[W * H];
        java.util.Arrays.fill(grey, 0xd8d8d8);
        plain.setRGB(0, 0, W, H, grey, 0, W);
        BodyJoints[] poses = {front, occluded, back};
        BufferedImage previews = new BufferedImage(3 * W + 2 * GAP, H, BufferedImage.TYPE_INT_RGB);
        BufferedImage iuv = new BufferedImage(3 * W + 2 * GAP, H, BufferedImage.TYPE_INT_RGB);
        for (int k = 0; k < poses.length; k++) {
            BodyMaps maps = BodyPartModel.render(poses[k], W, H);
            BufferedImage p = BodyPreview.render(plain, maps, poses[k]);
            BufferedImage i = BodySupervisionWriter.iuvImage(maps);
            previews.setRGB(k * (W + GAP), 0, W, H, p.getRGB(0, 0, W, H, null, 0, W), 0, W);
            iuv.setRGB(k * (W + GAP), 0, W, H, i.getRGB(0, 0, W, H, null, 0, W), 0, W);
        }
        ImageIo.writePng(previews, dir.resolve("body-parts-synthetic.png"));
        ImageIo.writePng(iuv, dir.resolve("body-iuv-synthetic.png"));
    }
}
