package io.trailtailor.policy.pipeline;

import io.trailtailor.event.KeyFilter;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * The prefixes the input listing walks for one CloudTrail source, as IAM patterns: the same pruning of
 * {@code AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/} by {@code --accounts}, {@code --regions},
 * {@code --from} and {@code --to} (plus the day after {@code --to}, delivered late), so that the policy allows the
 * calls the run makes and no others.
 *
 * <p>The organization id is not known before listing, so the account level is written {@code AWSLogs/*<account>/}:
 * the {@code *} matches both the empty string (a single-account trail) and {@code o-xxxx/} (an organization trail).
 * Whole months inside the window become one {@code YYYY/MM/*} pattern instead of one per day.
 */
public final class TrailPrefixes {

    private static final String AWS_LOGS = "AWSLogs/";

    private TrailPrefixes() {}

    public static BucketPrefixes of(S3Uri where, KeyFilter filter) {
        String base = where.directory();
        int at = base.indexOf(AWS_LOGS);
        if (filter.prunesNothing() || (at >= 0 && base.length() > at + AWS_LOGS.length())) {
            // listed as given (pruning happens below a key the user chose, while listing)
            return BucketPrefixes.whole(where);
        }
        String awsLogs = at >= 0 ? base.substring(0, at + AWS_LOGS.length()) : base + AWS_LOGS;
        List<String> list = new ArrayList<>();
        if (!where.key().isEmpty()) {
            list.add(where.key()); // the "does it exist" probe when nothing was found
        }
        list.add(awsLogs);
        List<String> objects = new ArrayList<>();
        for (String account : orAll(filter.accounts())) {
            String cloudTrail = awsLogs + "*" + (account.equals("*") ? "" : account) + "/CloudTrail/";
            list.add(cloudTrail);
            for (String region : orAll(filter.regions())) {
                String regionPrefix = cloudTrail + region + "/";
                if (filter.from() == null || filter.to() == null) {
                    list.add(regionPrefix);
                    objects.add(regionPrefix + "*");
                    continue;
                }
                for (String days : dayPatterns(filter.from(), filter.to().plusDays(1))) {
                    list.add(regionPrefix + days);
                    objects.add(regionPrefix + (days.endsWith("*") ? days : days + "*"));
                }
            }
        }
        // the organization level: AWSLogs/o-xxxx/ and nothing deeper
        return new BucketPrefixes(where.bucket(), list, List.of(awsLogs + "o-*/"), objects);
    }

    /** {@code YYYY/MM/DD/} for each day, or {@code YYYY/MM/*} for a month the range covers whole. */
    static List<String> dayPatterns(LocalDate first, LocalDate last) {
        List<String> out = new ArrayList<>();
        LocalDate day = first;
        while (!day.isAfter(last)) {
            LocalDate monthEnd = day.withDayOfMonth(day.lengthOfMonth());
            if (day.getDayOfMonth() == 1 && !monthEnd.isAfter(last)) {
                out.add(String.format("%04d/%02d/*", day.getYear(), day.getMonthValue()));
                day = monthEnd.plusDays(1);
            } else {
                out.add(String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth()));
                day = day.plusDays(1);
            }
        }
        return out;
    }

    private static List<String> orAll(java.util.Set<String> names) {
        return names.isEmpty() ? List.of("*") : List.copyOf(new TreeSet<>(names));
    }
}
