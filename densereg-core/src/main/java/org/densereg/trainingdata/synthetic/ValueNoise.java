package org.densereg.trainingdata.synthetic;

/**
 * Smooth random fields for procedural textures: value noise on an integer lattice (a hash of the lattice point
 * and a seed gives a value in [−1, 1], smoothly interpolated between points) summed over octaves (fractal noise).
 * Immutable; equal seeds give equal fields.
 */
final class ValueNoise {

    private final long seed;

    /** @param seed selects the field */
    ValueNoise(long seed) {
        this.seed = seed;
    }

    /**
     * @param x first coordinate, in lattice cells
     * @param y second coordinate, in lattice cells
     * @return the noise value in [−1, 1]
     */
    double at(double x, double y) {
        double fx = Math.floor(x);
        double fy = Math.floor(y);
        long ix = (long) fx;
        long iy = (long) fy;
        double tx = smooth(x - fx);
        double ty = smooth(y - fy);
        double a = lattice(ix, iy);
        double b = lattice(ix + 1, iy);
        double c = lattice(ix, iy + 1);
        double d = lattice(ix + 1, iy + 1);
        double top = a + (b - a) * tx;
        double bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /**
     * Fractal noise: octaves of {@link #at} at doubling frequency and halving amplitude, normalised to [−1, 1].
     *
     * @param x       first coordinate, in cells of the coarsest octave
     * @param y       second coordinate
     * @param octaves number of octaves, ≥ 1
     * @return the value in [−1, 1]
     */
    double fractal(double x, double y, int octaves) {
        double sum = 0;
        double amplitude = 1;
        double total = 0;
        double frequency = 1;
        for (int o = 0; o < octaves; o++) {
            sum += amplitude * at(x * frequency + 17.3 * o, y * frequency - 9.1 * o);
            total += amplitude;
            amplitude *= 0.5;
            frequency *= 2;
        }
        return sum / total;
    }

    private double lattice(long ix, long iy) {
        long h = seed ^ (ix * 0x9E3779B97F4A7C15L) ^ (iy * 0xC2B2AE3D27D4EB4FL);
        h = (h ^ (h >>> 30)) * 0xBF58476D1CE4E5B9L;
        h = (h ^ (h >>> 27)) * 0x94D049BB133111EBL;
        h ^= h >>> 31;
        return ((h >>> 11) * 0x1.0p-53) * 2 - 1;
    }

    private static double smooth(double t) {
        return t * t * (3 - 2 * t);
    }
}
