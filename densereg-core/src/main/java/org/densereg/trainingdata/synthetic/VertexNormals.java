package org.densereg.trainingdata.synthetic;

/** Area-weighted vertex normals of a triangle mesh. */
final class VertexNormals {

    private VertexNormals() {
    }

    /**
     * @param vertices  [3N] positions
     * @param triangles [3T] vertex indices
     * @return [3N] unit normals (zero for vertices of no triangle)
     */
    static double[] compute(float[] vertices, int[] triangles) {
        double[] normals = new double[vertices.length];
        for (int t = 0; t < triangles.length; t += 3) {
            int a = 3 * triangles[t];
            int b = 3 * triangles[t + 1];
            int c = 3 * triangles[t + 2];
            double e1x = vertices[b] - vertices[a];
            double e1y = vertices[b + 1] - vertices[a + 1];
            double e1z = vertices[b + 2] - vertices[a + 2];
            double e2x = vertices[c] - vertices[a];
            double e2y = vertices[c + 1] - vertices[a + 1];
            double e2z = vertices[c + 2] - vertices[a + 2];
            double nx = e1y * e2z - e1z * e2y;
            double ny = e1z * e2x - e1x * e2z;
            double nz = e1x * e2y - e1y * e2x;
            for (int corner : new int[] {a, b, c}) {
                normals[corner] += nx;
                normals[corner + 1] += ny;
                normals[corner + 2] += nz;
            }
        }
        for (int i = 0; i < normals.length; i += 3) {
            double len = Math.sqrt(normals[i] * normals[i] + normals[i + 1] * normals[i + 1] + normals[i + 2] * normals[i + 2]);
            if (len > 0) {
                normals[i] /= len;
                normals[i + 1] /= len;
                normals[i + 2] /= len;
            }
        }
        return normals;
    }

    /**
     * Vertex normals in camera space, each turned towards the viewer (a normal pointing away is negated, so that
     * both sides of the open mesh are lit alike).
     *
     * @param vertices  [3N] model-space positions
     * @param triangles [3T] vertex indices
     * @param rotation  [9] row-major camera rotation
     * @return [3N] camera-space unit normals with z ≥ 0
     */
    static double[] facingCamera(float[] vertices, int[] triangles, double[] rotation) {
        double[] normals = compute(vertices, triangles);
        for (int i = 0; i < normals.length; i += 3) {
            double x = normals[i];
            double y = normals[i + 1];
            double z = normals[i + 2];
            double cx = rotation[0] * x + rotation[1] * y + rotation[2] * z;
            double cy = rotation[3] * x + rotation[4] * y + rotation[5] * z;
            double cz = rotation[6] * x + rotation[7] * y + rotation[8] * z;
            double sign = cz < 0 ? -1 : 1;
            normals[i] = sign * cx;
            normals[i + 1] = sign * cy;
            normals[i + 2] = sign * cz;
        }
        return normals;
    }
}
