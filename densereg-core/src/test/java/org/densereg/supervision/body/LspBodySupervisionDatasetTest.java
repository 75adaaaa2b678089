package org.densereg.supervision.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.body.BodyAnnotation;
import org.densereg.data.body.BodyAnnotationReader;
import org.densereg.data.body.BodyJoints;
import org.densereg.data.body.BodySplit;
import org.densereg.data.lsp.LspJoint;
import org.densereg.io.ImageIo;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("dataset")
class LspBodySupervisionDatasetTest {

    @Test
    void firstLspImagesGetMasksCoveringTheirJoints() throws IOException {
        Path root = SharedData.require("lsp");
        List<BodyAnnotation> items = BodyAnnotationReader.lsp(root, BodySplit.TRAIN);
        assertEquals(1000, items.size());
        assertEquals("im0001", items.get(0).id());
        assertEquals(1000, BodyAnnotationReader.lsp(root, BodySplit.TEST).size());
        BodySupervisionGenerator gen = new BodySupervisionGenerator(new BodySupervisionOptions(128, 1));
        for (BodyAnnotation item : items.subList(0, 4)) {
            BufferedImage image = ImageIo.read(item.image());
            BodySupervisionSample s = gen.generate(item, image);
            BodyMaps maps = s.maps();
            // Every joint inside the crop lies on a body pixel, and the body covers a plausible share of the crop.
            int inside = 0;
            for (LspJoint j : LspJoint.values()) {
                long x = Math.round(s.joints().x(j));
                long y = Math.round(s.joints().y(j));
                if (x >= 0 && y >= 0 && x < 128 && y < 128) {
                    inside++;
                    assertTrue(maps.isForeground((int) (y * 128 + x)), item.id() + " " + j);
                }
            }
            assertTrue(inside >= 12, item.id() + ": " + inside + " joints inside the crop");
            double fraction = maps.foregroundPixels() / (128.0 * 128.0);
            assertTrue(fraction > 0.05 && fraction < 0.7, item.id() + ": foreground " + fraction);
            // The joints are inside the source image (0-based after the reader's 1-based conversion, up to LSP's
            // few truncated joints).
            BodyJoints src = item.joints();
            assertTrue(src.bounds()[0] > -30 && src.bounds()[2] < image.getWidth() + 30, item.id());
        }
    }
}
