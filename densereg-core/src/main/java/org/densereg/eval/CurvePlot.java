package org.densereg.eval;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.densereg.io.AtomicFiles;

/**
 * Line plots of curves (CED, PCK, PCKh) drawn with Java2D: axes from 0 to the largest x and 0 to 100 %, a grid
 * with 5 x ticks and 10 y ticks, one coloured line per curve and a legend in the lower right. No chart library.
 */
public final class CurvePlot {

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd),
        new Color(0x8c564b),
    };
    private static final int W = 800;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 70;

    private CurvePlot() {
    }

    /**
     * Renders the curves; y is in percent (0–100).
     *
     * @return an 800×560 RGB image
     */
    public static BufferedImage render(String title, String xLabel, String yLabel, List<EvaluationReport.Curve> curves) {
        double xMax = 0;
        for (EvaluationReport.Curve c : curves) {
            for (double x : c.x()) {
                xMax = Math.max(xMax, x);
            }
        }
        if (!(xMax > 0)) {
            xMax = 1;
        }
        BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            int pw = W - LEFT - RIGHT;
            int ph = H - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            FontMetrics fm = g.getFontMetrics();
            for (int k = 0; k <= 10; k++) {
                int y = TOP + ph - k * ph / 10;
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(LEFT, y, LEFT + pw, y);
                g.setColor(Color.DARK_GRAY);
                String s = Integer.toString(k * 10);
                g.drawString(s, LEFT - 8 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
            }
            for (int k = 0; k <= 5; k++) {
                int x = LEFT + k * pw / 5;
                g.setColor(new Color(0xe0e0e0));
                g.drawLine(x, TOP, x, TOP + ph);
                g.setColor(Color.DARK_GRAY);
                String s = trim(xMax * k / 5);
                g.drawString(s, x - fm.stringWidth(s) / 2, TOP + ph + fm.getAscent() + 6);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, pw, ph);
            g.drawString(xLabel, LEFT + pw / 2 - fm.stringWidth(xLabel) / 2, H - 22);
            Graphics2D rotated = (Graphics2D) g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(TOP + ph / 2) - fm.stringWidth(yLabel) / 2, 24);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            g.drawString(title, LEFT + pw / 2 - g.getFontMetrics().stringWidth(title) / 2, 30);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.setStroke(new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            for (int c = 0; c < curves.size(); c++) {
                EvaluationReport.Curve curve = curves.get(c);
                Path2D.Double path = new Path2D.Double();
                for (int k = 0; k < curve.x().length; k++) {
                    double px = LEFT + curve.x()[k] / xMax * pw;
                    double py = TOP + ph - Math.max(0, Math.min(100, curve.y()[k])) / 100 * ph;
                    if (k == 0) {
                        path.moveTo(px, py);
                    } else {
                        path.lineTo(px, py);
                    }
                }
                g.setColor(COLORS[c % COLORS.length]);
                g.draw(path);
                int ly = TOP + ph - 20 - (curves.size() - 1 - c) * 20;
                int lx = LEFT + pw - 200;
                g.drawLine(lx, ly - 4, lx + 24, ly - 4);
                g.setColor(Color.BLACK);
                g.drawString(curve.name(), lx + 32, ly);
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /** Renders and writes a PNG atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFiles.writeVia(file, tmp -> {
            if (!ImageIO.write(image, "png", tmp.toFile())) {
                throw new IOException("no PNG writer available");
            }
        });
    }

    private static String trim(double v) {
        String s = Decimals.format(v, 4);
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
