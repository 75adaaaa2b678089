package org.densereg.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @TempDir
    Path dir;

    /** Writes {@code text} as UTF-8 (a leading U+FEFF becomes the bytes EF BB BF). */
    static Path write(Path file, String text) throws Exception {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void bomAndCrlfReadAsThePlainFile() throws Exception {
        String plain = "a: 1\nb: \"é\"\n\nlast";
        Path bom = write(dir.resolve("bom.txt"), WindowsText.of(plain));
        assertEquals((byte) 0xEF, Files.readAllBytes(bom)[0], "the fixture starts with the UTF-8 BOM bytes");
        assertEquals(plain, TextFiles.read(bom));
        assertEquals(plain, TextFiles.read(write(dir.resolve("plain.txt"), plain)));
        assertEquals(plain, TextFiles.read(write(dir.resolve("cr.txt"), plain.replace('\n', '\r'))));
    }

    @Test
    void linesNumberLikeTheFile() throws Exception {
        List<String> expected = List.of("one", "", "three");
        assertEquals(expected, TextFiles.readLines(write(dir.resolve("a.txt"), WindowsText.of("one\n\nthree\n"))));
        assertEquals(expected, TextFiles.readLines(write(dir.resolve("b.txt"), "one\n\nthree")));
        assertEquals(List.of(), TextFiles.readLines(write(dir.resolve("empty.txt"), String.valueOf(TextFiles.BOM))));
    }

    @Test
    void onlyALeadingBomIsDropped() {
        assertEquals("x\uFEFFy", TextFiles.normalise("\uFEFFx\uFEFFy"));
    }

    @Test
    void bytesThatAreNotUtf8NameTheFileAndLine() throws Exception {
        Path latin1 = dir.resolve("latin1.pts");
        Files.write(latin1, "ok\r\ncaf\u00e9\r\n".getBytes(StandardCharsets.ISO_8859_1));
        BadInputException e = assertThrows(BadInputException.class, () -> TextFiles.read(latin1));
        assertEquals(latin1, e.file());
        assertEquals(2, e.line());
        assertTrue(e.getMessage().contains("not UTF-8 text: invalid byte 0xE9"), e.getMessage());
    }

    @Test
    void aMissingFileIsLeftToTheCaller() {
        assertThrows(NoSuchFileException.class, () -> TextFiles.read(dir.resolve("absent.txt")));
    }
}
