package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutputIdsTest {

    @Test
    void sanitizeKeepsLettersOfAnyScriptAndReplacesWhatIsUnsafeInFileNames() {
        assertEquals("name_with_spaces_ü", OutputIds.sanitize("name with spaces ü"));
        assertEquals("name_with_spaces_ü", OutputIds.sanitize("name with spaces u\u0308"), "NFD is composed (macOS names)");
        assertEquals("a_b_c_d_e_f_g_h_i_j", OutputIds.sanitize("a/b\\c:d*e?f\"g<h>i|j"));
        assertEquals("tab_nl_cr_nbsp_zwsp_rtl_", OutputIds.sanitize("tab\tnl\ncr\rnbsp\u00a0zwsp\u200brtl\u202e"));
        assertEquals("顔写真_1", OutputIds.sanitize("顔写真 1"));
        assertEquals("photo_(1)_#2", OutputIds.sanitize("photo (1) #2"));
        assertEquals("_hidden", OutputIds.sanitize(".hidden"));
        assertEquals("_.", OutputIds.sanitize(".."), "no \"..\" (a leading dot never stays)");
        assertEquals("_", OutputIds.sanitize(""));
        for (String safe : List.of("synth_00001", "helen_trainset_100032540_1", "a-b.c_D")) {
            assertEquals(safe, OutputIds.sanitize(safe), "names that were safe stay as they were");
            assertTrue(OutputIds.isSafe(safe));
        }
        assertFalse(OutputIds.isSafe("a b"));
        assertFalse(OutputIds.isSafe(".a"));
        assertTrue(OutputIds.isSafe("ü~2"));
    }

    @Test
    void longNamesAreCutAtACharacterBoundary() {
        String id = OutputIds.sanitize("ü".repeat(150));
        assertEquals(100, id.length());
        assertEquals(OutputIds.MAX_BYTES, id.getBytes(StandardCharsets.UTF_8).length);
        OutputIds ids = new OutputIds();
        assertEquals(id, ids.claim(id, "first"));
        String second = ids.claim(id, "second");
        assertTrue(second.endsWith("~2") && second.getBytes(StandardCharsets.UTF_8).length <= OutputIds.MAX_BYTES, second);
    }

    @Test
    void claimGivesLaterCollidingInputsDeterministicSuffixesAndRecordsThem() {
        OutputIds ids = new OutputIds();
        assertEquals("x", ids.claim("x", "a/x.jpg"));
        assertEquals("x~2", ids.claim("x", "b/x.jpg"));
        assertEquals("X~3", ids.claim("X", "c/X.jpg"), "case-insensitive file systems would merge X and x");
        assertEquals("x~2~2", ids.claim("x~2", "x~2.jpg"), "a literal x~2 does not overwrite the renamed one");
        assertEquals("y", ids.claim("y", "y.jpg"));
        assertEquals(List.of(new OutputIds.Renamed("b/x.jpg", "x", "x~2"), new OutputIds.Renamed("c/X.jpg", "X", "X~3"),
                new OutputIds.Renamed("x~2.jpg", "x~2", "x~2~2")), ids.renamed());
        OutputIds again = new OutputIds();
        assertEquals(List.of("x", "x~2", "X~3", "x~2~2", "y"), List.of(again.claim("x", "1"), again.claim("x", "2"),
                again.claim("X", "3"), again.claim("x~2", "4"), again.claim("y", "5")), "same inputs, same ids");
    }
}
