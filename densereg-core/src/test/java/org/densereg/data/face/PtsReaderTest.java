package org.densereg.data.face;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.data.Landmarks;
import org.densereg.io.BadInputException;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PtsReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsOneBasedAndReturnsZeroBased() throws Exception {
        Path p = write("ok.pts", "version: 1\nn_points: 2\n{\n1 1\n10.5 20.25\n}\n");
        Landmarks l = PtsReader.read(p, 2);
        assertEquals(0.0, l.x(0));
        assertEquals(0.0, l.y(0));
        assertEquals(9.5, l.x(1));
        assertEquals(19.25, l.y(1));
    }

    @Test
    void writeThenReadIsIdentity() throws Exception {
        Landmarks l = new Landmarks(new double[] {3.25, 4.5, 100.125, 7.0});
        Path p = dir.resolve("rt.pts");
        PtsWriter.write(p, l);
        assertEquals(l, PtsReader.read(p, -1));
    }

    @Test
    void wrongCountNamesTheFile() throws Exception {
        Path p = write("wrong_count.pts", "version: 1\nn_points: 3\n{\n1 1\n2 2\n}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PtsReader.read(p, 3));
        assertTrue(e.getMessage().contains("wrong_count.pts:6: expected 3 points, found 2"), e.getMessage());
    }

    @Test
    void nonNumberNamesLine() throws Exception {
        Path p = write("not_a_number.pts", "version: 1\nn_points: 1\n{\n12.5 abc\n}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PtsReader.read(p, 1));
        assertTrue(e.getMessage().endsWith("not_a_number.pts:4: expected a number, found \"abc\""), e.getMessage());
    }

    @Test
    void missingBraces() throws Exception {
        Path open = write("no_open_brace.pts", "version: 1\nn_points: 1\n1 1\n}\n");
        assertThrows(BadInputException.class, () -> PtsReader.read(open, 1));
        Path close = write("no_close_brace.pts", "version: 1\nn_points: 1\n{\n1 1\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PtsReader.read(close, 1));
        assertTrue(e.getMessage().contains("missing closing"), e.getMessage());
    }

    @Test
    void nanRejected() throws Exception {
        Path p = write("nan.pts", "version: 1\nn_points: 1\n{\nNaN 1\n}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PtsReader.read(p, 1));
        assertTrue(e.getMessage().contains("nan.pts:4: expected a finite number"), e.getMessage());
    }

    @Test
    void threeNumbersOnALine() throws Exception {
        Path p = write("three.pts", "version: 1\nn_points: 1\n{\n1 2 3\n}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PtsReader.read(p, 1));
        assertTrue(e.getMessage().contains("three.pts:4: expected 2 numbers, found \"1 2 3\""), e.getMessage());
    }

    @Test
    void windowsSavedFileWithBomAndCrlfReadsLikeThePlainOne() throws Exception {
        String text = "version: 1\nn_points: 2\n{\n1 1\n10.5 20.25\n}\n";
        Landmarks plain = PtsReader.read(WindowsText.writePlain(dir.resolve("plain.pts"), text), 2);
        assertEquals(plain, PtsReader.read(WindowsText.write(dir.resolve("bom_crlf.pts"), text), 2));
        Path bad = WindowsText.write(dir.resolve("bom_bad_line.pts"), "version: 1\nn_points: 1\n{\n12.5\n}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> PtsReader.read(bad, 1));
        assertTrue(e.getMessage().endsWith("bom_bad_line.pts:4: expected 2 numbers, found \"12.5\""), e.getMessage());
    }
}
