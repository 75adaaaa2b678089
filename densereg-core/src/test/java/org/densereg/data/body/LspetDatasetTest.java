package org.densereg.data.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.data.lsp.LspJoint;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@link BodyAnnotationReader#lspet} on the real LSP Extended copy in the shared data (skipped when absent). */
@Tag("dataset")
class LspetDatasetTest {

    @Test
    void readsTheSharedCopy() throws Exception {
        Path root = SharedData.require("lspet/joints.mat").getParent();
        List<BodyAnnotation> all = BodyAnnotationReader.lspet(root);
        assertEquals(8500, all.size());
        assertEquals("im00001", all.get(0).id());
        assertEquals("im00002", all.get(1).id());
        assertEquals("im08500", all.get(8499).id());
        assertTrue(Files.isRegularFile(all.get(0).image()), all.get(0).image().toString());
        assertTrue(Files.isRegularFile(all.get(8499).image()), all.get(8499).image().toString());
        // im00001: the right ankle has flag 0 (file position (0, -26.1), no usable position) -> missing; the
        // right knee has flag 1 = visible at file (26.03, 86.41) -> 0-based (25.03, 85.41).
        BodyJoints first = all.get(0).joints();
        assertFalse(first.present(LspJoint.RIGHT_ANKLE));
        assertTrue(first.present(LspJoint.RIGHT_KNEE));
        assertFalse(first.occluded(LspJoint.RIGHT_KNEE));
        assertEquals(25.03, first.x(LspJoint.RIGHT_KNEE), 0.01);
        assertEquals(85.41, first.y(LspJoint.RIGHT_KNEE), 0.01);
        assertEquals(13, first.presentCount());
        // im00034: seen from behind, head hidden: neck and head top flag 0 -> missing.
        BodyJoints back = all.get(33).joints();
        assertFalse(back.present(LspJoint.NECK));
        assertFalse(back.present(LspJoint.HEAD_TOP));
        int missing = 0;
        for (BodyAnnotation a : all) {
            missing += 14 - a.joints().presentCount();
        }
        assertEquals(14379, missing, "joints flagged 0 in the file");
    }
}
