package org.crampadvisor.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/** Percentiles of measured times, and a results file the benchmark scripts print. */
public final class Stats {

    private Stats() {
    }

    public static double percentileMillis(long[] nanos, double percentile) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int index = (int) Math.min(sorted.length - 1, Math.ceil(percentile / 100.0 * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    public static void header(String line) {
        report("# " + line);
    }

    public static void row(String line) {
        report(line);
    }

    static void report(String line) {
        System.out.println(line);
        try {
            Path file = Path.of("target/benchmarks/results.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
