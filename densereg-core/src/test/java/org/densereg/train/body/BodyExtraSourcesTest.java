package org.densereg.train.body;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.densereg.config.ConfigLoader;
import org.densereg.network.InputNormalisation;
import org.densereg.network.NetworkConfig;
import org.densereg.train.InvalidTrainerConfigException;
import org.densereg.train.TrainerConfig;
import org.densereg.trainingdata.body.BodySupervisionFolder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.dataset.api.MultiDataSet;

/** {@code data.extraSources}: LSP Extended (ids {@code im00001} …) added to the training images only. */
class BodyExtraSourcesTest {

    private static final NetworkConfig NETWORK = new NetworkConfig(18, 1.0 / 16, 12, 33, 33, 14, 1, 1, 10, true, 1L);

    @TempDir
    Path dir;

    private Path lsp;
    private Path lspet;

    @BeforeEach
    void writeFixtures() throws Exception {
        lsp = BodyFixtures.folder(dir.resolve("lsp"), 65, 1, 2, 3, 901, 902, 1001);
        lspet = BodyFixtures.folderOfIds(dir.resolve("lspet"), 65, "im00001", "im00002", "im00003", "im00004",
                "im00005");
        // supervise-body's summary is a .json that is not a sample; an incomplete group (marker only) is ignored
        Files.writeString(lspet.resolve("summary.json"), "{}");
        Files.writeString(lspet.resolve("im00006.json"), "{}");
    }

    private BodyTrainingJob job(Path source, List<String> extras, int batchSize, long seed) throws Exception {
        BodyTrainConfig d = BodyTrainConfig.defaults();
        TrainerConfig t = d.trainer();
        TrainerConfig trainer = new TrainerConfig(t.iterations(), seed, t.logEvery(), t.validateEvery(),
                t.checkpointEvery(), t.keepCheckpoints(), t.prefetchBatches(), t.optimizer());
        BodyDataConfig data = new BodyDataConfig(source.toString(), BodyTask.HEATMAP_DENSE, batchSize, 1, 900, 901,
                1000, 2, 1.5, 0.5, extras);
        return new BodyTrainingJob(new BodyTrainConfig(NETWORK, trainer, data));
    }

    /** The draws of iterations {@code 0..n-1} as {@code folder/id flipped} (folders compared by path). */
    private static List<String> draws(FolderBodyBatchSource source, int n) {
        List<String> list = new ArrayList<>();
        for (long i = 0; i < n; i++) {
            for (FolderBodyBatchSource.Draw d : source.draw(i)) {
                list.add(d.sample().folder().folder().resolve(d.sample().id()) + " " + d.flipped());
            }
        }
        return list;
    }

    private static BodyBatchEncoder encoder() {
        return new BodyBatchEncoder(NETWORK, InputNormalisation.imagenet(), 1.5);
    }

    @Test
    void theFolderListsAllSamplesByIdAndLspSamplesByNumber() throws Exception {
        BodySupervisionFolder f = BodySupervisionFolder.openAny(lspet);
        assertEquals(List.of("im00001", "im00002", "im00003", "im00004", "im00005"), f.ids());
        assertEquals("im00003", f.read("im00003").id());
        BodySupervisionFolder l = BodySupervisionFolder.open(lsp);
        assertArrayEquals(new int[] {1, 2, 3}, l.numbers(1, 900));
        assertEquals(6, l.ids().size());
    }

    @Test
    void theTrainingSetIsTheSumAndValidationIsUnchanged() throws Exception {
        BodyTrainingJob alone = job(lsp, List.of(), 4, 42);
        BodyTrainingJob both = job(lsp, List.of(lspet.toString()), 4, 42);
        assertEquals(3, alone.trainingSamples());
        assertEquals(3 + 5, both.trainingSamples());
        assertArrayEquals(new int[] {901, 902}, alone.validationNumbers());
        assertArrayEquals(alone.validationNumbers(), both.validationNumbers());
    }

