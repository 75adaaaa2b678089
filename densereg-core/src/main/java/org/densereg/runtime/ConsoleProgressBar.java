package org.densereg.runtime;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A progress bar on stderr: done/total, percentage, rate, elapsed time and ETA. On a terminal it redraws one
 * line; otherwise (CI logs, files) it prints a line at every 10 % so logs stay readable.
 *
 * <p>The rate (and so the ETA) counts from the first {@link #advance} after {@link #start}: the steps of a resumed
 * task that were done before it started (a training resumed at iteration 8000 reports 8000 first) are not counted as
 * done in no time. Until a second report there is no rate: the line shows {@code ?/s} and {@code eta ?}.
 */
public final class ConsoleProgressBar implements ProgressListener {

    private static final int BAR_WIDTH = 28;
    private static final long REDRAW_NANOS = 200_000_000L;

    private final PrintStream out;
    private final boolean interactive;
    private String task = "";
    private long total;
    private long startNanos;
    private long firstDone;
    private long firstNanos;
    private boolean reported;
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
        this.reported = false;
        this.lastDrawNanos = 0;
        this.lastDecile = -1;
    }

    @Override
    public synchronized void advance(long done, String status) {
        long now = System.nanoTime();
        if (!reported) {
            reported = true;
            firstDone = done;
            firstNanos = now;
        }
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

    /** When the first report after {@link #start} came ({@link System#nanoTime}); for tests. */
    synchronized long firstReportNanos() {
        return firstNanos;
    }

    String line(long done, String status, long now) {
        double elapsed = (now - startNanos) / 1e9;
        double measured = (now - firstNanos) / 1e9;
        double rate = reported && done > firstDone && measured > 0 ? (done - firstDone) / measured : Double.NaN;
        String rateText = Double.isNaN(rate) ? "?" : String.format(Locale.ROOT, "%.1f", rate);
        StringBuilder sb = new StringBuilder(task).append(' ');
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, done * BAR_WIDTH / total);
            sb.append('[').append("=".repeat(filled)).append(" ".repeat(BAR_WIDTH - filled)).append("] ");
            sb.append(String.format(Locale.ROOT, "%d/%d %3d%%", done, total, done * 100 / total));
            double eta = Double.isNaN(rate) ? Double.NaN : (total - done) / rate;
            sb.append(String.format(Locale.ROOT, " %s/s elapsed %s eta %s", rateText, formatDuration(elapsed),
                    Double.isNaN(eta) ? "?" : formatDuration(eta)));
        } else {
            sb.append(String.format(Locale.ROOT, "%d %s/s elapsed %s", done, rateText, formatDuration(elapsed)));
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
