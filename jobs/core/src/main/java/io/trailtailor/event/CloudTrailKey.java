package io.trailtailor.event;

import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a file sits in CloudTrail's S3 delivery layout:
 * {@code [prefix/]AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/<file>}. The date is the delivery date,
 * not the event date: a file can hold events from before its day.
 */
public record CloudTrailKey(String organization, String account, String region, LocalDate deliveryDate) {

    private static final Pattern LAYOUT = Pattern.compile(
            "(?:^|/)AWSLogs/(?:(o-[a-z0-9]+)/)?(\\d{12})/CloudTrail/([a-z0-9-]+)/(\\d{4})/(\\d{2})/(\\d{2})/[^/]+$");

    public static Optional<CloudTrailKey> parse(String path) {
        Matcher m = LAYOUT.matcher(path.replace('\\', '/'));
        if (!m.find()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.of(
                    Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)));
            return Optional.of(new CloudTrailKey(m.group(1), m.group(2), m.group(3), date));
        } catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }
}
