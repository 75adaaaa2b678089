package org.densereg.spark;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One executor's share of a training batch as it travels through Spark: the network's inputs and labels as float
 * arrays with their shapes (ND4J arrays live off-heap and are not sent as they are).
 *
 * @param inputs      one {@code float[]} per network input, row-major (C order)
 * @param inputShapes the shape of each input, first dimension the examples
 * @param labels      one {@code float[]} per network output, row-major
 * @param labelShapes the shape of each label array, first dimension the examples
 */
public record ShardBatch(List<float[]> inputs, List<long[]> inputShapes, List<float[]> labels,
        List<long[]> labelShapes) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Copies the lists; checks that every array has examples in its first dimension, the same count for all. */
    public ShardBatch {
        inputs = List.copyOf(inputs);
        inputShapes = List.copyOf(inputShapes);
        labels = List.copyOf(labels);
        labelShapes = List.copyOf(labelShapes);
        if (inputs.size() != inputShapes.size() || labels.size() != labelShapes.size() || inputs.isEmpty()) {
            throw new IllegalArgumentException("one shape per array and at least one input");
        }
        long n = inputShapes.get(0)[0];
        for (List<long[]> shapes : List.of(inputShapes, labelShapes)) {
            for (long[] s : shapes) {
                if (s[0] != n) {
                    throw new IllegalArgumentException("arrays of " + s[0] + " and " + n + " examples in one batch");
                }
            }
        }
    }

    /**
     * The shard of examples {@code [from, to)} of a batch.
     *
     * @param batch a batch with one or more inputs and outputs, no masks
     * @param from  first example
     * @param to    one past the last example
     * @return the shard, as floats
     */
    public static ShardBatch of(MultiDataSet batch, long from, long to) {
        List<float[]> in = new ArrayList<>();
        List<long[]> inShapes = new ArrayList<>();
        for (INDArray a : batch.getFeatures()) {
            INDArray part = a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).castTo(DataType.FLOAT).dup('c');
            in.add(part.data().asFloat());
            inShapes.add(part.shape());
        }
        List<float[]> lab = new ArrayList<>();
        List<long[]> labShapes = new ArrayList<>();
        for (INDArray a : batch.getLabels()) {
            INDArray part = a.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to)).castTo(DataType.FLOAT).dup('c');
            lab.add(part.data().asFloat());
            labShapes.add(part.shape());
        }
        return new ShardBatch(in, inShapes, lab, labShapes);
    }

    /** Examples in this shard. */
    public int examples() {
        return (int) inputShapes.get(0)[0];
    }

    /** The inputs as ND4J arrays. */
    INDArray[] inputArrays() {
        return arrays(inputs, inputShapes);
    }

    /** The labels as ND4J arrays. */
    INDArray[] labelArrays() {
        return arrays(labels, labelShapes);
    }

    private static INDArray[] arrays(List<float[]> data, List<long[]> shapes) {
        INDArray[] out = new INDArray[data.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Nd4j.create(data.get(i), shapes.get(i), 'c');
        }
        return out;
    }
}
