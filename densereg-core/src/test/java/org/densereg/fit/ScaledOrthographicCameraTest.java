package org.densereg.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class ScaledOrthographicCameraTest {

    @Test
    void identityProjectsWithYFlipAndDepthTowardsCamera() {
        ScaledOrthographicCamera c = ScaledOrthographicCamera.fromEulerDegrees(0, 0, 0, 2, 10, 20);
        float[] p = c.project(new float[] {1, 1, 1, -1, -2, 3});
        assertArrayEquals(new float[] {12, 18, 2, 8, 24, 6}, p, 1e-6f);
    }

    @Test
    void eulerSignConventions() {
        double[] nose = {0, 0, 1};
        double[] leftEye = {1, 0, 0};
        // yaw > 0: face turned to its own left, the nose tip moves to image right
        assertTrue(ScaledOrthographicCamera.fromEulerDegrees(30, 0, 0, 1, 0, 0).project(nose[0], nose[1], nose[2])[0] > 0.4);
        // pitch > 0: face tilted down, the nose tip moves down in the image (y grows)
        assertTrue(ScaledOrthographicCamera.fromEulerDegrees(0, 30, 0, 1, 0, 0).project(nose[0], nose[1], nose[2])[1] > 0.4);
        // roll > 0: counter-clockwise in the image, the subject's left eye moves up (y shrinks)
        assertTrue(ScaledOrthographicCamera.fromEulerDegrees(0, 0, 30, 1, 0, 0).project(leftEye[0], leftEye[1], leftEye[2])[1] < -0.4);
    }

    @Test
    void eulerAnglesRoundTrip() {
        Random random = new Random(3);
        for (int i = 0; i < 200; i++) {
            double yaw = -170 + 340 * random.nextDouble();
            double pitch = -85 + 170 * random.nextDouble();
            double roll = -170 + 340 * random.nextDouble();
            ScaledOrthographicCamera c = ScaledOrthographicCamera.fromEulerDegrees(yaw, pitch, roll, 1, 0, 0);
            assertEquals(yaw, c.yawDegrees(), 1e-9);
            assertEquals(pitch, c.pitchDegrees(), 1e-9);
            assertEquals(roll, c.rollDegrees(), 1e-9);
        }
    }

    @Test
    void compositionOrderIsYawPitchRoll() {
        ScaledOrthographicCamera c = ScaledOrthographicCamera.fromEulerDegrees(90, 0, 90, 1, 0, 0);
        // roll first maps x to y, yaw then leaves y alone: model x ends up along image up
        double[] p = c.project(1, 0, 0);
        assertEquals(0, p[0], 1e-12);
        assertEquals(-1, p[1], 1e-12);
    }

    @Test
    void rejectsNonRotations() {
        assertThrows(IllegalArgumentException.class,
                () -> new ScaledOrthographicCamera(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ScaledOrthographicCamera(new double[] {2, 0, 0, 0, 1, 0, 0, 0, 1}, 1, 0, 0));
        assertThrows(IllegalArgumentException.class,
                () -> new ScaledOrthographicCamera(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, 0, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> new ScaledOrthographicCamera(new double[8], 1, 0, 0));
    }

    @Test
    void rotationIsCopied() {
        double[] r = {1, 0, 0, 0, 1, 0, 0, 0, 1};
        ScaledOrthographicCamera c = new ScaledOrthographicCamera(r, 1, 0, 0);
        r[0] = 5;
        c.rotation()[1] = 7;
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, c.rotation());
    }

    @Test
    void estimatorRecoversAnExactCameraFromPoints() {
        Random random = new Random(5);
        ScaledOrthographicCamera truth = ScaledOrthographicCamera.fromEulerDegrees(-25, 12, 8, 3.5, -4, 9);
        int n = 12;
        double[] model = new double[3 * n];
        double[] image = new double[2 * n];
        for (int k = 0; k < n; k++) {
            for (int c = 0; c < 3; c++) {
                model[3 * k + c] = random.nextGaussian();
            }
            double[] p = truth.project(model[3 * k], model[3 * k + 1], model[3 * k + 2]);
            image[2 * k] = p[0];
            image[2 * k + 1] = p[1];
        }
        ScaledOrthographicCamera c = CameraEstimator.estimate(model, image, n, null);
        assertArrayEquals(truth.rotation(), c.rotation(), 1e-9);
        assertEquals(3.5, c.scale(), 1e-9);
        assertEquals(-4, c.tx(), 1e-9);
        assertEquals(9, c.ty(), 1e-9);
    }
}
