package org.densereg.model3d;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Cross-checks the bundled template against MediaPipe's own OBJ of the canonical face mesh. */
@Tag("dataset")
class DefaultTemplateDatasetTest {

    @Test
    void bundledTemplateMatchesMediaPipesCanonicalObj() throws IOException {
        Path reference = SharedData.require("models/mediapipe/canonical_face_model.obj");
        TemplateObj ref;
        try (InputStream in = Files.newInputStream(reference)) {
            ref = TemplateObj.parse(in, reference.toString());
        }
        TemplateObj bundled;
        try (InputStream in = DefaultFaceModel.class.getResourceAsStream(DefaultFaceModel.RESOURCE_DIR + "template.obj")) {
            bundled = TemplateObj.parse(in, "template.obj");
        }
        assertEquals(468 * 3, ref.vertices().length);
        assertArrayEquals(ref.vertices(), bundled.vertices(), 1e-6f);
        assertArrayEquals(ref.triangles(), bundled.triangles());
        // the reference keeps MediaPipe's v-down texture coordinates; the bundled file flips v
        float[] refVt = ref.texCoords();
        float[] vt = bundled.texCoords();
        assertEquals(refVt.length, vt.length);
        for (int i = 0; i < vt.length; i += 2) {
            assertEquals(refVt[i], vt[i], 1e-6f);
            assertEquals(1 - refVt[i + 1], vt[i + 1], 1e-6f);
        }
    }
}
