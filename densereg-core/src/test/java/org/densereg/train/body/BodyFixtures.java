package org.densereg.train.body;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.densereg.data.body.BodyJoints;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodyPartModel;
import org.densereg.supervision.body.BodySupervisionSample;
import org.densereg.supervision.body.BodySupervisionWriter;
import org.densereg.supervision.body.BodyTestPoses;

/** A tiny supervise-body folder written in code: the standing test pose scaled to {@code size}, with noise images. */
public final class BodyFixtures {

    private BodyFixtures() {
    }

    /**
     * Writes samples {@code imNNNN} for the given LSP numbers; the crop maps an original image ×2 larger.
     *
     * @return the folder
     */
    public static Path folder(Path dir, int size, int... numbers) throws IOException {
        String[] ids = new String[numbers.length];
        for (int i = 0; i < numbers.length; i++) {
            ids[i] = String.format("im%04d", numbers[i]);
        }
        return folderOfIds(dir, size, ids);
    }

    /**
     * Writes samples with the given ids (e.g. LSP Extended's {@code im00001}); the crop maps an original image ×2
     * larger.
     *
     * @return the folder
     */
    public static Path folderOfIds(Path dir, int size, String... ids) throws IOException {
        Random random = new Random(5);
        for (String id : ids) {
            double s = (size - 1) / 128.0;
            BodyJoints joints = BodyTestPoses.standing(random.nextInt(5) - 2).scaleTranslate(s, 0, 0);
            BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    image.setRGB(x, y, random.nextInt(0xFFFFFF));
                }
            }
            BodySupervisionSample sample = new BodySupervisionSample(id, image,
                    BodyPartModel.render(joints, size, size), joints, new BodyCrop(0.5, 3, -2, size), Map.of());
            BodySupervisionWriter.write(dir, sample);
        }
        return dir;
    }
}
