package org.densereg.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressBarTest {

    @Test
    void aResumedTaskHasNoRateUntilItsSecondReportAndThenCountsOnlyTheNewSteps() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
        bar.start("train", 18000);
        bar.advance(8000, "resumed at 8000");
        String first = bytes.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains("8000/18000") && first.contains(" ?/s ") && first.contains("eta ?"), first);
        // 100 more steps reported 2 s after the first report: 50 steps/s, 9900 steps left = 198 s
        String line = bar.line(8100, "", bar.firstReportNanos() + 2_000_000_000L);
        assertTrue(line.contains(" 50.0/s ") && line.contains("eta 3m18s"), line);
    }

    @Test
    void anUnboundedTaskShowsTheRateWithoutATotal() {
        ConsoleProgressBar bar = new ConsoleProgressBar(new PrintStream(new ByteArrayOutputStream()), false);
        bar.start("scan", 0);
        bar.advance(0, null);
        String line = bar.line(40, null, bar.firstReportNanos() + 4_000_000_000L);
        assertTrue(line.startsWith("scan 40 10.0/s elapsed "), line);
    }

    @Test
    void durationsAreFormattedBySize() {
        assertEquals("6.1s", ConsoleProgressBar.formatDuration(6.1));
        assertEquals("4m05s", ConsoleProgressBar.formatDuration(245));
        assertEquals("1h02m03s", ConsoleProgressBar.formatDuration(3723));
    }
}
