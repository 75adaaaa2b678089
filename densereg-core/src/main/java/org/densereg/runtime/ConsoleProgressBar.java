package org.densereg.runtime;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: done/total, percentage, rate, elapsed time and ETA. On a terminal it redraws one
 * line; otherwise (CI logs, files) it prints a line at every 10 % so logs stay readable.
 */
public final class ConsoleProgressBar implements ProgressListener {

    private static final int BAR_WIDTH = 28;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private String task = "";
    private long total;
    private long startNanos;
    private long lastDrawNanos;
    private long lastDecile = -1;

    /** A bar on {@code System.err}, interactive when a console is attached. */
    public ConsoleProgressBar() {
        this(System.err, System.console() != null);
    }

    /** A bar on the given stream. */
    public ConsoleProgressBar(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void start(String taskName, long totalSteps) {
        this.task = taskName;
        this.total = totalSteps;
        this.startNanos = System.nanoTime();
        this.lastDrawNanos = 0;
        this.lastDecile = -1;
    }

    @Override
    public synchronized void advance(long done, String status) {
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDrawNanos < REDRAW_NANOS && done < total) {
                return;
            }
            lastDrawNanos = now;
            out.print("\r" + line(done, status, now) + "\u001b[K");
            out.flush();
        } else {
            long decile = total > 0 ? done * 10 / total : done / 100;
            if (decile != lastDecile) {
                lastDecile = decile;
                out.println(line(done, status, now));
            }
        }
    }

    @Override
    public synchronized void finish(String summary) {
        if (interactive) {
            out.print("\r\u001b[K");
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        out.printf(Locale.ROOT, "%s: %s (%s)%n", task, summary, formatDuration(seconds));
        out.flush();
    }

    String line(long done, String status, long now) {
        double elapsed = (now - startNanos) / 1e9;
        double rate = elapsed > 0 ? done / elapsed : 0;
        StringBuilder sb = new StringBuilder(task).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
            sb.append('[').append("=".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%d/%d %3d%%", done, total, done * 100 / total));
            double eta = rate > 0 ? (total - done) / rate : Double.NaN;
            sb.append(String.format(Locale.ROOT, " %.1f/s elapsed %s eta %s", rate, formatDuration(elapsed),
                    Double.isNaN(eta) ? "?" : formatDuration(eta)));
        } else {
            sb.append(String.format(Locale.ROOT, "%d %.1f/s elapsed %s", done, rate, formatDuration(elapsed)));
        }
        if (status != null && !status.isEmpty()) {
            sb.append("  ").append(status);
        }
        return sb.toString();
    }

    /** {@code 1h02m03s}, {@code 4m05s} or {@code 6.1s}. */
    static String formatDuration(double seconds) {
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1fs", seconds);
        }
        long s = Math.round(seconds);
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm%02ds", s / 3600, (s / 60) % 60, s % 60);
    }
}
