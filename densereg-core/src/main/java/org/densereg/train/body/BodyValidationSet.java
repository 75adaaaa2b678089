package org.densereg.train.body;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.densereg.data.body.BodyJoints;
import org.densereg.supervision.body.BodyCrop;
import org.densereg.supervision.body.BodySupervisionSample;
import org.densereg.trainingdata.body.BodySupervisionFolder;

/**
 * Held-out images (LSP images or MPII persons) at the network input size, with what is needed to map predictions
 * back to the original image. Lists are parallel and unmodifiable.
 *
 * @param ids      [M] sample ids ({@code im0901} for LSP image 901, {@code <image>_<person>} for MPII)
 * @param examples the crops at the input size (no augmentation)
 * @param crops    the original-image → supervision-crop transforms (identity when a sample has none)
 * @param truth    the ground-truth joints in original-image pixels (0-based): the sample's crop joints mapped back
 *                 through its crop
 */
public record BodyValidationSet(List<String> ids, List<BodyExample> examples, List<BodyCrop> crops,
        List<BodyJoints> truth) {

    /** @return the number of images */
    public int size() {
        return examples.size();
    }

    /**
     * Reads the first {@code count} LSP images of {@code numbers} from the folder.
     *
     * @throws IOException when a sample cannot be read
     */
    public static BodyValidationSet read(BodySupervisionFolder folder, int[] numbers, int count, int inputSize) throws IOException {
        return read(folder, java.util.Arrays.stream(numbers).mapToObj(BodySupervisionFolder::lspId).toList(), count,
                inputSize);
    }

    /**
     * Reads the first {@code count} samples of {@code ids} from the folder.
     *
     * @throws IOException when a sample cannot be read
     */
    public static BodyValidationSet read(BodySupervisionFolder folder, List<String> ids, int count, int inputSize)
            throws IOException {
        int m = Math.min(count, ids.size());
        if (m == 0) {
            throw new IllegalArgumentException("no validation images");
        }
        List<BodyExample> examples = new ArrayList<>(m);
        List<BodyCrop> crops = new ArrayList<>(m);
        List<BodyJoints> truth = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            BodySupervisionSample s = folder.read(ids.get(i));
            BodyCrop crop = s.crop() != null ? s.crop() : new BodyCrop(1, 0, 0, s.width());
            examples.add(BodyExample.of(s, inputSize));
            crops.add(crop);
            truth.add(crop.invert(s.joints()));
        }
        return new BodyValidationSet(List.copyOf(ids.subList(0, m)), List.copyOf(examples), List.copyOf(crops),
                List.copyOf(truth));
    }
}
