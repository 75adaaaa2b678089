package org.densereg.detect;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.densereg.io.ImageIo;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceConfig;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;

/**
 * Makes the project's own test images of the face detector (src/test/resources/org/densereg/detect/*.png): faces of
 * the built-in synthetic renderer (256² renders, seeds as {@code densereg synth --seed 1}: face i = seed 1 + i),
 * scaled and pasted on plain gradient backgrounds, and one image without a face. scripts/face-detector/reference.sh
 * runs face-api on these files; {@link TinyFaceDetectorReferenceTest} checks our port against its boxes. The PNGs are
 * committed (the reference is tied to their bytes); this class documents how they were made and remakes them:
 * {@code java -cp <test classpath> org.densereg.detect.DetectorFixtureImages OUT_DIR}.
 */
public final class DetectorFixtureImages {

    /** A face pasted at (x, y) with side {@code size}. */
    private record Paste(int face, int x, int y, int size) {
    }

    private DetectorFixtureImages() {
    }

    /**
     * Writes the images.
     *
     * @param args the output folder
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args.length > 0 ? args[0] : "densereg-core/src/test/resources/org/densereg/detect");
        SyntheticFaceRenderer renderer = new SyntheticFaceRenderer(DefaultFaceModel.load(),
                SyntheticFaceConfig.defaults().withSize(256));
        Map<Integer, BufferedImage> faces = new HashMap<>();
        write(out.resolve("synthetic-row.png"), 480, 240, new Color(205, 200, 190), new Color(150, 160, 170),
                renderer, faces, new Paste(1, 20, 70, 96), new Paste(7, 150, 50, 128), new Paste(12, 320, 80, 128));
        write(out.resolve("synthetic-portrait.png"), 240, 400, new Color(90, 110, 130), new Color(220, 215, 200),
                renderer, faces, new Paste(7, 50, 180, 160));
        write(out.resolve("synthetic-group.png"), 512, 320, new Color(230, 230, 225), new Color(180, 175, 160),
                renderer, faces, new Paste(10, 10, 10, 80), new Paste(14, 130, 40, 120), new Paste(2, 280, 20, 96),
                new Paste(9, 380, 170, 128), new Paste(13, 60, 200, 96));
        write(out.resolve("no-face.png"), 320, 240, new Color(120, 140, 100), new Color(200, 190, 170),
                renderer, faces);
    }

    private static void write(Path file, int width, int height, Color top, Color bottom,
            SyntheticFaceRenderer renderer, Map<Integer, BufferedImage> faces, Paste... pastes) throws IOException {
        BufferedImage img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setPaint(new GradientPaint(0, 0, top, 0, height, bottom));
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        for (Paste p : pastes) {
            BufferedImage face = faces.computeIfAbsent(p.face(), i -> render(renderer, i));
            g.drawImage(face, p.x(), p.y(), p.size(), p.size(), null);
        }
        g.dispose();
        ImageIo.writePng(img, file);
    }

    private static BufferedImage render(SyntheticFaceRenderer renderer, int face) {
        SyntheticFace f = renderer.render(1 + face);
        return f.image();
    }
}
