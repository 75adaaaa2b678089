package org.densereg.infer;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.densereg.detect.FaceDetection;
import org.densereg.detect.FaceDetectorOptions;
import org.densereg.detect.TinyFaceDetector;
import org.densereg.io.BadInputException;
import org.densereg.io.ImageIo;
import org.densereg.io.OutputIds;
import org.densereg.runtime.Futures;
import org.densereg.runtime.ProgressListener;

/**
 * Finds the faces of whole-image inputs with the face detector ({@link TinyFaceDetector}) before inference: each
 * image becomes one item per face, {@code <id>_face<k>} (k = 0, 1, ... by decreasing score), located by its box
 * ({@link InferenceItem.DetectedFace#crop}). In {@link Localisation#AUTO} mode an image that already looks like a face
 * crop ({@link #looksLikeCrop}: square, at most {@value #CROP_MAX_SIDE} pixels, as the crops of {@code synth},
 * {@code supervise} and the 300-W training folder are) is kept whole under its own id instead. An image without a
 * face gives no item: it is a problem (listed in {@code failures.csv} under its image id, reason "no face found")
 * and listed in {@link Result#imagesWithoutFaces}; an unreadable image is a problem, as in the other scans. Images are decoded and searched on {@code threads} worker threads; the result is in input order and
 * does not depend on the thread count.
 */
public final class FaceDetectionScan {

    /** The largest square image that {@link Localisation#AUTO} takes as a face crop rather than a photo. */
    public static final int CROP_MAX_SIDE = 512;

    private FaceDetectionScan() {
    }

    /**
     * The detector's findings in one image.
     *
     * @param id     the image's id (its items are {@code <id>_face<k>})
     * @param image  the image file
     * @param width  its width
     * @param height its height
     * @param crop   true when it was kept whole as a face crop (auto mode), without detection
     * @param faces  the faces found, highest score first (empty for a crop or an image without a face)
     * @param ids    the item id of each face
     */
    public record ImageFaces(String id, Path image, int width, int height, boolean crop, List<FaceDetection> faces,
            List<String> ids) {

        /** Copies the lists. */
        public ImageFaces {
            faces = List.copyOf(faces);
            ids = List.copyOf(ids);
        }
    }

    /**
     * The items to predict and what the detector found.
     *
     * @param scan    the items (faces, or whole crops), the unreadable images and the renamed ids
     * @param images  one entry per readable image, in input order
     * @param options the detector options used
     */
    public record Result(InferenceInputs.Scan scan, List<ImageFaces> images, FaceDetectorOptions options) {

        /** Copies the list. */
        public Result {
            images = List.copyOf(images);
        }

        /** The images in which no face was found (crops excluded). */
        public List<ImageFaces> imagesWithoutFaces() {
            return images.stream().filter(i -> !i.crop() && i.faces().isEmpty()).toList();
        }

