// dlib's 68-point shape predictor over a list of faces, for scripts/peers-300w.sh (not part of the product).
//
// Reads the faces.csv that `densereg evaluate --dataset 300w --gt ...` writes (face,image,left,top,width,height,
// box_source; boxes in dlib's convention: the box covers pixels left .. left + width - 1), runs the predictor in a box
// for every face and writes OUT_DIR/<face>.pts (iBUG format, 1-based: dlib's 0-based pixel + 1).
//
//   dlib_landmarks PREDICTOR.dat FACES.csv OUT_DIR [box|hog]
//
// box (default): the CSV's box. hog: dlib's own HOG frontal face detector (get_frontal_face_detector, image upsampled
// once as dlib's face_landmark_detection_ex does, boxes mapped back to the image); the detection overlapping the CSV
// box most (intersection over union >= 0.3) is used; a face with none keeps the CSV box and is counted as missed.
// Also writes OUT_DIR/boxes.csv: face,left,top,width,height,source (given or detector), the box each face was predicted
// in. Prints one summary line to stderr. Images: JPEG and PNG through dlib, binary PGM/PPM (P5/P6, 8 bits) read here.
#include <dlib/image_io.h>
#include <dlib/image_processing.h>
#include <dlib/image_processing/frontal_face_detector.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

struct Face {
    std::string id;
    std::string image;
    double left, top, width, height;
};

