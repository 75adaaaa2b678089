package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The cylindrical UV of the Surrey Face Model (no jaw landmarks mapped) is comparable with the default model's. */
@Tag("dataset")
class CylindricalUvDatasetTest {

    @Test
    void surreyModelLandmarksLandNearTheDefaultModelsInUvSpace() throws IOException {
        Path folder = SharedData.require("models/sfm");
        MorphableModel sfm = SfmModelReader.readFolder(folder);
        MorphableModel def = DefaultFaceModel.load();
        float[] uv = CylindricalUv.compute(sfm.mean(), sfm.landmarkVertices());
        for (float x : uv) {
            assertTrue(x >= 0 && x <= 1);
        }
        int[] lm = sfm.landmarkVertices();
        assertTrue(uv[2 * lm[36]] < uv[2 * lm[45]], "u grows left to right");
        assertTrue(uv[2 * lm[8] + 1] < uv[2 * lm[30] + 1] && uv[2 * lm[30] + 1] < uv[2 * lm[19] + 1], "v grows upwards");
        double sum = 0;
        double max = 0;
        int count = 0;
        StringBuilder worst = new StringBuilder();
        for (int l = 0; l < 68; l++) {
            if (lm[l] < 0) {
                continue;
            }
            int d = def.landmarkVertices()[l];
            double dist = Math.hypot(uv[2 * lm[l]] - def.uv()[2 * d], uv[2 * lm[l] + 1] - def.uv()[2 * d + 1]);
            sum += dist;
            count++;
            if (dist > max) {
                max = dist;
                worst.setLength(0);
                worst.append(l);
            }
        }
        System.out.printf("SFM vs default landmark UV distance: mean %.4f max %.4f (landmark %s) over %d landmarks%n",
                sum / count, max, worst, count);
        assertTrue(sum / count < 0.03, "mean landmark UV distance " + sum / count);
        assertTrue(max < 0.08, "largest landmark UV distance " + max + " at landmark " + worst);
    }
}
