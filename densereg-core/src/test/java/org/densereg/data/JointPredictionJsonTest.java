package org.densereg.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.io.BadInputException;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JointPredictionJsonTest {

    @TempDir
    Path dir;

    @Test
    void bareArrayIsOneBasedObjectFormMayBeZeroBased() throws Exception {
        Path a = dir.resolve("a.json");
        Files.writeString(a, "[[[1, 2], [3, 4, 0.9]], {\"joints\": [[5, 6], [7, 8]]}]");
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, JointPredictionJson.read(a, 2));
        Path b = dir.resolve("b.json");
        Files.writeString(b, "{\"coordinate_base\": 0, \"predictions\": [[[1, 2], [3, 4]]]}");
        assertArrayEquals(new double[] {1, 2, 3, 4}, JointPredictionJson.read(b, 2));
    }

    @Test
    void wrongJointCountAndNonNumbersNameTheEntry() throws Exception {
        Path a = dir.resolve("three_joints.json");
        Files.writeString(a, "[[[1, 2], [3, 4]], [[1, 2], [3, 4], [5, 6]]]");
        BadInputException e = assertThrows(BadInputException.class, () -> JointPredictionJson.read(a, 2));
        assertTrue(e.getMessage().contains("three_joints.json") && e.getMessage().contains("predictions[1]: expected 2 joints, found 3"),
                e.getMessage());
        Path b = dir.resolve("null_coordinate.json");
        Files.writeString(b, "[[[1, null], [3, 4]]]");
        e = assertThrows(BadInputException.class, () -> JointPredictionJson.read(b, 2));
        assertTrue(e.getMessage().contains("predictions[0][0]: expected [x, y] numbers"), e.getMessage());
    }

    @Test
    void windowsSavedJsonWithBomAndCrlfReadsLikeThePlainOne() throws Exception {
        String text = "{\n  \"coordinate_base\": 0,\n  \"predictions\": [[[1, 2], [3, 4]]]\n}\n";
        double[] plain = JointPredictionJson.read(WindowsText.writePlain(dir.resolve("plain.json"), text), 2);
        assertArrayEquals(new double[] {1, 2, 3, 4}, plain);
        assertArrayEquals(plain, JointPredictionJson.read(WindowsText.write(dir.resolve("bom_crlf.json"), text), 2));
    }

    @Test
    void writtenPredictionsReadBackZeroBasedToThreeDecimals() throws Exception {
        double[] xy = {0.5, 1.25, 100.0004, 7, -2.5, 3.1234, 9, 10.0006};
        Path file = dir.resolve("sub").resolve("written.json");
        Files.createDirectories(file.getParent());
        JointPredictionJson.write(file, xy, 2);
        assertEquals("{\"coordinate_base\": 0, \"predictions\": [\n  [[0.500, 1.250], [100.000, 7.000]],\n"
                + "  [[-2.500, 3.123], [9.000, 10.001]]\n]}\n", Files.readString(file));
        assertArrayEquals(new double[] {0.5, 1.25, 100, 7, -2.5, 3.123, 9, 10.001}, JointPredictionJson.read(file, 2), 1e-12);
    }
}