// One CSV record (RFC 4180 quoting); false at the end of the input.
bool read_record(std::istream& in, std::vector<std::string>& fields) {
    fields.clear();
    std::string field;
    bool quoted = false, any = false;
    char c;
    while (in.get(c)) {
        any = true;
        if (quoted) {
            if (c == '"') {
                if (in.peek() == '"') {
                    in.get(c);
                    field += '"';
                } else {
                    quoted = false;
                }
            } else {
                field += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            fields.push_back(field);
            field.clear();
        } else if (c == '\n') {
            break;
        } else if (c != '\r') {
            field += c;
        }
    }
    if (!any) return false;
    fields.push_back(field);
    return true;
}

std::vector<Face> read_faces(const std::string& csv) {
    std::ifstream in(csv, std::ios::binary);
    if (!in) throw std::runtime_error(csv + ": cannot open");
    std::vector<std::string> f;
    if (!read_record(in, f) || f.size() < 6 || f[0] != "face") {
        throw std::runtime_error(csv + ":1: expected the header face,image,left,top,width,height,...");
    }
    std::vector<Face> faces;
    int line = 1;
    while (read_record(in, f)) {
        ++line;
        if (f.size() == 1 && f[0].empty()) continue;
        if (f.size() < 6) throw std::runtime_error(csv + ":" + std::to_string(line) + ": expected 6 or more fields");
        if (f[1].empty()) {
            throw std::runtime_error(csv + ":" + std::to_string(line) + ": face " + f[0] + " has no image");
        }
        try {
            faces.push_back({f[0], f[1], std::stod(f[2]), std::stod(f[3]), std::stod(f[4]), std::stod(f[5])});
        } catch (const std::exception&) {
            throw std::runtime_error(csv + ":" + std::to_string(line) + ": expected numbers for the box");
        }
    }
    return faces;
}

// Binary PGM/PPM with maxval <= 255 (dlib's load_image reads neither).
bool load_pnm(dlib::array2d<dlib::rgb_pixel>& img, const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    char p, kind;
    if (!in.get(p) || !in.get(kind) || p != 'P' || (kind != '5' && kind != '6')) return false;
    long vals[3];
    for (long& v : vals) {
        in >> std::ws;
        while (in.peek() == '#') {
            std::string comment;
            std::getline(in, comment);
            in >> std::ws;
        }
        if (!(in >> v)) throw std::runtime_error(path + ": malformed PNM header");
    }
    if (vals[2] <= 0 || vals[2] > 255) throw std::runtime_error(path + ": only 8-bit PNM is read");
    in.get();  // the single whitespace after maxval
    const long w = vals[0], h = vals[1], channels = kind == '6' ? 3 : 1;
    std::vector<unsigned char> data(static_cast<size_t>(w * h * channels));
    if (!in.read(reinterpret_cast<char*>(data.data()), static_cast<std::streamsize>(data.size()))) {
        throw std::runtime_error(path + ": truncated PNM data");
    }
    img.set_size(h, w);
    for (long y = 0; y < h; ++y) {
        for (long x = 0; x < w; ++x) {
            const unsigned char* q = &data[static_cast<size_t>((y * w + x) * channels)];
            img[y][x] = channels == 3 ? dlib::rgb_pixel(q[0], q[1], q[2]) : dlib::rgb_pixel(q[0], q[0], q[0]);
        }
    }
    return true;
}

void load(dlib::array2d<dlib::rgb_pixel>& img, const std::string& path) {
    if (!load_pnm(img, path)) dlib::load_image(img, path);
}

double iou(const dlib::rectangle& a, const dlib::rectangle& b) {
    const double inter = (a.intersect(b)).area();
    const double uni = static_cast<double>(a.area()) + static_cast<double>(b.area()) - inter;
    return uni > 0 ? inter / uni : 0;
}

void write_pts(const std::string& out_dir, const std::string& id, const dlib::full_object_detection& shape) {
    const std::string path = out_dir + "/" + id + ".pts";
    std::filesystem::create_directories(std::filesystem::path(path).parent_path());
    const std::string tmp = path + ".tmp";
    {
        std::ofstream out(tmp);
        out << "version: 1\nn_points: " << shape.num_parts() << "\n{\n";
        for (unsigned long k = 0; k < shape.num_parts(); ++k) {
            out << shape.part(k).x() + 1 << ' ' << shape.part(k).y() + 1 << '\n';
        }
        out << "}\n";
        if (!out) throw std::runtime_error("cannot write " + tmp);
    }
    if (std::rename(tmp.c_str(), path.c_str()) != 0) throw std::runtime_error("cannot rename " + tmp);
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 4 || argc > 5) {
        std::cerr << "usage: dlib_landmarks PREDICTOR.dat FACES.csv OUT_DIR [box|hog]\n";
        return 2;
    }
    const std::string mode = argc == 5 ? argv[4] : "box";
    if (mode != "box" && mode != "hog") {
        std::cerr << "mode: expected box or hog, found " << mode << "\n";
        return 2;
    }
    try {
        dlib::shape_predictor predictor;
        dlib::deserialize(argv[1]) >> predictor;
        std::vector<Face> faces = read_faces(argv[2]);
        dlib::frontal_face_detector detector = dlib::get_frontal_face_detector();
        std::map<std::string, std::vector<dlib::rectangle>> detections;  // per image, in image pixels
        std::string loaded;
        dlib::array2d<dlib::rgb_pixel> img;
        int missed = 0;
        std::filesystem::create_directories(argv[3]);
        const std::string boxes_csv = std::string(argv[3]) + "/boxes.csv";
        std::ofstream boxes(boxes_csv + ".tmp");
        boxes << "face,left,top,width,height,source\n";
        for (const Face& f : faces) {
            if (f.image != loaded) {
                load(img, f.image);
                loaded = f.image;
            }
            dlib::rectangle given(std::lround(f.left), std::lround(f.top), std::lround(f.left + f.width) - 1,
                                  std::lround(f.top + f.height) - 1);
            dlib::rectangle box = given;
            bool detected = false;
            if (mode == "hog") {
                auto it = detections.find(f.image);
                if (it == detections.end()) {
                    dlib::array2d<dlib::rgb_pixel> up;
                    dlib::assign_image(up, img);
                    dlib::pyramid_up(up);
                    dlib::pyramid_down<2> pyr;
                    std::vector<dlib::rectangle> found;
                    for (const dlib::rectangle& r : detector(up)) found.push_back(pyr.rect_down(r));
                    it = detections.emplace(f.image, found).first;
                }
                double best = 0.3;
                bool matched = false;
                for (const dlib::rectangle& r : it->second) {
                    const double o = iou(r, given);
                    if (o >= best) {
                        best = o;
                        box = r;
                        matched = true;
                    }
                }
                if (matched) detected = true; else ++missed;
            }
            const bool quote = f.id.find_first_of(",\"\n") != std::string::npos;
            std::string id = f.id;
            for (size_t at = id.find('"'); at != std::string::npos; at = id.find('"', at + 2)) id.insert(at, "\"");
            boxes << (quote ? "\"" + id + "\"" : id) << ',' << box.left() << ',' << box.top() << ',' << box.width()
                  << ',' << box.height() << ',' << (detected ? "detector" : "given") << '\n';
            write_pts(argv[3], f.id, predictor(img, box));
        }
        boxes.close();
        if (!boxes || std::rename((boxes_csv + ".tmp").c_str(), boxes_csv.c_str()) != 0) {
            throw std::runtime_error("cannot write " + boxes_csv);
        }
        std::cerr << "dlib (" << mode << " boxes): " << faces.size() << " faces";
        if (mode == "hog") std::cerr << ", " << missed << " not found by the HOG detector (CSV box used)";
        std::cerr << "\n";
        if (mode == "hog") std::cout << "missed=" << missed << "\n";
    } catch (const std::exception& e) {
        std::cerr << "dlib_landmarks: " << e.what() << "\n";
        return 1;
    }
    return 0;
}
