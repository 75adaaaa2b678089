package org.densereg.infer;

import java.util.Objects;
import org.densereg.fit.DenseFitConfig;

/**
 * The dense-to-3D cascade of a face inference run ({@code densereg infer --fit3d}): after the network, a morphable
 * model is fitted to every face's (u, v) map ({@link FacePredictionFitter}), and {@code <id>.fit.json} (and with
 * {@code mesh}, {@code <id>.obj}) is written beside the other files.
 *
 * @param mesh           whether the fitted mesh is written as {@code <id>.obj}
 * @param morphableModel the morphable model ({@code default}, a model folder or a BFM {@code .mat}, as
 *                       {@code supervise --model}), or null for the one the archive's template names (the built-in
 *                       model for archives trained on it)
 * @param config         the fitter's settings
 */
public record Fit3dOptions(boolean mesh, String morphableModel, DenseFitConfig config) {

    /** Checks the settings. */
    public Fit3dOptions {
        Objects.requireNonNull(config, "config");
    }

    /**
     * The cascade with the archive's own template and the default settings.
     *
     * @param mesh whether {@code <id>.obj} is written
     * @return the options
     */
    public static Fit3dOptions defaults(boolean mesh) {
        return new Fit3dOptions(mesh, null, DenseFitConfig.defaults());
    }
}
