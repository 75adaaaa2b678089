package org.densereg.network.onednn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ScratchLayoutTest {

    @Test
    void learnsTheLargestRequestPerSlotAndPacksTheSlotsInOrder() {
        ScratchLayout layout = new ScratchLayout();
        assertFalse(layout.learnt());
        long a = layout.address(3, 100);
        long b = layout.address(3, 1000);
        long c = layout.address(0, 64);
        assertNotEquals(a, b, "while learning, every request gets its own buffer");
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
        ScratchLayout layout = new ScratchLayout();
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
}
