package org.densereg.infer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.io.OutputIds;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InferenceInputsTest {

    @TempDir
    Path dir;

    @Test
    void wholeImageIdsAreRelativeStemsMadeSafeAndUnique() throws IOException {
        Files.createDirectories(dir.resolve("sub dir"));
        Files.writeString(dir.resolve("a.png"), "x");
        Files.writeString(dir.resolve("a.JPG"), "x");
        Files.writeString(dir.resolve("sub dir/b.jpeg"), "x");
        Files.writeString(dir.resolve("notes.txt"), "x");
        List<String> ids = InferenceInputs.wholeImages(List.of(dir), true).items().stream().map(InferenceItem::id).toList();
        assertEquals(List.of("a", "a~2", "sub_dir_b"), ids);
        assertEquals(List.of("a"), InferenceInputs.wholeImages(List.of(dir), false).items().stream()
                .map(InferenceItem::id).toList().subList(0, 1));
        assertThrows(BadInputException.class, () -> InferenceInputs.wholeImages(List.of(dir.resolve("none")), false));
    }

    @Test
    void unicodeNamesKeepTheirLettersAndCollidingNamesGetSuffixesListedAsRenamed() throws IOException {
        Files.createDirectories(dir.resolve("a"));
        Files.createDirectories(dir.resolve("b"));
        for (String f : List.of("name with spaces ü.png", "name_with_spaces_ü.png", "x y.jpg", "x_y.jpg", "a/x.jpg",
                "b/x.jpg")) {
            Files.writeString(dir.resolve(f), "x");
        }
        List<Path> inputs = List.of(dir.resolve("name with spaces ü.png"), dir.resolve("name_with_spaces_ü.png"),
                dir.resolve("x y.jpg"), dir.resolve("x_y.jpg"), dir.resolve("a/x.jpg"), dir.resolve("b/x.jpg"));
        InferenceInputs.Scan scan = InferenceInputs.wholeImages(inputs, false);
        assertEquals(List.of("name_with_spaces_ü", "name_with_spaces_ü~2", "x_y", "x_y~2", "x", "x~2"),
                scan.items().stream().map(InferenceItem::id).toList());
        assertEquals(List.of(
                new OutputIds.Renamed(dir.resolve("name_with_spaces_ü.png").toString(), "name_with_spaces_ü",
                        "name_with_spaces_ü~2"),
                new OutputIds.Renamed(dir.resolve("x_y.jpg").toString(), "x_y", "x_y~2"),
                new OutputIds.Renamed(dir.resolve("b/x.jpg").toString(), "x", "x~2")), scan.renamed());
        assertEquals(List.of("x_y", "x_y~2"), InferenceInputs.wholeImages(List.of(dir.resolve("x_y.jpg"),
                dir.resolve("x y.jpg")), false).items().stream().map(InferenceItem::id).toList(),
                "the later input is renamed, whichever it is");
        assertEquals(scan, InferenceInputs.wholeImages(inputs, false), "deterministic");
        assertEquals(List.of("a_x", "b_x"), InferenceInputs.wholeImages(List.of(dir), true).items().stream()
                .map(InferenceItem::id).filter(id -> id.endsWith("_x")).toList(), "sub-folder paths keep them apart");
    }

    @Test
    void csvBoxesGiveOneItemPerRowWithBoxIndex() throws IOException {
        Path csv = dir.resolve("boxes.csv");
        Files.writeString(csv, "image,x,y,w,h\nimg/p.jpg,1,2,30,40\nimg/p.jpg,50,2,30,40\nq.png,0,0,10,10\n");
        List<InferenceItem> items = InferenceInputs.withBoxes(csv).items();
        assertEquals(List.of("img_p_0", "img_p_1", "q_0"), items.stream().map(InferenceItem::id).toList());
        assertArrayEquals(new double[] {50, 2, 30, 40}, items.get(1).box());
        assertEquals(dir.toAbsolutePath().resolve("img/p.jpg"), items.get(1).image());
        assertEquals("box", items.get(0).localisation());
    }

    @Test
    void malformedCsvRowsNameTheLine() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "a.png,1,2,3,4\nb.png,1,x,3,4\n");
        BadInputException e = assertThrows(BadInputException.class, () -> InferenceInputs.withBoxes(csv));
        assertTrue(e.getMessage().contains(":2:") && e.getMessage().contains("'x'"), e.getMessage());
        Files.writeString(csv, "a.png,1,2,0,4\n");
        assertThrows(BadInputException.class, () -> InferenceInputs.withBoxes(csv));
    }

    @Test
    void globsTheShellDidNotExpandAreMatchedRelativeToTheWorkingFolder() throws IOException {
        Files.createDirectories(dir.resolve("faces/deep"));
        for (String f : List.of("faces/b.jpg", "faces/a.jpg", "faces/c.png", "faces/deep/d.jpg")) {
            Files.writeString(dir.resolve(f), "x");
        }
        assertEquals(List.of(dir.resolve("faces/a.jpg"), dir.resolve("faces/b.jpg")),
                InferenceInputs.expand(List.of("faces/*.jpg"), dir));
        assertEquals(List.of(dir.resolve("faces/a.jpg"), dir.resolve("faces/b.jpg"), dir.resolve("faces/c.png")),
                InferenceInputs.expand(List.of("faces/*.{jpg,png}"), dir));
        assertEquals(List.of(dir.resolve("faces/deep/d.jpg")), InferenceInputs.expand(List.of("faces/**/*.jpg"), dir));
        assertEquals(List.of(dir.resolve("faces/a.jpg"), dir.resolve("faces/b.jpg"), dir.resolve("faces/deep/d.jpg")),
                InferenceInputs.expand(List.of("faces/{*,**/*}.jpg"), dir), "as docs/inference.md says");
        assertEquals(List.of(dir.resolve("faces/a.jpg")),
                InferenceInputs.expand(List.of(dir.resolve("faces").toAbsolutePath() + "/a.j?g"), Path.of("/nowhere")));
        assertEquals(List.of(dir.resolve("faces")), InferenceInputs.expand(List.of("fac*"), dir), "folders match too");
        BadInputException e = assertThrows(BadInputException.class, () -> InferenceInputs.expand(List.of("faces/*.gif"), dir));
        assertTrue(e.getMessage().contains("faces/*.gif") && e.getMessage().contains("matches"), e.getMessage());
        Files.writeString(dir.resolve("faces/odd*.jpg"), "x");
        assertEquals(List.of(dir.resolve("faces/odd*.jpg")), InferenceInputs.expand(List.of("faces/odd*.jpg"), dir),
                "an existing file is taken literally");
        assertEquals(List.of(Path.of("x/y.png")), InferenceInputs.expand(List.of("x/y.png"), Path.of("")),
                "plain relative paths stay relative");
    }

    @Test
    void listFilesResolveAgainstTheirFolderSkipCommentsAndNameBadLines() throws IOException {
        Files.createDirectories(dir.resolve("lists/imgs"));
        Files.writeString(dir.resolve("lists/imgs/p.png"), "x");
        Files.writeString(dir.resolve("top.png"), "x");
        Path list = dir.resolve("lists/faces.txt");
        Files.writeString(list, "# faces to run\n\nimgs/p.png\n  ../top.png  \n" + dir.resolve("lists/imgs") + "\n");
        assertEquals(List.of(dir.resolve("lists/imgs/p.png"), dir.resolve("lists/../top.png"), dir.resolve("lists/imgs")),
                InferenceInputs.expand(List.of("@lists/faces.txt"), dir));
        List<String> ids = InferenceInputs.wholeImages(InferenceInputs.expand(List.of("@lists/faces.txt"), dir), false)
                .items().stream().map(InferenceItem::id).toList();
        assertEquals(List.of("p", "top", "p~2"), ids);
        Files.writeString(list, "imgs/p.png\n# ok\nimgs/missing.png\n");
        BadInputException e = assertThrows(BadInputException.class, () -> InferenceInputs.expand(List.of("@" + list), dir));
        assertTrue(e.getMessage().contains("faces.txt:3:") && e.getMessage().contains("missing.png"), e.getMessage());
        assertThrows(BadInputException.class, () -> InferenceInputs.expand(List.of("@lists/none.txt"), dir));
    }

    @Test
    void jsonBoxesGiveStemIdsForOneBoxAndIndexedIdsForSeveral() throws IOException {
        Path json = dir.resolve("boxes.json");
        Files.writeString(json, """
                [
                  {"image": "img/p.jpg", "boxes": [[1, 2, 30, 40], [50.5, 2, 30, 40]], "scores": [0.9, 0.8]},
                  {"image": "q.png", "boxes": [[0, 0, 10, 10]]}
                ]
                """);
        List<InferenceItem> items = InferenceInputs.withBoxes(json).items();
        assertEquals(List.of("img_p_0", "img_p_1", "q"), items.stream().map(InferenceItem::id).toList());
        assertArrayEquals(new double[] {50.5, 2, 30, 40}, items.get(1).box());
        assertEquals(dir.toAbsolutePath().resolve("img/p.jpg"), items.get(1).image());
        assertEquals("box", items.get(2).localisation());
    }

    @Test
    void malformedJsonBoxesNameTheLineAndField() throws IOException {
        Path json = dir.resolve("bad.json");
        assertJsonError(json, "[\n {\"image\": \"a.png\", \"boxes\": [[1, 2, 3, 4]]},\n {\"image\": \"b.png\",\n  \"boxes\": [[1, 2, 3]]}\n]",
                ":4:", "entry 1, \"boxes\"[0]: expected 4 numbers");
        assertJsonError(json, "[{\"image\": \"a.png\",\n \"boxes\": [[1, \"x\", 3, 4]]}]", ":2:", "\"boxes\"[0][1]: expected a number, found \"x\"");
        assertJsonError(json, "[{\"image\": \"a.png\", \"boxes\": [[1, 2, 0, 4]]}]", ":1:", "width and height must be > 0");
        assertJsonError(json, "[{\"image\": \"a.png\", \"boxes\": []}]", ":1:", "at least one box");
        assertJsonError(json, "[\n{\"boxes\": [[1, 2, 3, 4]]}]", ":2:", "entry 0: missing \"image\"");
        assertJsonError(json, "[{\"image\": 7, \"boxes\": [[1, 2, 3, 4]]}]", ":1:", "\"image\": expected a non-empty path");
        assertJsonError(json, "{\"image\": \"a.png\"}", ":1:", "expected a JSON array");
        assertJsonError(json, "[{\"image\": \"a.png\", \"boxes\": [[1, 2, 3, 4]]},\n{\"image\": \"a.png\", \"boxes\": [[1, 2, 3, 4]]}]",
                ":2:", "listed again (first at line 1)");
        assertJsonError(json, "[{\"image\": \"a.png\",\n\n \"boxes\": [[1, 2, 3, 4]]", ":3:", "malformed JSON");
    }

    private static void assertJsonError(Path json, String content, String line, String what) throws IOException {
        Files.writeString(json, content);
        BadInputException e = assertThrows(BadInputException.class, () -> InferenceInputs.withBoxes(json));
        assertTrue(e.getMessage().contains("bad.json" + line) && e.getMessage().contains(what), e.getMessage());
    }

    @Test
    void windowsSavedListCsvAndJsonWithBomAndCrlfReadLikeThePlainOnes() throws IOException {
        Files.createDirectories(dir.resolve("imgs"));
        Files.writeString(dir.resolve("imgs/p.png"), "x");
        Files.writeString(dir.resolve("top.png"), "x");
        String list = "imgs/p.png\n# comment\ntop.png\n";
        List<Path> plainList = InferenceInputs.expand(List.of("@" + WindowsText.writePlain(dir.resolve("plain.txt"), list)), dir);
        assertEquals(List.of(dir.resolve("imgs/p.png"), dir.resolve("top.png")), plainList);
        assertEquals(plainList, InferenceInputs.expand(List.of("@" + WindowsText.write(dir.resolve("bom_crlf.txt"), list)), dir));

        String csv = "image,x,y,w,h\nimgs/p.png,1,2,30,40\ntop.png,0,0,10,10\n";
        assertSameBoxes(InferenceInputs.withBoxes(WindowsText.writePlain(dir.resolve("plain.csv"), csv)).items(),
                InferenceInputs.withBoxes(WindowsText.write(dir.resolve("bom_crlf.csv"), csv)).items());

        String json = "[\n  {\"image\": \"imgs/p.png\", \"boxes\": [[1, 2, 30, 40], [50.5, 2, 30, 40]]}\n]\n";
        assertSameBoxes(InferenceInputs.withBoxes(WindowsText.writePlain(dir.resolve("plain.json"), json)).items(),
                InferenceInputs.withBoxes(WindowsText.write(dir.resolve("bom_crlf.json"), json)).items());
        Path bad = WindowsText.write(dir.resolve("bom_bad_box.json"), json.replace("50.5", "\"x\""));
        BadInputException e = assertThrows(BadInputException.class, () -> InferenceInputs.withBoxes(bad));
        assertTrue(e.getMessage().contains("bom_bad_box.json:2:"), e.getMessage());
    }

    private static void assertSameBoxes(List<InferenceItem> plain, List<InferenceItem> windows) {
        assertEquals(2, plain.size());
        assertEquals(plain.stream().map(InferenceItem::id).toList(), windows.stream().map(InferenceItem::id).toList());
        for (int i = 0; i < plain.size(); i++) {
            assertEquals(plain.get(i).image(), windows.get(i).image());
            assertArrayEquals(plain.get(i).box(), windows.get(i).box());
        }
    }
}
