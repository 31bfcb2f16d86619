package org.offload.service;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a JSON parser's exception into the service's own words: where (line and column) and what was expected,
 * never the parser's class names or settings, and no more of the input than one character or a short field name.
 */
final class JsonProblems {
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('(.)' \\(code (\\d+)\\)\\)");
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate (?:Object property|field) \"?'?([^\"']*)");

    private JsonProblems() {
    }

    /** {@code malformed JSON at line L, column C: PROBLEM}; {@code parserAt} where the parser stopped. */
    static String describe(JsonProcessingException e, JsonLocation parserAt, int maxDepth, int maxString,
                           int maxNumber) {
        JsonLocation at = e.getLocation() != null ? e.getLocation() : parserAt; // limits come without a location
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return "malformed JSON" + where + ": " + problem(e, maxDepth, maxString, maxNumber);
    }

    private static String problem(JsonProcessingException e, int maxDepth, int maxString, int maxNumber) {
        String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (e instanceof StreamConstraintsException) {
            if (m.contains("nesting depth") || m.startsWith("Depth")) {
                return "objects and lists nested deeper than " + maxDepth + " levels";
            }
            if (m.startsWith("String")) {
                return "a string longer than " + maxString + " characters";
            }
            if (m.startsWith("Number")) {
                return "a number longer than " + maxNumber + " digits";
            }
            return "the body exceeds a size limit of the parser";
        }
        if (e instanceof JsonEOFException || m.startsWith("Unexpected end-of-input")) {
            return "the body ends before the JSON value is complete";
        }
        if (m.startsWith("Trailing token")) {
            return "more than one JSON value; send a single object";
        }
        Matcher d = DUPLICATE.matcher(m);
        if (d.find()) {
            return "duplicate field '" + Requests.clip(d.group(1)) + "'";
        }
        if (m.contains("Non-standard token") || m.contains("'NaN'") || m.contains("Infinity")) {
            return "NaN and Infinity are not JSON numbers";
        }
        if (m.startsWith("Unrecognized token")) {
            return "a word that is not a JSON value (expected a string in double quotes, a number, true, false or "
                    + "null)";
        }
        if (m.startsWith("Illegal unquoted character")) {
            return "a control character inside a string (escape it, e.g. \\n)";
        }
        if (m.contains("Invalid UTF-8")) {
            return "the body is not UTF-8 text";
        }
        if (m.contains("Leading zeroes") || m.contains("Invalid numeric value")) {
            return "a malformed number";
        }
        if (m.startsWith("Unrecognized character escape")) {
            return "an unknown escape sequence in a string";
        }
        Matcher u = UNEXPECTED.matcher(m);
        if (u.find()) {
            int code = Integer.parseInt(u.group(2));
            String c = code > 32 && code < 127 ? "'" + (char) code + "'" : String.format("U+%04X", code);
            return "unexpected character " + c + expected(m);
        }
        return "not valid JSON";
    }

    private static String expected(String m) {
        if (m.contains("double-quote to start field name")) {
            return "; expected a field name in double quotes";
        }
        if (m.contains("comma to separate Object")) {
            return "; expected ',' or '}'";
        }
        if (m.contains("comma to separate Array")) {
            return "; expected ',' or ']'";
        }
        if (m.contains("colon to separate")) {
            return "; expected ':'";
        }
        if (m.contains("expected a valid value") || m.contains("expected a value")) {
            return "; expected a value (a string, number, object, list, true, false or null)";
        }
        if (m.contains("close marker")) {
            return "; a closing bracket that matches no opening one";
        }
        return "";
    }
}
