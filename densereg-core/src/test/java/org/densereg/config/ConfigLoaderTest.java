package org.densereg.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.densereg.testing.WindowsText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    record Optim(String name, double learningRate) {
    }

    record Cfg(int batch, boolean flip, Optim optim) {
    }

    static final Cfg DEFAULTS = new Cfg(8, true, new Optim("adam", 1e-3));

    @TempDir
    Path dir;

    @Test
    void defaultsFileThenOverrides() throws Exception {
        Path f = dir.resolve("c.yaml");
        Files.writeString(f, "batch: 16\noptim:\n  name: sgd\n");
        Cfg c = ConfigLoader.resolve(Cfg.class, DEFAULTS, f, List.of("optim.learningRate=0.01", "flip=false"));
        assertEquals(new Cfg(16, false, new Optim("sgd", 0.01)), c);
    }

    @Test
    void resolvedYamlRoundTrips() throws Exception {
        Path f = dir.resolve("resolved.yaml");
        Files.writeString(f, ConfigLoader.toYaml(new Cfg(4, false, new Optim("sgd", 0.5))));
        assertEquals(new Cfg(4, false, new Optim("sgd", 0.5)), ConfigLoader.resolve(Cfg.class, DEFAULTS, f, List.of()));
    }

    @Test
    void unknownKeyInFileNamesKeyAndFile() throws Exception {
        Path f = dir.resolve("bad.yaml");
        Files.writeString(f, "optim:\n  lr: 0.1\n");
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.resolve(Cfg.class, DEFAULTS, f, List.of()));
        assertTrue(e.getMessage().contains("bad.yaml: key 'optim.lr': unknown key; known keys here: name, learningRate"), e.getMessage());
    }

    @Test
    void unknownOverrideKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.resolve(Cfg.class, DEFAULTS, null, List.of("batchsize=3")));
        assertTrue(e.getMessage().startsWith("--set key 'batchsize': unknown key"), e.getMessage());
    }

    @Test
    void wrongTypeNamesKey() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.resolve(Cfg.class, DEFAULTS, null, List.of("batch=many")));
        assertTrue(e.getMessage().contains("key 'batch'"), e.getMessage());
    }

    @Test
    void invalidYamlNamesLine() throws Exception {
        Path f = dir.resolve("broken.yaml");
        Files.writeString(f, "batch: 1\noptim: [unclosed\n");
        Exception e = assertThrows(org.densereg.io.BadInputException.class, () -> ConfigLoader.resolve(Cfg.class, DEFAULTS, f, List.of()));
        assertTrue(e.getMessage().contains("broken.yaml:"), e.getMessage());
    }

    @Test
    void windowsSavedYamlWithBomAndCrlfReadsLikeThePlainOne() throws Exception {
        String text = "# tuned\nbatch: 16\noptim:\n  name: sgd\n  learningRate: 0.25\n";
        Cfg plain = ConfigLoader.resolve(Cfg.class, DEFAULTS, WindowsText.writePlain(dir.resolve("plain.yaml"), text), List.of());
        assertEquals(new Cfg(16, true, new Optim("sgd", 0.25)), plain);
        assertEquals(plain, ConfigLoader.resolve(Cfg.class, DEFAULTS, WindowsText.write(dir.resolve("bom_crlf.yaml"), text),
                List.of()));
    }
}
