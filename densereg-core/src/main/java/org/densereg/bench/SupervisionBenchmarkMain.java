package org.densereg.bench;

import java.io.IOException;
import org.densereg.model3d.MorphableModels;
import org.densereg.model3d.UvMode;

/**
 * Command-line entry of {@link SupervisionBenchmark} (run by {@code scripts/bench-supervise.sh}).
 * Arguments: model specs ({@code default}, an SFM folder, …); options {@code --size N}, {@code --threads N},
 * {@code --faces N}. Prints one line of figures per model.
 */
public final class SupervisionBenchmarkMain {

    private SupervisionBenchmarkMain() {
    }

    /**
     * @param args model specs and options
     * @throws IOException when a model cannot be read
     */
    public static void main(String[] args) throws IOException {
        int size = 256;
        int threads = Runtime.getRuntime().availableProcessors();
        int faces = 2000;
        java.util.List<String> models = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--size" -> size = Integer.parseInt(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--faces" -> faces = Integer.parseInt(args[++i]);
                default -> models.add(args[i]);
            }
        }
        if (models.isEmpty()) {
            models.add(MorphableModels.DEFAULT);
        }
        for (String spec : models) {
            System.out.println(SupervisionBenchmark.run(MorphableModels.load(spec, UvMode.CYLINDRICAL), size, threads,
                    faces, 1));
        }
    }
}
