package org.densereg.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import org.densereg.fit.DenseFitConfig;
import org.densereg.infer.Fit3dOptions;
import org.densereg.infer.UvLandmarkExtractor;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.junit.jupiter.api.Test;

/**
 * An executor checks the broadcast archive's SHA-256 before it loads anything; the cascade's options reach it intact.
 */
class ExecutorPipelinesTest {

    @Test
    void bytesWhoseChecksumIsNotTheDriversAreRefused() {
        byte[] bytes = "not the archive the driver read".getBytes(StandardCharsets.UTF_8);
        String driverSha = Sha256.hex("the archive the driver read".getBytes(StandardCharsets.UTF_8));
        PipelineSpec spec = new PipelineSpec("/models/m.densereg.zip", driverSha, List.of("json"),
                UvLandmarkExtractor.Mode.SUBPIXEL, new LinkedHashMap<>(), 1, 1, "/tmp/out", null);
        BadInputException e = assertThrows(BadInputException.class, () -> ExecutorPipelines.get(spec, () -> bytes));
        assertTrue(e.getMessage().contains("corrupted transfer"), e.getMessage());
        assertTrue(e.getMessage().contains(Sha256.hex(bytes)), e.getMessage());
        assertEquals(0, ExecutorPipelines.size());
    }

    @Test
    void theCascadeTravelsToExecutorsAsItWasAskedFor() throws IOException, ClassNotFoundException {
        Fit3dOptions asked = new Fit3dOptions(true, "/models/bfm.mat", DenseFitConfig.defaults()
                .withLoss(DenseFitConfig.RobustLoss.HUBER, 1.345).withRegularisation(0.03));
        PipelineSpec spec = new PipelineSpec("/models/m.densereg.zip", "ab", List.of("json"),
                UvLandmarkExtractor.Mode.SUBPIXEL, new LinkedHashMap<>(), 1, 1, "/tmp/out",
                PipelineSpec.Fit3d.of(asked, asked.morphableModel()));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(spec);
        }
        PipelineSpec received;
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            received = (PipelineSpec) in.readObject();
        }
        assertEquals(spec, received, "equal specs share the executor's pipeline");
        assertEquals(asked, received.fit3d().options());
        assertNotEquals(spec, new PipelineSpec("/models/m.densereg.zip", "ab", List.of("json"),
                UvLandmarkExtractor.Mode.SUBPIXEL, new LinkedHashMap<>(), 1, 1, "/tmp/out",
                PipelineSpec.Fit3d.of(Fit3dOptions.defaults(true), null)), "another cascade, another pipeline");
    }
}
