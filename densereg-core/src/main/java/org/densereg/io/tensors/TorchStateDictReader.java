package org.densereg.io.tensors;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;
import org.densereg.io.BadInputException;

/**
 * Reads a PyTorch state dict saved with {@code torch.save(model.state_dict(), path)} (the zip format of PyTorch ≥ 1.6):
 * a zip holding {@code <name>/data.pkl}, a pickle of an {@code OrderedDict} of tensors, and one entry
 * {@code <name>/data/<key>} per tensor storage. The pickle is read by {@code net.razorvine:pickle}; each tensor is
 * rebuilt from its storage (a persistent id {@code ('storage', torch.FloatStorage, key, location, numel)}), storage
 * offset, size and stride as {@code torch._utils._rebuild_tensor_v2} does, so views and non-contiguous tensors come
 * out right. Storages are little-endian unless the zip's {@code byteorder} entry says {@code big}. Element types:
 * float32/64, half, bfloat16 and the integer types (returned as float32). A checkpoint dict that holds the state dict
 * under {@code state_dict} or {@code model} is accepted too. The pickle may only build the few classes a state dict
 * needs (tensors, storages, ordered dicts); anything else becomes an inert dictionary and is never executed.
 */
public final class TorchStateDictReader {

    private static final Map<String, String> STORAGE_TYPES = Map.ofEntries(
            Map.entry("FloatStorage", "F32"), Map.entry("DoubleStorage", "F64"), Map.entry("HalfStorage", "F16"),
            Map.entry("BFloat16Storage", "BF16"), Map.entry("LongStorage", "I64"), Map.entry("IntStorage", "I32"),
            Map.entry("ShortStorage", "I16"), Map.entry("CharStorage", "I8"), Map.entry("ByteStorage", "U8"),
            Map.entry("BoolStorage", "BOOL"));

