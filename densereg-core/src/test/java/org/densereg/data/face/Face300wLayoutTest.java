package org.densereg.data.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.io.BadInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Face300wLayoutTest {

    @TempDir
    Path root;

    private void touch(String rel) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
    }

    @Test
    void subsetsFromTheReleasedLayoutWithCountProblems() throws Exception {
        touch("lfpw/testset/image_0001.pts");
        touch("lfpw/testset/image_0001.png");
        touch("helen/testset/a.pts");
        touch("IBUG/image_003_1.pts");
        touch("300W/01_Indoor/indoor_001.pts");
        touch("300W/02_Outdoor/outdoor_001.pts");
        touch("300W/02_Outdoor/outdoor_002.pts");
        Face300wLayout l = Face300wLayout.scan(root);
        assertEquals(2, l.counts().get(Face300wSubset.COMMON));
        assertEquals(1, l.counts().get(Face300wSubset.CHALLENGING), "folder names match case-insensitively");
        assertEquals(3, l.counts().get(Face300wSubset.FULL));
        assertEquals(0, l.counts().get(Face300wSubset.TRAIN));
        assertEquals(3, l.counts().get(Face300wSubset.COMPETITION));
        assertEquals(2, l.counts().get(Face300wSubset.COMPETITION_OUTDOOR));
        assertTrue(l.problems().contains("common: 2 faces, the published set has 554"), l.problems().toString());
        assertEquals(7, l.problems().size());
        assertEquals("lfpw/testset/image_0001", l.id(l.annotations(Face300wSubset.COMMON).get(0)));
        assertEquals(Face300wSubset.COMPETITION_INDOOR, Face300wSubset.parse("competition-indoor"));
        assertEquals(689, Face300wSubset.FULL.expectedCount());
    }

    @Test
    void emptyRootIsBadInput() {
        BadInputException e = assertThrows(BadInputException.class, () -> Face300wLayout.scan(root));
        assertTrue(e.getMessage().contains("no 300W folder found"), e.getMessage());
    }
}
