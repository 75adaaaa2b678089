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

    /**
     * The cascade that the command lines' {@code --fit3d}, {@code --fit3d-mesh} and {@code --fit3d-model} ask for,
     * with the default fitter settings: {@code densereg infer} and {@code densereg-spark infer} read the three options
     * through this one method.
     *
     * @param fit3d          whether {@code --fit3d} is given
     * @param mesh           whether {@code --fit3d-mesh} is given (the cascade and its mesh)
     * @param morphableModel the value of {@code --fit3d-model}, or null
     * @return the options, or null when neither {@code --fit3d} nor {@code --fit3d-mesh} is given
     * @throws IllegalArgumentException when {@code --fit3d-model} is given without either (a usage error; the message
     *                                  names the options)
     */
    public static Fit3dOptions fromFlags(boolean fit3d, boolean mesh, String morphableModel) {
        if (!fit3d && !mesh) {
            if (morphableModel != null) {
                throw new IllegalArgumentException("--fit3d-model needs --fit3d or --fit3d-mesh");
            }
            return null;
        }
        return new Fit3dOptions(mesh, morphableModel, DenseFitConfig.defaults());
    }

    /**
     * The command-line options that ask for this cascade, as a usage error names them in front of
     * {@link InferenceRequestException#what()}: {@code --fit3d} or {@code --fit3d-mesh}, then
     * {@code --fit3d-model MODEL} when a morphable model is named.
     *
     * @return e.g. {@code --fit3d-mesh --fit3d-model bfm.mat}
     */
    public String flags() {
        return (mesh ? "--fit3d-mesh" : "--fit3d") + (morphableModel != null ? " --fit3d-model " + morphableModel : "");
    }
}