    static {
        Unpickler.registerConstructor("collections", "OrderedDict", args -> new PickledDict());
        for (Map.Entry<String, String> type : STORAGE_TYPES.entrySet()) {
            Unpickler.registerConstructor("torch", type.getKey(), new StorageType(type.getKey(), type.getValue()));
        }
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor_v2", TorchStateDictReader::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_tensor", TorchStateDictReader::rebuildTensor);
        Unpickler.registerConstructor("torch._utils", "_rebuild_parameter", args -> args[0]);
    }

    private TorchStateDictReader() {
    }

    /**
     * @param file a {@code .pth} / {@code .pt} file written by {@code torch.save}
     * @return its tensors in the state dict's order (non-tensor entries are left out)
     * @throws BadInputException naming the file and what is wrong (legacy format, no state dict, missing storage)
     * @throws IOException       when the file cannot be read
     */
    public static TensorFile read(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            String pickle = null;
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String name = entries.nextElement().getName();
                if (name.endsWith("data.pkl") && (name.equals("data.pkl") || name.endsWith("/data.pkl"))) {
                    pickle = name;
                    break;
                }
            }
            if (pickle == null) {
                throw new BadInputException(file, "a zip without data.pkl: not a file written by torch.save");
            }
            String prefix = pickle.substring(0, pickle.length() - "data.pkl".length());
            ZipEntry order = zip.getEntry(prefix + "byteorder");
            ByteOrder byteOrder = order != null && new String(readAll(zip, order), StandardCharsets.US_ASCII).trim()
                    .equals("big") ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
            Object root;
            try (InputStream in = zip.getInputStream(zip.getEntry(pickle));
                    StorageUnpickler unpickler = new StorageUnpickler(file, zip, prefix, byteOrder)) {
                root = unpickler.load(in);
            } catch (PickleException e) {
                throw new BadInputException(file, "cannot read " + pickle + ": " + e.getMessage(), e);
            }
            return new TensorFile(file, "PyTorch state dict", tensors(file, root));
        } catch (ZipException e) {
            throw new BadInputException(file, "not a zip written by torch.save (PyTorch ≥ 1.6); an older file can be"
                    + " re-saved with torch.save(torch.load(path), new_path) (" + e.getMessage() + ")", e);
        }
    }

    private static Map<String, Tensor> tensors(Path file, Object root) {
        if (!(root instanceof Map<?, ?> map)) {
            throw new BadInputException(file, "the pickle holds a " + describe(root) + ", not a state dict");
        }
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (e.getValue() instanceof RawTensor t) {
                out.put(String.valueOf(e.getKey()), t.named(String.valueOf(e.getKey())));
            }
        }
        if (out.isEmpty()) {
            for (String key : new String[] {"state_dict", "model"}) {
                if (map.get(key) instanceof Map<?, ?>) {
                    return tensors(file, map.get(key));
                }
            }
            throw new BadInputException(file, "the pickle's dictionary holds no tensors (keys: "
                    + String.join(", ", map.keySet().stream().map(String::valueOf).limit(10).toList()) + ")");
        }
        return out;
    }

    private static String describe(Object o) {
        return o == null ? "None" : o.getClass().getSimpleName();
    }

    private static byte[] readAll(ZipFile zip, ZipEntry entry) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    /** {@code torch._utils._rebuild_tensor_v2(storage, offset, size, stride, requires_grad, hooks[, metadata])}. */
    private static Object rebuildTensor(Object[] args) {
        if (args.length < 4 || !(args[0] instanceof Storage storage)) {
            throw new PickleException("unexpected arguments to _rebuild_tensor_v2");
        }
        long offset = ((Number) args[1]).longValue();
        long[] size = longs(args[2]);
        long[] stride = longs(args[3]);
        if (size.length != stride.length) {
            throw new PickleException("tensor size and stride differ in length");
        }
        long count = Tensor.elementCount(size);
        if (count > Integer.MAX_VALUE) {
            throw new PickleException("tensor of " + count + " elements is too large");
        }
        float[] values = new float[(int) count];
        long[] index = new long[size.length];
        for (int i = 0; i < values.length; i++) {
            long element = offset;
            for (int d = 0; d < size.length; d++) {
                element += index[d] * stride[d];
            }
            values[i] = storage.get(element);
            for (int d = size.length - 1; d >= 0; d--) {
                if (++index[d] < size[d]) {
                    break;
                }
                index[d] = 0;
            }
        }
        return new RawTensor(size, values, storage.type.dtype);
    }

    private static long[] longs(Object tuple) {
        if (!(tuple instanceof Object[] items)) {
            throw new PickleException("expected a tuple of integers, got " + describe(tuple));
        }
        long[] out = new long[items.length];
        for (int i = 0; i < items.length; i++) {
            out[i] = ((Number) items[i]).longValue();
        }
        return out;
    }

    /** A tensor before its name is known. */
    private record RawTensor(long[] shape, float[] values, String dtype) {
        Tensor named(String name) {
            return new Tensor(name, shape, values, dtype);
        }
    }

    /** A storage class named in the pickle (a {@code GLOBAL torch FloatStorage}); never called. */
    private record StorageType(String name, String dtype) implements IObjectConstructor {
        @Override
        public Object construct(Object[] args) {
            throw new PickleException("torch." + name + " is not constructed directly in a state dict");
        }
    }

    /** The bytes of one storage entry, read as elements of its type. */
    private record Storage(StorageType type, ByteBuffer bytes, long elements) {
        float get(long element) {
            if (element < 0 || element >= elements) {
                throw new PickleException("tensor element " + element + " outside its storage of " + elements);
            }
            ByteBuffer at = bytes.duplicate().order(bytes.order());
            at.position((int) (element * DataTypes.width(type.dtype)));
            return DataTypes.readFloat(type.dtype, at);
        }
    }

    /**
     * An {@code OrderedDict} keeping its order; {@code __setstate__} takes the instance attributes the pickle sets
     * (the state dict's {@code _metadata}) and ignores them. Public for the pickle reader's reflection.
     */
    public static final class PickledDict extends LinkedHashMap<Object, Object> {
        private static final long serialVersionUID = 1L;

        /** @param state instance attributes (ignored) */
        public void __setstate__(HashMap<?, ?> state) {
            // attributes such as _metadata carry no tensors
        }
    }

    /** Resolves the persistent ids of tensor storages to the zip's {@code data/<key>} entries. */
    private static final class StorageUnpickler extends Unpickler implements AutoCloseable {
        private final Path file;
        private final ZipFile zip;
        private final String prefix;
        private final ByteOrder order;
        private final Map<String, Storage> storages = new HashMap<>();

        StorageUnpickler(Path file, ZipFile zip, String prefix, ByteOrder order) {
            this.file = file;
            this.zip = zip;
            this.prefix = prefix;
            this.order = order;
        }

        @Override
        protected Object persistentLoad(Object pid) {
            if (!(pid instanceof Object[] id) || id.length < 5 || !"storage".equals(id[0])) {
                throw new PickleException("unexpected persistent id " + describe(pid));
            }
            if (!(id[1] instanceof StorageType type)) {
                throw new PickleException("unsupported storage type " + describe(id[1]) + " (supported: "
                        + String.join(", ", STORAGE_TYPES.keySet()) + ")");
            }
            String key = String.valueOf(id[2]);
            long elements = ((Number) id[4]).longValue();
            return storages.computeIfAbsent(key, k -> load(type, k, elements));
        }

        private Storage load(StorageType type, String key, long elements) {
            ZipEntry entry = zip.getEntry(prefix + "data/" + key);
            if (entry == null) {
                throw new BadInputException(file, "storage " + prefix + "data/" + key + " named by the pickle is"
                        + " missing from the zip");
            }
            byte[] bytes;
            try {
                bytes = readAll(zip, entry);
            } catch (IOException e) {
                throw new BadInputException(file, "cannot read storage " + entry.getName() + ": " + e.getMessage(), e);
            }
            long needed = elements * DataTypes.width(type.dtype);
            if (bytes.length < needed) {
                throw new BadInputException(file, "storage " + entry.getName() + " holds " + bytes.length
                        + " bytes; its " + elements + " elements of " + type.dtype + " need " + needed);
            }
            return new Storage(type, ByteBuffer.wrap(bytes).order(order), elements);
        }

        @Override
        public void close() {
            super.close();
        }
    }
}
