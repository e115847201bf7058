package cloud.federation.server.support;

import io.restassured.RestAssured;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Reads {@code /q/metrics} as Prometheus would: the text exposition format, one sample a line. Counters are
 * global to the test JVM, so tests compare a scrape before their action with one after.
 */
public final class Prometheus {

    /** One sample: metric name, labels, value. */
    public record Sample(String name, Map<String, String> labels, double value) {
    }

    private final List<Sample> samples;

    private Prometheus(List<Sample> samples) {
        this.samples = samples;
    }

    public static Prometheus scrape() {
        String text = RestAssured.get("/q/metrics").then().statusCode(200).extract().asString();
        List<Sample> out = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                out.add(parse(line));
            }
        }
        return new Prometheus(out);
    }

    /** Scrapes until {@code condition} holds: what a test waits for is counted after the response it got. */
    public static Prometheus awaitScrape(Predicate<Prometheus> condition, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            Prometheus now = scrape();
            if (condition.test(now)) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                fail(what + " never showed in /q/metrics");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** The sum of the samples of {@code name} that carry all of {@code labels} (as key, value pairs); 0 if none. */
    public double sum(String name, String... labels) {
        return matching(name, labels).stream().mapToDouble(Sample::value).sum();
    }

    /** The one sample of {@code name} with these labels, if present. */
    public Optional<Double> value(String name, String... labels) {
        List<Sample> found = matching(name, labels);
        if (found.size() > 1) {
            throw new AssertionError("several samples of " + name + " match " + List.of(labels) + ": " + found);
        }
        return found.stream().findFirst().map(Sample::value);
    }

    public List<Sample> matching(String name, String... labels) {
        return samples.stream().filter(s -> s.name().equals(name) && has(s, labels)).toList();
    }

    public List<Sample> samples() {
        return samples;
    }

    private static boolean has(Sample s, String... labels) {
        for (int i = 0; i < labels.length; i += 2) {
            if (!labels[i + 1].equals(s.labels().get(labels[i]))) {
                return false;
            }
        }
        return true;
    }

    /** {@code name{a="x",b="y\"z",} 1.0}, with the format's escapes (backslash, quote, newline) in label values. */
    static Sample parse(String line) {
        int brace = line.indexOf('{');
        int space = line.lastIndexOf(' ');
        Map<String, String> labels = new LinkedHashMap<>();
        String name;
        if (brace < 0 || brace > space) {
            name = line.substring(0, line.indexOf(' '));
        } else {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq).trim();
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // past ="
                for (; line.charAt(j) != '"'; j++) {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char next = line.charAt(++j);
                        value.append(next == 'n' ? '\n' : next);
                    } else {
                        value.append(c);
                    }
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
        }
        return new Sample(name, labels, number(line.substring(space + 1).trim()));
    }

    private static double number(String text) {
        return switch (text) {
            case "+Inf" -> Double.POSITIVE_INFINITY;
            case "-Inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(text);
        };
    }
}
