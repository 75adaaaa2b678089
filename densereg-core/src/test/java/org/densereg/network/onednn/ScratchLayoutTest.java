package org.densereg.network.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class ScratchLayoutTest {

    @Test
    void learnsTheLargestRequestPerSlotAndPacksTheSlotsInOrder() {
        ScratchLayout layout = learning();
        assertFalse(layout.learnt());
        long a = layout.address(3, 100);
        long b = layout.address(3, 1000);
        long c = layout.address(0, 64);
        assertNotEquals(a, b, "while learning, a request larger than the slot's array gets a new one");
        assertEquals(b, layout.address(3, 500), "and a smaller one reuses it");
        assertEquals(0, a % 64);
        assertEquals(0, c % 64);
        layout.finishCall();

        assertTrue(layout.learnt());
        assertEquals(64 + 1024, layout.bytes(), "slot 0: 64 bytes, slot 3: 1000 rounded up to 64");
        layout.place(4096);
        assertEquals(4096, layout.address(0, 64));
        assertEquals(4096 + 64, layout.address(3, 100));
        assertEquals(4096 + 64, layout.address(3, 1000));
    }

    @Test
    void refusesARequestLargerThanTheLearntOne() {
        ScratchLayout layout = learning();
        layout.address(1, 128);
        layout.finishCall();
        layout.place(0);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> layout.address(1, 129));
        assertTrue(e.getMessage().contains("slot 1: 129 bytes asked, 128 learnt"), e.getMessage());
    }

    @Test
    void refusesAnUnalignedBuffer() {
        ScratchLayout layout = new ScratchLayout();
        layout.finishCall();
        assertThrows(IllegalStateException.class, () -> layout.place(8));
    }

    @Test
    void aLearningCallThatDidNotFinishIsLearntAgain() {
        ScratchLayout layout = learning();
        layout.address(2, 4096); // the call fails before finishCall
        layout.learnWith(bytes -> Nd4j.createUninitializedDetached(DataType.FLOAT, (bytes + 3) / 4 + 16));
        layout.address(2, 64);
        layout.finishCall();
        assertEquals(64, layout.bytes(), "only the second call's sizes count");
    }

    @Test
    void theLearningCallNeedsAnAllocator() {
        assertThrows(IllegalStateException.class, () -> new ScratchLayout().address(0, 64));
    }

    /** A layout in its learning call, with detached arrays (+64 bytes of slack, as {@link PlanScratch} gives). */
    private static ScratchLayout learning() {
        ScratchLayout layout = new ScratchLayout();
        layout.learnWith(bytes -> Nd4j.createUninitializedDetached(DataType.FLOAT, (bytes + 3) / 4 + 16));
        return layout;
    }
}
