package org.densereg.network.onednn;

import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.densereg.arrays.DirectFloats;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The {@link ScratchLayout}s of one plan's passes (training forward, inference forward, backward), each placed for a
 * call in a fresh array of DL4J's working-memory workspace: DL4J opens that workspace around each layer's forward
 * and backward call and reuses it for the next layer, so the scratch of all layers shares one buffer, the size of
 * the largest need of any layer (DL4J's own included).
 */
final class PlanScratch {

    /** Floats of padding that let an array's start be rounded up to 64 bytes. */
    static final int ALIGN_FLOATS = 16;

    private final ScratchLayout trainingForward = new ScratchLayout();
    private final ScratchLayout inferenceForward = new ScratchLayout();
    private final ScratchLayout backward = new ScratchLayout();

    /** The forward pass's scratch, placed in {@code workspaceMgr}'s forward working memory once its sizes are known. */
    ScratchLayout forward(boolean training, LayerWorkspaceMgr workspaceMgr) {
        return placed(training ? trainingForward : inferenceForward, ArrayType.FF_WORKING_MEM, workspaceMgr);
    }

    /** The backward pass's scratch, placed in {@code workspaceMgr}'s backward working memory. */
    ScratchLayout backward(LayerWorkspaceMgr workspaceMgr) {
        return placed(backward, ArrayType.BP_WORKING_MEM, workspaceMgr);
    }

    /** The address of {@code array}'s first float rounded up to 64 bytes ({@link #ALIGN_FLOATS} floats of slack). */
    static long aligned(INDArray array) {
        long address = DirectFloats.address(array);
        return (address + 4L * ALIGN_FLOATS - 1) & -(4L * ALIGN_FLOATS);
    }

    /**
     * {@code layout} placed in an array of {@code type}'s workspace, or, on its first call, told to take an array of
     * that workspace for each request: DL4J's working-memory workspace sizes itself from what the first forward and
     * backward passes allocate in it, and stays empty (every later allocation a fresh one) if they allocate nothing.
     */
    private static ScratchLayout placed(ScratchLayout layout, ArrayType type, LayerWorkspaceMgr workspaceMgr) {
        if (layout.learnt()) {
            layout.place(aligned(buffer(type, workspaceMgr, layout.bytes())));
        } else {
            layout.learnWith(bytes -> buffer(type, workspaceMgr, bytes));
        }
        return layout;
    }

    /**
     * An array of at least {@code bytes} bytes from 64-byte alignment on, in {@code type}'s workspace; where the
     * manager has none open for it (a caller outside DL4J's graph passes), a detached array.
     */
    private static INDArray buffer(ArrayType type, LayerWorkspaceMgr workspaceMgr, long bytes) {
        long floats = (bytes + 3) / 4 + ALIGN_FLOATS;
        return workspaceMgr.hasConfiguration(type) && workspaceMgr.isWorkspaceOpen(type)
                ? workspaceMgr.createUninitialized(type, DataType.FLOAT, floats)
                : Nd4j.createUninitializedDetached(DataType.FLOAT, floats);
    }
}
