package org.densereg.train.face;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.densereg.data.Landmarks;
import org.densereg.supervision.FaceSupervisionSample;
import org.densereg.train.BatchSource;
import org.densereg.trainingdata.face.AugmentedFace;
import org.densereg.trainingdata.face.FaceAugmenter;
import org.densereg.trainingdata.face.FaceSupervisionFolder;
import org.densereg.trainingdata.face.FaceTransform;
import org.densereg.trainingdata.synthetic.SyntheticFace;
import org.densereg.trainingdata.synthetic.SyntheticFaceRenderer;

/**
 * Held-out faces with exact ground truth, all of the network input size. Lists are parallel and unmodifiable.
 *
 * @param images    the images
 * @param u         per image [S²] u, −1 on background
 * @param v         per image [S²] v, −1 on background
 * @param landmarks per image the 68 landmarks, 0-based input pixels (NaN when undefined)
 */
public record FaceValidationSet(List<BufferedImage> images, List<float[]> u, List<float[]> v, List<Landmarks> landmarks) {

    /** Seeds of held-out synthetic faces are drawn from this stream, never used by training batches. */
    private static final long HELD_OUT_STREAM = 0x5EED_0F_7E57L;

    /** @return the number of images */
    public int size() {
        return images.size();
    }

    /**
     * Held-out faces of a supervision folder, resized to the network input (no augmentation).
     *
     * @param dataset   the folder(s)
     * @param indices   the validation split
     * @param count     at most this many faces (the first of the split)
     * @param inputSize network input side
     * @return the set
     * @throws IOException when a sample cannot be read
     */
    public static FaceValidationSet fromFolder(FaceSupervisionFolder dataset, int[] indices, int count, int inputSize)
            throws IOException {
        List<BufferedImage> images = new ArrayList<>();
        List<float[]> u = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        List<Landmarks> landmarks = new ArrayList<>();
        for (int i = 0; i < Math.min(count, indices.length); i++) {
            FaceSupervisionSample sample = dataset.read(indices[i]);
            AugmentedFace face = FaceAugmenter.apply(sample.image(), sample.u(), sample.v(), sample.parts(),
                    sample.landmarks(), inputSize, FaceTransform.identity());
            images.add(face.image());
            u.add(face.u());
            v.add(face.v());
            landmarks.add(face.landmarks());
        }
        if (images.isEmpty()) {
            throw new IllegalArgumentException("the validation split is empty");
        }
        return new FaceValidationSet(List.copyOf(images), List.copyOf(u), List.copyOf(v), List.copyOf(landmarks));
    }

    /**
     * Renders held-out synthetic faces.
     *
     * @param renderer renders at the network input size
     * @param count    number of faces
     * @param seed     validation seed
     * @return the set
     */
    public static FaceValidationSet synthetic(SyntheticFaceRenderer renderer, int count, long seed) {
        List<BufferedImage> images = new ArrayList<>();
        List<float[]> u = new ArrayList<>();
        List<float[]> v = new ArrayList<>();
        List<Landmarks> landmarks = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SyntheticFace face = renderer.render(BatchSource.seedFor(seed ^ HELD_OUT_STREAM, i));
            images.add(face.image());
            u.add(face.u());
            v.add(face.v());
            landmarks.add(face.landmarks());
        }
        return new FaceValidationSet(List.copyOf(images), List.copyOf(u), List.copyOf(v), List.copyOf(landmarks));
    }
}
