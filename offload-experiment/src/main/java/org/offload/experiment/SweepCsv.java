package org.offload.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.offload.experiment.engine.Tables;

/**
 * Reads a discrete-event sweep's CSV files (written by {@link Tables}): {@value #RUNS_FILE}, one row per completed
 * run, {@code policy,devices,replication,seed} then every {@link Metric}; {@value #AGGREGATE_FILE}, one row per
 * policy and device count, {@code policy,devices,n} then {@code <metric>_mean,<metric>_ci95_low,<metric>_ci95_high}
 * per metric. In both, {@code wall_time_s} columns come last. A sweep that varies a scenario key has its column,
 * named by the key, between {@code policy} and {@code devices}.
 */
public final class SweepCsv {
    public static final String RUNS_FILE = Tables.RUNS_FILE;
    public static final String AGGREGATE_FILE = Tables.AGGREGATE_FILE;

    private SweepCsv() {
    }

    /** A row reader: the cells of one data row by column name; NumberFormatException for a bad number. */
    @FunctionalInterface
    private interface RowReader<T> {
        /** @param axis the varied key's column (the one between {@code policy} and {@code devices}), or null */
        T read(Map<String, Integer> col, List<String> row, String axis);
    }

    /**
     * The data rows of a CSV file with the {@code required} columns, each read by {@code reader}: an empty file, a
     * missing column, a row with too few cells or a bad number is an {@link IOException} naming the file and line.
     */
    private static <T> List<T> readTable(Path file, List<String> required, RowReader<T> reader) throws IOException {
        List<List<String>> rows = parse(Files.readString(file, StandardCharsets.UTF_8));
        if (rows.isEmpty()) {
            throw new IOException(file + ": empty file, expected a header line");
        }
        Map<String, Integer> col = new HashMap<>();
        List<String> header = rows.get(0);
        for (int i = 0; i < header.size(); i++) {
            col.put(header.get(i), i);
        }
        for (String r : required) {
            if (!col.containsKey(r)) {
                throw new IOException(file + ": no '" + r + "' column");
            }
        }
        String axis = header.size() > 2 && header.get(0).equals("policy") && !header.get(1).equals("devices")
                && !header.get(1).equals("baseline") ? header.get(1) : null;
        List<T> out = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            if (row.size() == 1 && row.get(0).isEmpty()) {
                continue;
            }
            if (row.size() != header.size()) {
                throw new IOException(file + ": line " + (r + 1) + ": " + row.size() + " cells, the header has "
                        + header.size() + "; was the file cut short?");
            }
            try {
                out.add(reader.read(col, row, axis));
            } catch (NumberFormatException e) {
                throw new IOException(file + ": line " + (r + 1) + ": not a number (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    /**
     * Reads an {@value #AGGREGATE_FILE}. Unknown columns are ignored and missing metric columns read as empty
     * estimates; each estimate's {@code n} is the row's.
     */
    public static List<AggregateRow> readAggregate(Path file) throws IOException {
        List<AggregateRow> out = readTable(file, List.of("policy", "devices", "n"), (col, row, axis) -> {
            int n = Integer.parseInt(cell(row, col, "n"));
            Map<Metric, Estimate> est = new EnumMap<>(Metric.class);
            for (Metric m : Metric.values()) {
                double mean = real(cell(row, col, m.column() + "_mean"));
                double low = real(cell(row, col, m.column() + "_ci95_low"));
                double high = real(cell(row, col, m.column() + "_ci95_high"));
                est.put(m, Double.isNaN(mean) ? Estimate.EMPTY : new Estimate(n, mean, low, high));
            }
            return new AggregateRow(cell(row, col, "policy"), axis == null ? null : cell(row, col, axis),
                    Integer.parseInt(cell(row, col, "devices")), n, est);
        });
        if (out.isEmpty()) {
            throw new IOException(file + ": no rows after the header; was the file cut short?");
        }
        return out;
    }

    /**
     * Reads a {@value #RUNS_FILE}: every completed run with its metric values (NaN where a cell is empty or the
     * column is missing). Unknown columns are ignored.
     */
    public static List<RunResult> readRuns(Path file) throws IOException {
        return readTable(file, List.of("policy", "devices", "replication", "seed"), (col, row, axis) -> {
            double[] values = new double[Metric.values().length];
            for (Metric m : Metric.values()) {
                values[m.ordinal()] = real(cell(row, col, m.column()));
            }
            return new RunResult(new RunPoint(cell(row, col, "policy"), axis, axis == null ? null : cell(row, col, axis),
                    Integer.parseInt(cell(row, col, "devices")), Integer.parseInt(cell(row, col, "replication")),
                    Long.parseLong(cell(row, col, "seed"))), values, true);
        });
    }

    private static double real(String s) {
        return s == null || s.isEmpty() ? Double.NaN : Double.parseDouble(s);
    }

    private static String cell(List<String> row, Map<String, Integer> col, String name) {
        Integer i = col.get(name);
        return i == null || i >= row.size() ? null : row.get(i);
    }

    /** Parses RFC 4180 text into rows of cells. */
    static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            any = true;
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(cell.toString());
                cell.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(cell.toString());
                cell.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
                any = false;
            } else {
                cell.append(c);
            }
        }
        if (any) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
