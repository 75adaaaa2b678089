package org.densereg.supervision;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.densereg.raster.TriangleRasteriser;

/**
 * Regenerates the figures of {@code docs/rasteriser.md} (not a test). Run from the repository root after
 * {@code mvn -o test-compile -pl densereg-core}:
 * {@code java -cp densereg-core/target/classes:densereg-core/target/test-classes
 * org.densereg.supervision.DocFigures docs/images}
 */
public final class DocFigures {

    private static final int ZOOM = 24;

    private DocFigures() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "docs/images");
        Files.createDirectories(dir);
        BufferedImage chart = FacePartChart.fromLandmarkUv(SyntheticFaceLandmarks.uv()).render(256, 256);
        ImageIO.write(chart, "png", dir.resolve("face-part-chart-synthetic.png").toFile());
        ImageIO.write(fillRuleFigure(), "png", dir.resolve("raster-fill-rule.png").toFile());
    }

    /** A fan of six triangles around a vertex on a pixel centre; pixels coloured by the triangle that owns them. */
    private static BufferedImage fillRuleFigure() {
        int size = 12;
        double cx = 6;
        double cy = 6;
        float[] screen = new float[3 * 7];
        screen[0] = (float) cx;
        screen[1] = (float) cy;
        double[][] ring = {{1, 2}, {6, 0.5}, {11, 3}, {10.5, 10}, {6, 11}, {1, 9}};
        for (int i = 0; i < 6; i++) {
            screen[3 * (i + 1)] = (float) ring[i][0];
            screen[3 * (i + 1) + 1] = (float) ring[i][1];
        }
        int[] tris = new int[18];
        for (int i = 0; i < 6; i++) {
            tris[3 * i] = 0;
            tris[3 * i + 1] = 1 + i;
            tris[3 * i + 2] = 1 + (i + 1) % 6;
        }
        int[] owner = TriangleRasteriser.rasterise(screen, tris, null, 0, size, size).triangle();
        int[] palette = {0x8DD3C7, 0xFFFFB3, 0xBEBADA, 0xFB8072, 0x80B1D3, 0xFDB462};
        BufferedImage image = new BufferedImage(size * ZOOM, size * ZOOM, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int t = owner[y * size + x];
                g.setColor(new Color(t < 0 ? 0xF0F0F0 : palette[t]));
                g.fillRect(x * ZOOM, y * ZOOM, ZOOM, ZOOM);
                g.setColor(new Color(0xC8C8C8));
                g.drawRect(x * ZOOM, y * ZOOM, ZOOM, ZOOM);
            }
        }
        // pixel (x, y) spans [x − ½, x + ½]: its centre (x, y) is drawn at the middle of its square
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1.5f));
        for (int i = 0; i < 6; i++) {
            int a = 1 + i;
            int b = 1 + (i + 1) % 6;
            line(g, screen[0], screen[1], screen[3 * a], screen[3 * a + 1]);
            line(g, screen[3 * a], screen[3 * a + 1], screen[3 * b], screen[3 * b + 1]);
        }
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                g.fillOval((int) ((x + 0.5) * ZOOM) - 2, (int) ((y + 0.5) * ZOOM) - 2, 4, 4);
            }
        }
        g.dispose();
        return image;
    }

    private static void line(Graphics2D g, double x0, double y0, double x1, double y1) {
        g.drawLine((int) Math.round((x0 + 0.5) * ZOOM), (int) Math.round((y0 + 0.5) * ZOOM),
                (int) Math.round((x1 + 0.5) * ZOOM), (int) Math.round((y1 + 0.5) * ZOOM));
    }
}
