package org.densereg.io.tensors;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.exceptions.HdfException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.densereg.io.BadInputException;

/**
 * Reads the weights of a Keras model saved in HDF5 ({@code model.save_weights("x.h5")} or {@code model.save("x.h5")}
 * in Keras 2 and tf.keras; the {@code .h5} files of {@code keras.applications}), with the pure-Java HDF5 library
 * jHDF.
 *
 * <p>Layout read: the weights group is the file's root (from {@code save_weights}) or its {@code model_weights}
 * group (from {@code save}); its attribute {@code layer_names} lists the layers in model order; each layer's group
 * has an attribute {@code weight_names} listing its variables (e.g. {@code conv1_conv/kernel:0}), each stored as a
 * dataset at that path inside the layer's group. Layers without weights (activations, padding, pooling) list none.
 * A list too long for one HDF5 attribute is read from Keras's chunks {@code layer_names0}, {@code layer_names1}, ….
 *
 * <p>Tensor names: {@code <layer>/<variable>}, the variable being the last path element of its weight name without
 * the {@code :0} suffix, e.g. {@code conv1_conv/kernel}, {@code conv1_bn/moving_variance}. Values and shapes stay as
 * Keras stores them ({@code channels_last}: convolution kernels [kH, kW, in, out]); float64 datasets are converted to
 * float32.
 */
public final class KerasH5Reader {

    /** The format in words, as {@link TensorFile#format()} reports it. */
    public static final String FORMAT = "Keras HDF5 weights (.h5)";

    private KerasH5Reader() {
    }

    /**
     * Reads every weight of the file.
     *
     * @param file a Keras {@code .h5} file
     * @return its weights in layer order, then in each layer's {@code weight_names} order
     * @throws BadInputException when the file is not HDF5, has no {@code layer_names}, or a listed weight is missing or
     *                           not a floating-point dataset (names the file and the HDF5 path)
     */
    public static TensorFile read(Path file) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        try (HdfFile hdf = new HdfFile(file)) {
            Group weights = hdf;
            if (hdf.getAttribute("layer_names") == null && hdf.getChild("model_weights") instanceof Group g) {
                weights = g;
            }
            for (String layer : strings(file, weights, "layer_names")) {
                if (!(weights.getChild(layer) instanceof Group group)) {
                    throw new BadInputException(file, "layer " + layer + " is listed in " + where(weights, "layer_names")
                            + " but has no group");
                }
                for (String weightName : strings(file, group, "weight_names")) {
                    Node node = group.getByPath(weightName);
                    if (!(node instanceof Dataset dataset)) {
                        throw new BadInputException(file, "weight " + weightName + " of layer " + layer
                                + " is listed in its weight_names but is not a dataset of " + group.getPath());
                    }
                    String name = layer + "/" + variable(weightName);
                    tensors.put(name, tensor(file, name, dataset));
                }
            }
        } catch (HdfException | IllegalArgumentException | java.nio.BufferUnderflowException e) {
            // jHDF reports a truncated or malformed file with these (an HDF5 signature and nothing else: the second)
            throw new BadInputException(file, "not a readable HDF5 (Keras .h5) file: " + e.getMessage());
        }
        return new TensorFile(file, FORMAT, tensors);
    }

    /** {@code conv1_conv/kernel:0} → {@code kernel}. */
    static String variable(String weightName) {
        String last = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = last.lastIndexOf(':');
        return colon > 0 ? last.substring(0, colon) : last;
    }

    private static List<String> strings(Path file, Node node, String attribute) {
        Attribute a = node.getAttribute(attribute);
        if (a == null && node.getAttribute(attribute + "0") != null) {
            // Keras splits a list longer than HDF5's 64 KB attribute limit into NAME0, NAME1, …
            List<String> out = new ArrayList<>();
            for (int chunk = 0; node.getAttribute(attribute + chunk) != null; chunk++) {
                out.addAll(strings(file, node, attribute + chunk));
            }
            return out;
        }
        if (a == null) {
            throw new BadInputException(file, "no attribute " + where(node, attribute) + ": not a Keras HDF5 weight"
                    + " file (expected the layout of Keras 2's save_weights or save)");
        }
        if (a.isEmpty()) {
            return List.of();
        }
        Object data = a.getData();
        List<String> out = new ArrayList<>();
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof String[] array) {
            out.addAll(Arrays.asList(array));
        } else if (data != null && data.getClass().isArray() && java.lang.reflect.Array.getLength(data) == 0) {
            return List.of(); // Keras (through h5py) writes a layer without weights as an empty float64 array
        } else {
            throw new BadInputException(file, "attribute " + where(node, attribute) + ": expected a list of strings,"
                    + " found " + (data == null ? "nothing" : data.getClass().getSimpleName()));
        }
        return out;
    }

    private static String where(Node node, String attribute) {
        return (node.getPath().equals("/") ? "/" : node.getPath()) + "@" + attribute;
    }

    private static Tensor tensor(Path file, String name, Dataset dataset) {
        Class<?> type = dataset.getJavaType();
        long[] shape = Arrays.stream(dataset.getDimensions()).asLongStream().toArray();
        Object flat = dataset.isScalar() ? dataset.getData() : dataset.getDataFlat();
        float[] values;
        String dtype;
        if (type == float.class && flat instanceof float[] f) {
            values = f;
            dtype = "F32";
        } else if (type == double.class && flat instanceof double[] d) {
            values = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                values[i] = (float) d[i];
            }
            dtype = "F64";
        } else if (flat instanceof Float f) {
            values = new float[] {f};
            dtype = "F32";
        } else if (flat instanceof Double d) {
            values = new float[] {d.floatValue()};
            dtype = "F64";
        } else {
            throw new BadInputException(file, "weight " + name + " (" + dataset.getPath() + "): expected a float"
                    + " dataset, found " + type.getSimpleName());
        }
        return new Tensor(name, shape, values, dtype);
    }
}
