package org.densereg.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.io.BadInputException;
import org.densereg.io.Sha256;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledModelsTest {

    @TempDir
    Path dir;

    @Test
    void aNameResolvesInTheFirstHomeThatHoldsItAndIsCheckedAgainstItsSha256File() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path home = dir.resolve("home");
        Path archive = Files.createDirectories(home.resolve("models")).resolve("tiny.densereg.zip");
        Files.write(archive, new byte[] {1, 2, 3});
        Files.writeString(BundledModels.checksumFile(archive), Sha256.hex(archive).toUpperCase() + "  tiny.densereg.zip\n");
        Files.write(home.resolve("models").resolve("another.densereg.zip"), new byte[] {4});
        BundledModels models = new BundledModels(List.of(empty, home));

        assertEquals(archive, models.resolve("tiny"));
        assertEquals(List.of(home.resolve("models").resolve("another.densereg.zip"), archive), models.list());
        assertEquals("tiny", BundledModels.name(archive));

        Files.writeString(BundledModels.checksumFile(archive), "00  tiny.densereg.zip\n");
        BadInputException damaged = assertThrows(BadInputException.class, () -> models.resolve("tiny"));
        assertTrue(damaged.getMessage().contains("differs from tiny.densereg.zip.sha256 (00)"), damaged.getMessage());
    }

    @Test
    void anUnknownNameListsWhereItLookedAndAMissingZipIsNotAName() {
        BundledModels models = new BundledModels(List.of(dir));
        BadInputException unknown = assertThrows(BadInputException.class, () -> models.resolve("nope"));
        assertTrue(unknown.getMessage().contains("neither a model archive nor a bundled model; looked for ["
                + dir.resolve("models").resolve("nope.densereg.zip") + "]"), unknown.getMessage());
        BadInputException zip = assertThrows(BadInputException.class, () -> models.resolve("gone.zip"));
        assertTrue(zip.getMessage().contains("model archive not found"), zip.getMessage());
    }

    @Test
    void sha256OfAFileIsTheKnownDigest() throws Exception {
        Path abc = Files.writeString(dir.resolve("abc.txt"), "abc");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Sha256.hex(abc));
        assertEquals(Sha256.hex(abc), Sha256.hex("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
    }
}
