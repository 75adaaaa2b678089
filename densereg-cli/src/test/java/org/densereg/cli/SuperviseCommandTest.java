package org.densereg.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.densereg.cli.support.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuperviseCommandTest {

    @TempDir
    Path dir;

    @Test
    void synthThenSuperviseWritesEveryFaceAndResumes() throws IOException {
        Path data = dir.resolve("faces");
        CliRun synth = CliRun.of("-q", "synth", "--out", data.toString(), "--count", "2", "--size", "160");
        assertEquals(ExitCodes.OK, synth.code(), synth.err());
        assertTrue(Files.exists(data.resolve("synth_00001.pts")));

        Path out = dir.resolve("out");
        CliRun first = CliRun.of("-q", "supervise", "--dataset", "300w", "--root", data.toString(),
                "--out", out.toString(), "--size", "96", "--threads", "1");
        assertEquals(ExitCodes.OK, first.code(), first.err());
        assertTrue(first.out().contains("2 written, 0 existing, 0 failed"), first.out());
        assertTrue(first.out().contains("mean landmark reprojection NME"), first.out());
        assertTrue(Files.exists(out.resolve("synth_00000.preview.png")));
        assertTrue(!first.out().contains("renamed"), "nothing renamed, nothing said: " + first.out());
        assertTrue(Files.readString(out.resolve("summary.json")).contains("\"renamed\" : [ ]"));

        CliRun again = CliRun.of("-q", "supervise", "--dataset", "300w", "--root", data.toString(),
                "--out", out.toString(), "--size", "96");
        assertTrue(again.out().contains("0 written, 2 existing"), again.out());
    }

    @Test
    void synthRendersThePhotoStyleAndRefusesAnUnknownStyle() throws IOException {
        Path data = dir.resolve("photo");
        CliRun photo = CliRun.of("-q", "synth", "--style", "photo", "--out", data.toString(), "--count", "2", "--size", "96");
        assertEquals(ExitCodes.OK, photo.code(), photo.err());
        assertTrue(Files.exists(data.resolve("synth_00001.png")) && Files.exists(data.resolve("synth_00001.pts")));
        CliRun basic = CliRun.of("-q", "synth", "--out", dir.resolve("basic").toString(), "--count", "1", "--size", "96");
        assertEquals(ExitCodes.OK, basic.code(), basic.err());
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(data.resolve("synth_00000.png")),
                Files.readAllBytes(dir.resolve("basic").resolve("synth_00000.png"))), "the styles differ");
        CliRun bad = CliRun.of("-q", "synth", "--style", "glossy", "--out", dir.resolve("bad").toString());
        assertEquals(ExitCodes.USAGE, bad.code());
        assertTrue(bad.err().contains("--style: unknown render style 'glossy': expected basic or photo"), bad.err());
        assertTrue(!Files.exists(dir.resolve("bad")), "nothing written on a usage error");
    }

    @Test
    void aMalformedPtsFileGivesExitCodeThreeAndIsListed() throws IOException {
        Path data = dir.resolve("faces");
        assertEquals(ExitCodes.OK, CliRun.of("-q", "synth", "--out", data.toString(), "--count", "1",
                "--size", "128").code());
        Files.copy(data.resolve("synth_00000.png"), data.resolve("broken.png"));
        Files.writeString(data.resolve("broken.pts"), "version: 1\nn_points: 68\n{\n1 x\n}\n");
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("-q", "supervise", "--dataset", "300w", "--root", data.toString(),
                "--out", out.toString(), "--size", "96");
        assertEquals(ExitCodes.BAD_INPUT, r.code(), r.err());
        assertTrue(r.out().contains("1 written, 0 existing, 1 failed"), r.out());
        assertTrue(Files.readString(out.resolve("failures.csv")).contains("broken.pts"));
    }

    @Test
    void facesWhoseIdsCollideAreRenamedSaidSoAndListedInTheSummary() throws IOException {
        Path data = Files.createDirectories(dir.resolve("faces"));
        Path faces = Path.of("..", "src-test-data", "faces");
        for (String stem : new String[] {"x y", "x_y"}) {
            Files.copy(faces.resolve("synth_00000.png"), data.resolve(stem + ".png"));
            Files.copy(faces.resolve("synth_00000.pts"), data.resolve(stem + ".pts"));
        }
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("-q", "supervise", "--dataset", "300w", "--root", data.toString(),
                "--out", out.toString(), "--size", "96", "--threads", "1");
        assertEquals(ExitCodes.OK, r.code(), r.err());
        assertTrue(r.out().contains("1 input(s) renamed because their output name was taken (\"renamed\" in"
                + " summary.json), e.g. " + data.resolve("x_y.png") + " -> x_y~2"), r.out());
        assertTrue(r.out().contains("2 written, 0 existing, 0 failed"), r.out());
        assertTrue(Files.exists(out.resolve("x_y.json")) && Files.exists(out.resolve("x_y~2.json")));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"renamed\" : [ {") && summary.contains("\"wanted\" : \"x_y\"")
                && summary.contains("\"id\" : \"x_y~2\""), summary);
    }

    @Test
    void unknownDatasetAndMissingRootAreUsageErrors() {
        CliRun unknown = CliRun.of("supervise", "--dataset", "afw", "--root", dir.toString(), "--out",
                dir.resolve("o").toString());
        assertEquals(ExitCodes.USAGE, unknown.code());
        assertTrue(unknown.err().contains("expected 300w or dlib-xml"), unknown.err());
        CliRun missing = CliRun.of("supervise", "--dataset", "300w", "--out", dir.toString());
        assertEquals(ExitCodes.USAGE, missing.code());
        assertTrue(missing.err().contains("--root"), missing.err());
    }

    @Test
    void aMissingModelFolderIsBadInput() {
        CliRun r = CliRun.of("supervise", "--dataset", "300w", "--root", dir.toString(), "--out",
                dir.resolve("o").toString(), "--model", dir.resolve("no-such-model").toString());
        assertEquals(ExitCodes.BAD_INPUT, r.code());
        assertTrue(r.err().contains("no-such-model"), r.err());
    }
}
