package org.densereg.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationHistoryTest {

    @TempDir
    Path dir;

    @Test
    void readsSeriesOfOneMetricSkippingRecordsWithoutIt() throws IOException {
        Files.writeString(dir.resolve("val.jsonl"), """
                {"iteration":200,"metrics":{"pckHeatmap":1.5,"pckDense":2.0},"best":true}

                {"iteration":400,"metrics":{"pckDense":7.25}}
                {"iteration":600,"metrics":{"pckHeatmap":12.0,"pckDense":9.0},"best":false}
                """);
        ValidationHistory h = ValidationHistory.read(dir);
        assertEquals(3, h.entries().size());
        assertEquals(List.of("pckHeatmap", "pckDense"), List.copyOf(h.metricNames()));
        double[][] heat = h.series("pckHeatmap");
        assertArrayEquals(new double[] {200, 600}, heat[0]);
        assertArrayEquals(new double[] {1.5, 12.0}, heat[1]);
        assertArrayEquals(new double[] {200, 400, 600}, h.series("pckDense")[0]);
        assertEquals(0, h.series("nme")[0].length);
    }

    @Test
    void malformedLineIsReportedWithFileAndLine() throws IOException {
        Files.writeString(dir.resolve("val.jsonl"), "{\"iteration\":200,\"metrics\":{\"nme\":0.3}}\n{\"iteration\":\"x\"}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> ValidationHistory.read(dir));
        assertTrue(e.getMessage().contains("val.jsonl") && e.getMessage().contains("2"), e.getMessage());
        assertTrue(e.getMessage().contains("iteration"), e.getMessage());
    }

    @Test
    void missingFileSaysWhy() {
        NoSuchFileException e = assertThrows(NoSuchFileException.class, () -> ValidationHistory.read(dir));
        assertTrue(e.getMessage().contains("never validated"), e.getMessage());
    }

    @Test
    void fileSavedOnWindowsReadsLikeThePlainOne() throws IOException {
        String text = "{\"iteration\":200,\"metrics\":{\"nme\":0.5}}\n\n{\"iteration\":400,\"metrics\":{\"nme\":0.25}}\n";
        Files.writeString(dir.resolve("val.jsonl"), text);
        double[][] plain = ValidationHistory.read(dir).series("nme");
        WindowsText.write(dir.resolve("val.jsonl"), text);
        double[][] windows = ValidationHistory.read(dir).series("nme");
        assertArrayEquals(new double[] {0.5, 0.25}, windows[1]);
        assertArrayEquals(plain[0], windows[0]);
        assertArrayEquals(plain[1], windows[1]);
    }
}
