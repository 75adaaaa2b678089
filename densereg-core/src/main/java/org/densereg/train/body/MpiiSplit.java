package org.densereg.train.body;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The training/validation split of a folder of MPII persons ({@code supervise-body --dataset mpii}, ids
 * {@code <image>_<person>}): the persons of the first {@code validationImages} images, by image name ascending,
 * validate; every person of the other images trains. Split by image, so that no image has persons on both sides.
 *
 * @param train      the training ids, ascending
 * @param validation the validation ids, ascending
 * @param images     the number of distinct images
 */
public record MpiiSplit(List<String> train, List<String> validation, int images) {

    /**
     * @param ids              the folder's sample ids
     * @param validationImages how many images validate, &gt; 0
     * @return the split
     */
    public static MpiiSplit of(List<String> ids, int validationImages) {
        TreeSet<String> images = new TreeSet<>();
        for (String id : ids) {
            images.add(image(id));
        }
        TreeSet<String> held = new TreeSet<>();
        for (String image : images) {
            if (held.size() == validationImages) {
                break;
            }
            held.add(image);
        }
        List<String> train = new ArrayList<>();
        List<String> validation = new ArrayList<>();
        for (String id : new TreeSet<>(ids)) {
            (held.contains(image(id)) ? validation : train).add(id);
        }
        return new MpiiSplit(List.copyOf(train), List.copyOf(validation), images.size());
    }

    /** {@code 015601864_2} → {@code 015601864}: the id without its person suffix. */
    static String image(String id) {
        int underscore = id.lastIndexOf('_');
        return underscore > 0 ? id.substring(0, underscore) : id;
    }
}
