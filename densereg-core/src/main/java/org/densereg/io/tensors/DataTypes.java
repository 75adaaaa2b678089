package org.densereg.io.tensors;

import java.nio.ByteBuffer;

/** Element types of weight files (safetensors names) and their conversion to float32. */
final class DataTypes {

    /** The supported type names, for messages. */
    static final String SUPPORTED = "F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL";

    private DataTypes() {
    }

    /** Bytes per element, or 0 for an unsupported type. */
    static int width(String dtype) {
        return switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16", "I16" -> 2;
            case "I8", "U8", "BOOL" -> 1;
            default -> 0;
        };
    }

    /** Reads one element of {@code dtype} at the buffer's position (in the buffer's byte order) as a float. */
    static float readFloat(String dtype, ByteBuffer in) {
        return switch (dtype) {
            case "F32" -> in.getFloat();
            case "F64" -> (float) in.getDouble();
            case "F16" -> halfToFloat(in.getShort());
            case "BF16" -> Float.intBitsToFloat((in.getShort() & 0xffff) << 16);
            case "I64" -> in.getLong();
            case "I32" -> in.getInt();
            case "I16" -> in.getShort();
            case "I8" -> in.get();
            case "U8", "BOOL" -> in.get() & 0xff;
            default -> throw new IllegalArgumentException("unsupported dtype " + dtype);
        };
    }

    /** IEEE 754 binary16 → float32 (Java 17 has no {@code Float.float16ToFloat}). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            float value = mantissa * 0x1p-24f;
            return sign == 0 ? value : -value;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