        /**
         * The {@code detection} entry of {@code summary.json}: the options, counts, the images without a face and
         * every image's faces (item id, box {@code [x, y, w, h]}, score).
         */
        public Map<String, Object> forSummary() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("detector", "tiny_face_detector (face-api 1.7.15)");
            root.put("input_size", options.inputSize());
            root.put("score_threshold", options.scoreThreshold());
            root.put("min_face", options.minFace());
            root.put("max_faces", options.maxFaces());
            root.put("images", images.size());
            root.put("images_kept_whole_as_crops", images.stream().filter(ImageFaces::crop).count());
            root.put("faces", images.stream().mapToInt(i -> i.faces().size()).sum());
            root.put("images_without_faces", imagesWithoutFaces().stream().map(i -> i.image().toString()).toList());
            List<Map<String, Object>> perImage = new ArrayList<>();
            for (ImageFaces i : images) {
                if (i.crop()) {
                    continue;
                }
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("image", i.image().toString());
                entry.put("width", i.width());
                entry.put("height", i.height());
                List<Map<String, Object>> faces = new ArrayList<>();
                for (int k = 0; k < i.faces().size(); k++) {
                    faces.add(OutputJson.detection(i.ids().get(k), i.faces().get(k)));
                }
                entry.put("faces", faces);
                perImage.add(entry);
            }
            root.put("per_image", perImage);
            return root;
        }
    }

    /** A readable image's decoded size and faces, or why it could not be read. */
    private record Found(int width, int height, boolean crop, List<FaceDetection> faces, InferenceFailure failure) {
    }

    /**
     * True when an image of this size is taken as a face crop by {@link Localisation#AUTO}: square and at most
     * {@value #CROP_MAX_SIDE} pixels a side.
     */
    public static boolean looksLikeCrop(int width, int height) {
        return width == height && width <= CROP_MAX_SIDE;
    }

    /**
     * Runs the detector over whole-image items.
     *
     * @param images   whole-image items ({@link InferenceInputs#wholeImages}) with their problems and renamed ids
     * @param detector the detector
     * @param options  input size, threshold, minimum face size, maximum count
     * @param auto     true to keep images that {@link #looksLikeCrop} whole (no detection)
     * @param threads  worker threads, ≥ 1
     * @param progress progress sink (task "detect")
     * @return the face items and the findings
     * @throws IOException when a worker fails unexpectedly
     */
    public static Result detect(InferenceInputs.Scan images, TinyFaceDetector detector, FaceDetectorOptions options,
            boolean auto, int threads, ProgressListener progress) throws IOException {
        List<InferenceItem> inputs = images.items();
        progress.start("detect", inputs.size());
        AtomicLong done = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "densereg-detect");
            t.setDaemon(true);
            return t;
        });
        List<Found> found = new ArrayList<>(inputs.size());
        try {
            List<Future<Found>> futures = new ArrayList<>();
            for (InferenceItem item : inputs) {
                futures.add(pool.submit(() -> {
                    Found f = find(item, detector, options, auto);
                    progress.advance(done.incrementAndGet(), item.id());
                    return f;
                }));
            }
            for (Future<Found> f : futures) {
                found.add(Futures.await(f));
            }
        } finally {
            pool.shutdownNow();
        }
        List<InferenceItem> items = new ArrayList<>();
        List<InferenceFailure> problems = new ArrayList<>(images.problems());
        List<ImageFaces> perImage = new ArrayList<>();
        OutputIds ids = new OutputIds();
        int faces = 0;
        for (int i = 0; i < inputs.size(); i++) {
            InferenceItem item = inputs.get(i);
            Found f = found.get(i);
            if (f.failure() != null) {
                problems.add(f.failure());
                continue;
            }
            List<String> faceIds = new ArrayList<>();
            if (f.crop()) {
                items.add(InferenceItem.whole(ids.claim(item.id(), item.image().toString()), item.image()));
            }
            for (int k = 0; k < f.faces().size(); k++) {
                String id = ids.claim(item.id() + "_face" + k, item.image().toString());
                faceIds.add(id);
                items.add(new InferenceItem(id, item.image(), null, null,
                        new InferenceItem.DetectedFace(f.faces().get(k), k, f.faces().size())));
            }
            if (!f.crop() && f.faces().isEmpty()) {
                problems.add(new InferenceFailure(item.id(), item.image(), String.format(java.util.Locale.ROOT,
                        "no face found by the face detector (input %d, threshold %s, min face %s px; see"
                        + " --detect-threshold, --min-face, or --crop whole for a face crop)", options.inputSize(),
                        options.scoreThreshold(), options.minFace())));
            }
            faces += f.faces().size();
            perImage.add(new ImageFaces(item.id(), item.image(), f.width(), f.height(), f.crop(), f.faces(), faceIds));
        }
        List<OutputIds.Renamed> renamed = new ArrayList<>(images.renamed());
        renamed.addAll(ids.renamed());
        Result result = new Result(new InferenceInputs.Scan(items, problems, renamed), perImage, options);
        progress.finish(String.format("%d face(s) in %d image(s), %d without a face, %d kept whole as crops", faces,
                perImage.size(), result.imagesWithoutFaces().size(), perImage.stream().filter(ImageFaces::crop).count()));
        return result;
    }

    private static Found find(InferenceItem item, TinyFaceDetector detector, FaceDetectorOptions options,
            boolean auto) {
        BufferedImage image;
        try {
            image = ImageIo.read(item.image());
        } catch (IOException | BadInputException e) {
            return new Found(0, 0, false, List.of(), new InferenceFailure(item.id(), item.image(), e.getMessage()));
        }
        int w = image.getWidth();
        int h = image.getHeight();
        if (auto && looksLikeCrop(w, h)) {
            return new Found(w, h, true, List.of(), null);
        }
        return new Found(w, h, false, detector.detect(image, options), null);
    }
}
