package org.densereg.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.densereg.io.BadInputException;
import org.densereg.io.TextFiles;

/**
 * Resolves a configuration record: defaults (in code) ← YAML or JSON file ← {@code key=value} overrides.
 * Unknown keys and values of the wrong type are errors that name the key and its source. A list key takes a YAML
 * list ({@code key=[a, b]} on the command line) or a single value, read as a one-element list ({@code key=a}).
 */
public final class ConfigLoader {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY); // --set list=one-path

    private ConfigLoader() {
    }

    /**
     * Resolves a configuration.
     *
     * @param type      the record type
     * @param defaults  the defaults
     * @param file      YAML (or JSON) file overriding the defaults, may be null
     * @param overrides {@code dotted.key=value} strings applied last; values are parsed as YAML scalars
     * @return the resolved record
     * @throws ConfigException naming the key and source of any problem
     */
    public static <T> T resolve(Class<T> type, T defaults, Path file, List<String> overrides) throws IOException {
        ObjectNode tree = YAML.valueToTree(defaults);
        if (file != null) {
            JsonNode fromFile = readTree(file);
            if (!fromFile.isObject()) {
                throw new BadInputException(file, "expected a mapping of keys to values at the top level");
            }
            merge(tree, (ObjectNode) fromFile, "", file);
        }
        for (String override : overrides) {
            int eq = override.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(null, override, "expected key=value");
            }
            String key = override.substring(0, eq).trim();
            String value = override.substring(eq + 1).trim();
            set(tree, key, parseScalar(key, value));
        }
        try {
            return YAML.treeToValue(tree, type);
        } catch (MismatchedInputException e) {
            String key = e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            String what = e instanceof InvalidFormatException ife
                    ? "cannot use \"" + ife.getValue() + "\" as " + ife.getTargetType().getSimpleName()
                    : e.getOriginalMessage();
            throw new ConfigException(file, key, what);
        } catch (JsonProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException(file, "(config)", cause.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file, "(config)", e.getMessage());
        }
    }

    /** Reads a bundled configuration from the classpath as the override file. */
    public static <T> T resolveResource(Class<T> type, T defaults, String resource, List<String> overrides) throws IOException {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no bundled config " + resource);
            }
            Path tmp = Files.createTempFile("densereg-config", ".yaml");
            try {
                Files.copy(in, tmp, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return resolve(type, defaults, tmp, overrides);
            } finally {
                Files.deleteIfExists(tmp);
            }
        }
    }

    /** The configuration as YAML text (for {@code config.resolved.yaml}). */
    public static String toYaml(Object config) {
        try {
            return YAML.writeValueAsString(config);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise " + config.getClass().getSimpleName(), e);
        }
    }

    private static JsonNode readTree(Path file) throws IOException {
        try {
            return YAML.readTree(TextFiles.read(file));
        } catch (NoSuchFileException e) {
            throw new BadInputException(file, "config file not found");
        } catch (JsonProcessingException e) {
            int line = e.getLocation() != null ? e.getLocation().getLineNr() : 0;
            throw new BadInputException(file, line, "not valid YAML: " + e.getOriginalMessage());
        }
    }

    private static void merge(ObjectNode target, ObjectNode source, String prefix, Path file) {
        Iterator<Map.Entry<String, JsonNode>> fields = source.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix + field.getKey();
            JsonNode existing = target.get(field.getKey());
            if (existing == null) {
                throw new ConfigException(file, key, "unknown key; known keys here: " + knownKeys(target));
            }
            if (existing.isObject() && field.getValue().isObject()) {
                merge((ObjectNode) existing, (ObjectNode) field.getValue(), key + ".", file);
            } else {
                target.set(field.getKey(), field.getValue());
            }
        }
    }

    private static void set(ObjectNode tree, String dottedKey, JsonNode value) {
        String[] parts = dottedKey.split("\\.");
        ObjectNode node = tree;
        StringBuilder seen = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            seen.append(i == 0 ? "" : ".").append(part);
            JsonNode child = node.get(part);
            if (child == null) {
                throw new ConfigException(null, seen.toString(), "unknown key; known keys here: " + knownKeys(node));
            }
            if (i == parts.length - 1) {
                if (child.isObject() && !value.isObject()) {
                    throw new ConfigException(null, seen.toString(), "is a section; set one of its keys: " + knownKeys((ObjectNode) child));
                }
                node.set(part, value);
            } else {
                if (!child.isObject()) {
                    throw new ConfigException(null, seen.toString(), "is a value, not a section");
                }
                node = (ObjectNode) child;
            }
        }
    }

    private static JsonNode parseScalar(String key, String value) {
        try {
            JsonNode node = YAML.readTree(value.isEmpty() ? "''" : value);
            return node == null || node.isMissingNode() ? YAML.getNodeFactory().textNode(value) : node;
        } catch (JsonProcessingException e) {
            throw new ConfigException(null, key, "cannot parse value \"" + value + "\"");
        }
    }

    private static String knownKeys(ObjectNode node) {
        StringBuilder sb = new StringBuilder();
        node.fieldNames().forEachRemaining(n -> sb.append(sb.length() == 0 ? "" : ", ").append(n));
        return sb.toString();
    }
}
