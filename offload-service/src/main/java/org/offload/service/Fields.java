package org.offload.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Strict access to one JSON object of a request: unknown fields, wrong types and out-of-range values become a
 * {@link BadRequestException} naming the field ({@code vms[2].load}).
 */
final class Fields {
    static final int MAX_DEPTH = 8;
    static final int MAX_STRING = 4096;
    static final int MAX_NUMBER = 64;
    /** Parser settings for request bodies: duplicate keys rejected, nesting and string sizes bounded. */
    static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH).maxStringLength(MAX_STRING).maxNumberLength(MAX_NUMBER).build())
            .build())
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final JsonNode node;
    private final String prefix;

    private Fields(JsonNode node, String prefix) {
        this.node = node;
        this.prefix = prefix;
    }

    /** Parses a request body that must be one JSON object. */
    static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw new BadRequestException(null, "empty body; expected a JSON object");
        }
        try (com.fasterxml.jackson.core.JsonParser p = MAPPER.createParser(body)) {
            try {
                JsonNode n = MAPPER.readTree(p);
                if (n == null || n.isMissingNode()) {
                    throw new BadRequestException(null, "empty body; expected a JSON object");
                }
                if (p.nextToken() != null) {
                    throw new BadRequestException(null, "malformed JSON at line " + p.currentTokenLocation().getLineNr()
                            + ", column " + p.currentTokenLocation().getColumnNr() + ": more than one JSON value; send a "
                            + "single object");
                }
                return n;
            } catch (JsonProcessingException e) {
                throw new BadRequestException(null, JsonProblems.describe(e, p.currentLocation(), MAX_DEPTH,
                        MAX_STRING, MAX_NUMBER));
            }
        } catch (IOException e) {
            throw new BadRequestException(null, "unreadable body");
        }
    }

    /** The object {@code node} (named {@code prefix}, "" for the body), rejecting fields outside {@code allowed}. */
    static Fields of(JsonNode node, String prefix, String... allowed) {
        if (!node.isObject()) {
            throw new BadRequestException(prefix.isEmpty() ? null : prefix,
                    (prefix.isEmpty() ? "body" : prefix) + ": expected a JSON object, got " + kind(node));
        }
        List<String> keys = Arrays.asList(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                String f = name(prefix, k);
                throw new BadRequestException(f, "unknown field '" + truncate(f) + "'; allowed: " + String.join(", ", keys));
            }
        }
        return new Fields(node, prefix);
    }

    private static String truncate(String s) {
        return s.length() > 80 ? s.substring(0, 80) + "..." : s;
    }

    private static String name(String prefix, String k) {
        return prefix.isEmpty() ? k : prefix + "." + k;
    }

    String field(String k) {
        return name(prefix, k);
    }

    boolean has(String k) {
        return node.has(k) && !node.get(k).isNull();
    }

    private BadRequestException bad(String k, String problem) {
        return new BadRequestException(field(k), field(k) + ": " + problem);
    }

    private JsonNode required(String k) {
        if (!has(k)) {
            throw bad(k, "is required");
        }
        return node.get(k);
    }

    String text(String k, int maxLength) {
        JsonNode v = required(k);
        if (!v.isTextual()) {
            throw bad(k, "expected a string, got " + kind(v));
        }
        String s = v.textValue();
        if (s.isEmpty() || s.length() > maxLength) {
            throw bad(k, "must be 1.." + maxLength + " characters long");
        }
        return s;
    }

    String text(String k, int maxLength, String def) {
        return has(k) ? text(k, maxLength) : def;
    }

    double number(String k, double min, double max) {
        JsonNode v = required(k);
        if (!v.isNumber()) {
            throw bad(k, "expected a number, got " + kind(v));
        }
        double d = v.doubleValue();
        if (!(d >= min && d <= max)) {
            String range = min == Double.MIN_VALUE ? "must be > 0 and <= " + plain(max)
                    : "must be in [" + plain(min) + ", " + plain(max) + "]";
            throw bad(k, range + ", got " + v.asText());
        }
        return d;
    }

    double number(String k, double min, double max, double def) {
        return has(k) ? number(k, min, max) : def;
    }

    long integer(String k, long min, long max) {
        JsonNode v = required(k);
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            if (v.isNumber() && v.doubleValue() == Math.rint(v.doubleValue()) && Math.abs(v.doubleValue()) < 9e15) {
                long n = (long) v.doubleValue();
                return checkRange(k, n, min, max);
            }
            throw bad(k, "expected an integer, got " + kind(v));
        }
        return checkRange(k, v.longValue(), min, max);
    }

    private long checkRange(String k, long n, long min, long max) {
        if (n < min || n > max) {
            throw bad(k, "must be in [" + min + ", " + max + "], got " + n);
        }
        return n;
    }

    long integer(String k, long min, long max, long def) {
        return has(k) ? integer(k, min, max) : def;
    }

    boolean bool(String k, boolean def) {
        if (!has(k)) {
            return def;
        }
        JsonNode v = node.get(k);
        if (!v.isBoolean()) {
            throw bad(k, "expected true or false, got " + kind(v));
        }
        return v.booleanValue();
    }

    /** The object field {@code k}, or null when absent; its own field names are the caller's to check. */
    Fields object(String k) {
        if (!has(k)) {
            return null;
        }
        JsonNode v = node.get(k);
        if (!v.isObject()) {
            throw bad(k, "expected an object, got " + kind(v));
        }
        return new Fields(v, field(k));
    }

    /** The field names of this object, in order. */
    List<String> names() {
        List<String> out = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    ArrayNode array(String k, int maxItems) {
        if (!has(k)) {
            return Fields.MAPPER.createArrayNode();
        }
        JsonNode v = node.get(k);
        if (!v.isArray()) {
            throw bad(k, "expected a list, got " + kind(v));
        }
        if (v.size() > maxItems) {
            throw bad(k, "at most " + maxItems + " items, got " + v.size());
        }
        return (ArrayNode) v;
    }

    static String kind(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            return "a string";
        }
        if (v.isObject()) {
            return "an object";
        }
        if (v.isArray()) {
            return "a list";
        }
        if (v.isBoolean()) {
            return "a boolean";
        }
        return v.isNumber() ? "a number" : v.getNodeType().toString().toLowerCase(java.util.Locale.ROOT);
    }

    private static String plain(double d) {
        if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

}
