package org.densereg.infer;

import java.nio.file.Path;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.densereg.detect.FaceDetectorOptions;

/**
 * One inference run as {@code densereg infer} describes it: a model archive, the images and how their faces or
 * persons are located, the output folder and formats. {@link Inference#run} carries it out.
 *
 * @param archive      the model archive ({@code *.densereg.zip}); its {@code task} ("face" or "body") decides
 * @param inputs       image files, folders, glob patterns or {@code @LIST} files, as given (recorded in
 *                     {@code summary.json}); relative ones are resolved against {@code workingDir}; unused for a
 *                     boxes file
 * @param workingDir   the folder relative inputs are resolved against
 * @param recursive    whether folders are read with their sub-folders
 * @param localisation how faces or persons are located
 * @param boxes        the boxes file (required for {@link Localisation#fromBoxesFile()}, else null)
 * @param formats      the files to write per item, or null for every format of the model's task
 * @param landmarkMode landmark extraction of face models
 * @param options      batch size and threads
 * @param outDir       the output folder
 * @param detector     the face detector's options ({@link Localisation#DETECT}, {@link Localisation#AUTO})
 * @param fit3d        the dense-to-3D cascade (face models only), or null for none
 */
public record InferenceRequest(Path archive, List<String> inputs, Path workingDir, boolean recursive,
        Localisation localisation, Path boxes, Set<OutputFormat> formats, UvLandmarkExtractor.Mode landmarkMode,
        InferenceOptions options, Path outDir, FaceDetectorOptions detector, Fit3dOptions fit3d) {

    /** A request without the dense-to-3D cascade. */
    public InferenceRequest(Path archive, List<String> inputs, Path workingDir, boolean recursive,
            Localisation localisation, Path boxes, Set<OutputFormat> formats, UvLandmarkExtractor.Mode landmarkMode,
            InferenceOptions options, Path outDir, FaceDetectorOptions detector) {
        this(archive, inputs, workingDir, recursive, localisation, boxes, formats, landmarkMode, options, outDir,
                detector, null);
    }

    /** A request with the face detector's defaults ({@link FaceDetectorOptions#defaults()}). */
    public InferenceRequest(Path archive, List<String> inputs, Path workingDir, boolean recursive,
            Localisation localisation, Path boxes, Set<OutputFormat> formats, UvLandmarkExtractor.Mode landmarkMode,
            InferenceOptions options, Path outDir) {
        this(archive, inputs, workingDir, recursive, localisation, boxes, formats, landmarkMode, options, outDir,
                FaceDetectorOptions.defaults(), null);
    }

    /**
     * Checks that the inputs fit the localisation and copies the collections.
     *
     * @throws IllegalArgumentException when a boxes localisation has no boxes file, or image localisation no inputs
     */
    public InferenceRequest {
        if (localisation.fromBoxesFile() && boxes == null) {
            throw new IllegalArgumentException("localisation " + localisation.jsonName() + " needs a boxes file");
        }
        if (!localisation.fromBoxesFile() && inputs.isEmpty()) {
            throw new IllegalArgumentException("localisation " + localisation.jsonName() + " needs input images");
        }
        inputs = List.copyOf(inputs);
        if (detector == null) {
            detector = FaceDetectorOptions.defaults();
        }
        if (formats != null) {
            Set<OutputFormat> copy = EnumSet.noneOf(OutputFormat.class);
            copy.addAll(formats);
            formats = Collections.unmodifiableSet(copy);
        }
    }
}
