// Generates the synthetic 300W-like example behind docs/images/evaluation-ced-example.png (see docs/evaluation.md):
//   java -cp "densereg-cli/target/densereg-cli.jar:densereg-cli/target/lib/*" docs/images/EvaluationExample.java /tmp/ex
//   ./densereg evaluate --dataset 300w --root /tmp/ex/300W --subset full --predictions /tmp/ex/preds --out /tmp/ex/out
// Faces are a fixed synthetic 68-point shape with seeded jitter; predictions add seeded Gaussian noise, larger on
// the "challenging" faces. Nothing here comes from a real dataset.
import java.nio.file.Path;
import java.util.Random;
import org.densereg.data.Landmarks;
import org.densereg.data.face.PtsWriter;

public class EvaluationExample {
    public static void main(String[] args) throws Exception {
        Path out = Path.of(args[0]);
        Random rnd = new Random(2017);
        write(out, rnd, "lfpw/testset", 60, 5.0);
        write(out, rnd, "helen/testset", 90, 5.5);
        write(out, rnd, "ibug", 40, 9.0);
    }

    static void write(Path out, Random rnd, String folder, int n, double noise) throws Exception {
        for (int i = 0; i < n; i++) {
            double[] xy = new double[136];
            double s = 80 + 40 * rnd.nextDouble();
            for (int k = 0; k < 68; k++) {
                xy[2 * k] = 200 + s * Math.cos(k * 0.37) + rnd.nextDouble();
                xy[2 * k + 1] = 200 + s * Math.sin(k * 0.53) + rnd.nextDouble();
            }
            String name = folder.replace('/', '_') + "_" + i;
            PtsWriter.write(out.resolve("300W").resolve(folder).resolve(name + ".pts"), new Landmarks(xy));
            double sigma = noise * (0.5 + rnd.nextDouble()) * s / 100;
            for (int k = 0; k < 136; k++) {
                xy[k] += sigma * rnd.nextGaussian();
            }
            PtsWriter.write(out.resolve("preds").resolve(name + ".pts"), new Landmarks(xy));
        }
    }
}
