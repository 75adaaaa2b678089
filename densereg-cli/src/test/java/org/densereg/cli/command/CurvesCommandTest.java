package org.densereg.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.densereg.cli.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CurvesCommandTest {

    @TempDir
    Path dir;

    private Path run(String name, String jsonl) throws IOException {
        Path run = Files.createDirectories(dir.resolve(name));
        Files.writeString(run.resolve("val.jsonl"), jsonl);
        return run;
    }

    @Test
    void tableHasOneRowPerIterationAndOneColumnPerRunAndPlotIsWritten() throws IOException {
        Path a = run("a", "{\"iteration\":200,\"metrics\":{\"pck\":10.0}}\n{\"iteration\":400,\"metrics\":{\"pck\":20.5}}\n");
        Path b = run("b", "{\"iteration\":400,\"metrics\":{\"pck\":30.125}}\n");
        Path png = dir.resolve("curves.png");
        CliRun r = CliRun.of("curves", "--metric", "pck", "--out", png.toString(), a + "=heatmap", b.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("| iteration | heatmap | b |"), r.out());
        assertTrue(r.out().contains("| 200 | 10.00 | – |"), r.out());
        assertTrue(r.out().contains("| 400 | 20.50 | 30.13 |"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(800, img.getWidth());
        assertEquals(560, img.getHeight());
    }

    @Test
    void unknownMetricIsBadInputNamingTheKnownOnes() throws IOException {
        Path a = run("a", "{\"iteration\":200,\"metrics\":{\"pckDense\":10.0}}\n");
        Path png = dir.resolve("none.png");
        CliRun r = CliRun.of("curves", "--metric", "nme", "--out", png.toString(), a.toString());
        assertEquals(3, r.code());
        assertTrue(r.err().contains("pckDense"), r.err());
        assertFalse(Files.exists(png));
    }

    @Test
    void missingRunFolderIsUsageError() {
        CliRun r = CliRun.of("curves", "--metric", "pck", dir.resolve("nope").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("not a folder"), r.err());
    }
}
