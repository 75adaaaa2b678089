package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.junit.jupiter.api.Test;

/** An executor checks the broadcast archive's SHA-256 before it loads anything. */
class ExecutorPipelinesTest {

    @Test
    void bytesWhoseChecksumIsNotTheDriversAreRefused() {
        byte[] bytes = "not the archive the driver read".getBytes(StandardCharsets.UTF_8);
        String driverSha = Sha256.hex("the archive the driver read".getBytes(StandardCharsets.UTF_8));
        PipelineSpec spec = new PipelineSpec("/models/m.densereg.zip", driverSha, List.of("json"),
                UvLandmarkExtractor.Mode.SUBPIXEL, new LinkedHashMap<>(), 1, 1, "/tmp/out");
        BadInputException e = assertThrows(BadInputException.class, () -> ExecutorPipelines.get(spec, () -> bytes));
        assertTrue(e.getMessage().contains("corrupted transfer"), e.getMessage());
        assertTrue(e.getMessage().contains(Sha256.hex(bytes)), e.getMessage());
        assertEquals(0, ExecutorPipelines.size());
    }
}
