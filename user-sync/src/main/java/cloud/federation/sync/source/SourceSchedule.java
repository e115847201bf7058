package cloud.federation.sync.source;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A source's schedule: an interval ({@code 2m}, {@code 15m}, {@code 1h}, or ISO-8601 {@code PT2M}), {@code manual}
 * for admin-triggered runs only, or empty for the default of its kind.
 */
public final class SourceSchedule {

    public static final String MANUAL = "manual";
    static final Duration MINIMUM = Duration.ofSeconds(10);
    private static final Pattern SHORT = Pattern.compile("(\\d{1,6})\\s*(s|m|h|d)");

    private SourceSchedule() {
    }

    /** The interval, or empty for manual; throws IllegalArgumentException naming the problem. */
    public static Optional<Duration> parse(String schedule, Duration kindDefault) {
        if (schedule == null || schedule.isBlank()) {
            return Optional.of(kindDefault);
        }
        String s = schedule.strip().toLowerCase(Locale.ROOT);
        if (s.equals(MANUAL)) {
            return Optional.empty();
        }
        Duration interval;
        Matcher m = SHORT.matcher(s);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            interval = switch (m.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        } else {
            try {
                interval = Duration.parse(schedule.strip().toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("schedule: '" + schedule
                        + "' is not an interval like 2m, 15m, 1h or PT2M, nor 'manual'");
            }
        }
        if (interval.compareTo(MINIMUM) < 0) {
            throw new IllegalArgumentException("schedule: '" + schedule + "' is shorter than " + MINIMUM.toSeconds() + "s");
        }
        return Optional.of(interval);
    }
}
