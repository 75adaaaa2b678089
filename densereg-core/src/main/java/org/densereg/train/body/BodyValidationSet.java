package org.densereg.train.body;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.densereg.data.body.BodyJoints;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodySupervisionSample;
import org.densereg.trainingdata.body.BodySupervisionFolder;

/**
 * Held-out LSP images at the network input size, with what is needed to map predictions back to the original
 * image. Lists are parallel and unmodifiable.
 *
 * @param numbers  [M] LSP image numbers
 * @param examples the crops at the input size (no augmentation)
 * @param crops    the original-image → supervision-crop transforms (identity when a sample has none)
 * @param truth    the ground-truth joints in original-image pixels (0-based): the sample's crop joints mapped back
 *                 through its crop
 */
public record BodyValidationSet(int[] numbers, List<BodyExample> examples, List<BodyCrop> crops, List<BodyJoints> truth) {

    /** @return the number of images */
    public int size() {
        return examples.size();
    }

    /**
     * Reads the first {@code count} images of {@code numbers} from the folder.
     *
     * @throws IOException when a sample cannot be read
     */
    public static BodyValidationSet read(BodySupervisionFolder folder, int[] numbers, int count, int inputSize) throws IOException {
        int m = Math.min(count, numbers.length);
        if (m == 0) {
            throw new IllegalArgumentException("no validation images");
        }
        List<BodyExample> examples = new ArrayList<>(m);
        List<BodyCrop> crops = new ArrayList<>(m);
        List<BodyJoints> truth = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            BodySupervisionSample s = folder.read(numbers[i]);
            BodyCrop crop = s.crop() != null ? s.crop() : new BodyCrop(1, 0, 0, s.width());
            examples.add(BodyExample.of(s, inputSize));
            crops.add(crop);
            truth.add(crop.invert(s.joints()));
        }
        return new BodyValidationSet(java.util.Arrays.copyOf(numbers, m), List.copyOf(examples), List.copyOf(crops),
                List.copyOf(truth));
    }
}
