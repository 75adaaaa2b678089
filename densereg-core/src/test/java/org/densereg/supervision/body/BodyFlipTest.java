package org.densereg.supervision.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.lsp.LspJoint;
import org.junit.jupiter.api.Test;

class BodyFlipTest {

    @Test
    void flipTwiceIsIdentityForMapsJointsAndImages() {
        BodyJoints joints = BodyTestPoses.standing(3);
        BodyMaps maps = BodyPartModel.render(joints, 129, 129);
        BodyMaps twice = BodyFlip.flip(BodyFlip.flip(maps));
        assertArrayEquals(maps.parts(), twice.parts());
        assertArrayEquals(maps.u(), twice.u());
        assertArrayEquals(maps.v(), twice.v(), 1e-6f); // 1 − (1 − v) in float
        assertArrayEquals(joints.xy(), BodyFlip.flip(BodyFlip.flip(joints, 129), 129).xy(), 1e-12);
        BufferedImage image = new BufferedImage(7, 5, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(3);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                image.setRGB(x, y, random.nextInt(0xFFFFFF));
            }
        }
        BufferedImage back = BodyFlip.flip(BodyFlip.flip(image));
        BufferedImage once = BodyFlip.flip(image);
        for (int y = 0; y < 5; y++) {
            for (int x = 0; x < 7; x++) {
                assertEquals(image.getRGB(x, y), back.getRGB(x, y));
                assertEquals(image.getRGB(x, y), once.getRGB(6 - x, y));
            }
        }
    }

    @Test
    void flippedMapsEqualTheTemplateRenderedOnFlippedJoints() {
        BodyJoints joints = BodyTestPoses.standing(3);
        BodyMaps flipped = BodyFlip.flip(BodyPartModel.render(joints, 129, 129));
        BodyMaps rendered = BodyPartModel.render(BodyFlip.flip(joints, 129), 129, 129);
        int n = flipped.parts().length;
        int same = 0;
        double maxUvError = 0;
        for (int i = 0; i < n; i++) {
            if (flipped.parts()[i] == rendered.parts()[i]) {
                same++;
                if (flipped.parts()[i] != 0) {
                    maxUvError = Math.max(maxUvError, Math.abs(flipped.u()[i] - rendered.u()[i]));
                    maxUvError = Math.max(maxUvError, Math.abs(flipped.v()[i] - rendered.v()[i]));
                }
            }
        }
        assertTrue(same >= 0.995 * n, "parts agree on " + same + " of " + n);
        assertTrue(maxUvError < 1e-4, "u, v differ by " + maxUvError);
    }

    @Test
    void jointsSwapSidesButNeckAndHeadTopStay() {
        BodyJoints joints = BodyTestPoses.standing(0);
        BodyJoints flipped = BodyFlip.flip(joints, 129);
        assertEquals(128 - joints.x(LspJoint.LEFT_WRIST), flipped.x(LspJoint.RIGHT_WRIST), 1e-12);
        assertEquals(joints.y(LspJoint.LEFT_WRIST), flipped.y(LspJoint.RIGHT_WRIST), 1e-12);
        assertEquals(128 - joints.x(LspJoint.NECK), flipped.x(LspJoint.NECK), 1e-12);
        assertEquals(joints.y(LspJoint.HEAD_TOP), flipped.y(LspJoint.HEAD_TOP), 1e-12);
        assertEquals(LspJoint.NECK, BodyFlip.mirror(LspJoint.NECK));
        assertEquals(LspJoint.LEFT_HIP, BodyFlip.mirror(LspJoint.RIGHT_HIP));
    }
}
