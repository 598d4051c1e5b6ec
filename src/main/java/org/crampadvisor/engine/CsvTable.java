package org.crampadvisor.engine;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file of the rules folder read as rows of named columns. Lines starting with {@code #} are
 * comments, blank lines are skipped and cells are trimmed, so that a clinician can edit the file in a
 * spreadsheet or a text editor alike.
 */
final class CsvTable {

    private static final CsvMapper CSV = CsvMapper.builder()
            .enable(CsvParser.Feature.TRIM_SPACES)
            .enable(CsvParser.Feature.SKIP_EMPTY_LINES)
            .enable(CsvParser.Feature.ALLOW_COMMENTS)
            .enable(CsvParser.Feature.FAIL_ON_MISSING_HEADER_COLUMNS)
            .build();

    /** A row with the 1-based line it starts on. */
    record Row(int line, Map<String, String> cells) {

        String get(String column) {
            String value = cells.get(column);
            return value == null ? "" : value;
        }
    }

    private CsvTable() {
    }

    /**
     * Reads the rows of {@code file}, reporting into {@code problems} a missing column or a row that
     * cannot be read; returns the rows that could be read.
     */
    static List<Row> read(RulesetFile file, List<String> requiredColumns, List<RulesetProblem> problems) {
        List<Row> rows = new ArrayList<>();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withComments();
        try (MappingIterator<Map<String, String>> it = CSV.readerForMapOf(String.class).with(schema)
                .readValues(file.content())) {
            CsvSchema header = (CsvSchema) it.getParser().getSchema();
            while (true) {
                int line = it.getCurrentLocation().getLineNr();
                Map<String, String> cells;
                try {
                    if (!it.hasNextValue()) {
                        break;
                    }
                    line = Math.max(line, it.getParser().currentTokenLocation().getLineNr());
                    cells = it.nextValue();
                } catch (RuntimeException e) {
                    problems.add(RulesetProblem.inTable(file.path(), line, "cannot read this row: " + rootMessage(e)));
                    return rows;
                }
                if (rows.isEmpty()) {
                    List<String> missing = missingColumns(it.getParser().getSchema() instanceof CsvSchema s ? s : header,
                            requiredColumns);
                    if (!missing.isEmpty()) {
                        problems.add(RulesetProblem.inTable(file.path(), 1,
                                "missing column(s) " + String.join(", ", missing) + "; the header must name "
                                        + String.join(", ", requiredColumns)));
                        return rows;
                    }
                }
                rows.add(new Row(line, new LinkedHashMap<>(cells)));
            }
        } catch (IOException | RuntimeException e) {
            problems.add(RulesetProblem.inTable(file.path(), null, "cannot read the table: " + rootMessage(e)));
        }
        return rows;
    }

    private static List<String> missingColumns(CsvSchema schema, List<String> required) {
        List<String> missing = new ArrayList<>();
        for (String column : required) {
            if (schema == null || schema.column(column) == null) {
                missing.add(column);
            }
        }
        return missing;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null ? cause.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
