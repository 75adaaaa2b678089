package org.densereg.train.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class MpiiSplitTest {

    @Test
    void theFirstImagesByNameValidateWithAllTheirPersons() {
        List<String> ids = List.of("060111501_1", "015601864_2", "015601864_1", "005808361_1", "005808361_10",
                "070807258_1");
        MpiiSplit split = MpiiSplit.of(ids, 2);
        assertEquals(List.of("005808361_1", "005808361_10", "015601864_1", "015601864_2"), split.validation());
        assertEquals(List.of("060111501_1", "070807258_1"), split.train());
        assertEquals(4, split.images());
        assertEquals(List.of(), MpiiSplit.of(ids, 4).train());
        assertEquals("a_b", MpiiSplit.image("a_b_3"));
    }
}