    @Test
    void extraSamplesAreDrawnDeterministicallyAndLspOnlyDrawsAreUnchanged() throws Exception {
        BodyTrainingJob both = job(lsp, List.of(lspet.toString()), 4, 42);
        FolderBodyBatchSource source = both.batchSource(encoder(), 33);
        int fromLspet = 0;
        int fromLsp = 0;
        for (long i = 0; i < 10; i++) {
            for (FolderBodyBatchSource.Draw d : source.draw(i)) {
                if (d.sample().folder().folder().equals(lspet)) {
                    assertTrue(d.sample().id().matches("im0000[1-5]"), d.sample().id());
                    fromLspet++;
                } else {
                    fromLsp++;
                }
            }
        }
        // 40 draws from 5 + 3 samples: both sources appear (P(none from one) < 1e-8)
        assertTrue(fromLspet > 0 && fromLsp > 0, fromLspet + " from lspet, " + fromLsp + " from lsp");
        // same seed, same batches (a resumed run draws what the uninterrupted one did); another seed differs
        List<String> mine = draws(source, 10);
        assertEquals(mine, draws(job(lsp, List.of(lspet.toString()), 4, 42).batchSource(encoder(), 33), 10));
        assertNotEquals(mine, draws(job(lsp, List.of(lspet.toString()), 4, 43).batchSource(encoder(), 33), 10));
        // without extras, the draws are those of the LSP-only source of the numbers (existing runs unchanged)
        FolderBodyBatchSource alone = job(lsp, List.of(), 4, 42).batchSource(encoder(), 33);
        FolderBodyBatchSource numbers = new FolderBodyBatchSource(BodySupervisionFolder.open(lsp), new int[] {1, 2, 3},
                encoder(), 33, 4, 0.5, 42);
        assertEquals(draws(numbers, 5), draws(alone, 5));
        // a batch with an LSPet sample reads it
        long withLspet = 0;
        while (source.draw(withLspet).stream().noneMatch(d -> d.sample().folder().folder().equals(lspet))) {
            withLspet++;
        }
        MultiDataSet batch = source.batch(withLspet);
        assertArrayEquals(new long[] {4, 3, 33, 33}, batch.getFeatures(0).shape());
    }

    @Test
    void aMissingEmptyOrSourceExtraFolderIsRefusedByKeyAndName() throws Exception {
        Path missing = dir.resolve("no-such-folder");
        Path empty = Files.createDirectories(dir.resolve("empty-lspet"));
        Files.writeString(empty.resolve("summary.json"), "{}");
        InvalidTrainerConfigException e = assertThrows(InvalidTrainerConfigException.class,
                () -> job(lsp, List.of(lspet.toString(), missing.toString(), empty.toString(), lsp.toString()), 4, 42));
        String m = e.getMessage();
        assertEquals(3, e.problems().size(), m);
        assertTrue(e.problems().get(0).startsWith("data.extraSources[1]: ") && e.problems().get(0).contains(
                missing.toString()), m);
        assertTrue(e.problems().get(1).startsWith("data.extraSources[2]: ") && e.problems().get(1).contains(
                empty.toString()) && e.problems().get(1).contains("no body supervision samples"), m);
        assertTrue(e.problems().get(2).startsWith("data.extraSources[3]: ") && e.problems().get(2).contains(
                "data.source itself"), m);
        BodyTrainConfig blank = BodyTrainConfigs.resolve(null, List.of("data.source=x", "data.extraSources=[a, '']"));
        InvalidTrainerConfigException b = assertThrows(InvalidTrainerConfigException.class, blank::validate);
        assertTrue(b.getMessage().contains("data.extraSources[1]"), b.getMessage());
    }

    @Test
    void theKeyDefaultsToEmptyAndSetTakesAYamlList() throws Exception {
        assertEquals(List.of(), BodyDataConfig.defaults().extraSources());
        for (String name : List.of("lsp-body-heatmap", "lsp-body-heatmap-dense", "lsp-body-dense")) {
            assertEquals(List.of(), BodyTrainConfigs.resolve(name, List.of("data.source=x")).data().extraSources());
        }
        // the bundled model's recipe trains on LSP + LSPet, in the folders its comment's supervise-body commands write
        BodyTrainConfig bundled = BodyTrainConfigs.resolve("lsp-body", List.of()).validate();
        assertEquals("work/lsp-body-129", bundled.data().source());
        assertEquals(List.of("work/lspet-body-129"), bundled.data().extraSources());
        // stage 2 resumes stage 1: same network and optimiser, selection restarted where stage 1 ends
        BodyTrainConfig stage2 = BodyTrainConfigs.resolve("lsp-body-stage2", List.of()).validate();
        assertEquals(bundled.network(), stage2.network());
        assertEquals(bundled.trainer().optimizer(), stage2.trainer().optimizer());
        assertEquals(bundled.trainer().iterations(), stage2.trainer().selectFrom());
        assertEquals(24_000, stage2.trainer().iterations());
        assertEquals("work/lsp-body-129-image", stage2.data().source());
        assertEquals(bundled.data().extraSources(), stage2.data().extraSources());
        assertEquals(bundled.data().task(), stage2.data().task());
        BodyTrainConfig c = BodyTrainConfigs.resolve("lsp-body-dense",
                List.of("data.source=x", "data.extraSources=[work/lspet-body-129, /data/more]")).validate();
        assertEquals(List.of("work/lspet-body-129", "/data/more"), c.data().extraSources());
        assertTrue(ConfigLoader.toYaml(c).contains("extraSources"), ConfigLoader.toYaml(c));
        // one folder needs no brackets
        assertEquals(List.of("work/lspet-body-129"), BodyTrainConfigs.resolve("lsp-body-dense",
                List.of("data.source=x", "data.extraSources=work/lspet-body-129")).data().extraSources());
    }
}
