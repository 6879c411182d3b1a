package io.trailtailor.flink.monitor;

import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.options.AnalyzeOptions;
import io.trailtailor.flink.source.ListingDiscovery;
import io.trailtailor.flink.source.LogFileSources;
import io.trailtailor.flink.source.kinesis.KinesisInput;
import io.trailtailor.flink.source.kinesis.KinesisLogSource;
import io.trailtailor.flink.source.kinesis.KinesisSettings;
import io.trailtailor.flink.source.sqs.NotificationRoutes;
import io.trailtailor.flink.source.sqs.QueueUrl;
import io.trailtailor.flink.source.sqs.SqsDiscovery;
import io.trailtailor.flink.source.sqs.SqsSettings;
import io.trailtailor.flink.stream.LogStreams;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Every source of one {@code monitor} run as one {@link LogStreams}: the listed {@code --cloudtrail}/{@code
 * --k8s-audit} inputs (if any), one notification-driven file source per {@code --sqs} queue, one subscription source
 * per {@code --kinesis} stream. Each source's operator uids derive from that source alone (never from its position or
 * from the other sources), so a savepoint restores into a run with sources added.
 */
public final class MonitorSources {

    /** The listing's name, as it was when listing was monitor's only source: its savepoints still restore. */
    static final String LISTING = "watched-files";

    static final Duration MIN_VISIBILITY = Duration.ofMinutes(10);
    static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    private MonitorSources() {}

    /** The union of every source {@code options} name; at least one must be named. */
    static LogStreams build(StreamExecutionEnvironment env, MonitorOptions options) {
        AnalyzeOptions analyze = options.analyze();
        List<LogStreams> all = new ArrayList<>();
        if (options.watchesListedInputs()) {
            all.add(LogFileSources.continuous(
                    env,
                    ListingDiscovery.of(analyze),
                    options.discoveryInterval(),
                    analyze,
                    options.eventTime(),
                    LISTING));
        }
        NotificationRoutes routes = routes(analyze);
        for (String url : options.sqs()) {
            QueueUrl queue = QueueUrl.parse(url);
            // the objects named are read as listed ones are, with --s3-* (LogFileSource takes analyze.s3())
            all.add(LogFileSources.continuous(
                    env,
                    new SqsDiscovery(sqsSettings(queue, options), routes),
                    options.discoveryInterval(),
                    analyze,
                    options.eventTime(),
                    sqsName(queue, analyze.s3().region())));
        }
        for (String text : options.kinesis()) {
            KinesisInput input = KinesisInput.parse(text);
            all.add(KinesisLogSource.build(
                    env,
                    input.stream().arn(),
                    input.cluster(),
                    options.eventTime(),
                    kinesisSettings(options),
                    kinesisName(input)));
        }
        if (all.isEmpty()) {
            throw new IllegalArgumentException("monitor needs a source: --cloudtrail, --k8s-audit, --sqs or --kinesis");
        }
        LogStreams in = all.get(0);
        for (LogStreams more : all.subList(1, all.size())) {
            in = in.union(more);
        }
        return in;
    }

    /**
     * Which kind and cluster a notified object is: the {@code s3://} prefixes of {@code --cloudtrail} and {@code
     * --k8s-audit} decide (objects outside all of them are skipped and counted); with none, every object is CloudTrail.
     * CloudTrail objects pass the same {@code --accounts/--regions/--from/--to} filters as a listing.
     */
    static NotificationRoutes routes(AnalyzeOptions analyze) {
        List<NotificationRoutes.Route> routes = new ArrayList<>();
        for (String c : analyze.cloudTrail()) {
            if (c.startsWith("s3://")) {
                routes.add(NotificationRoutes.Route.of(c, InputFile.Kind.CLOUDTRAIL, null));
            }
        }
        for (String a : analyze.k8sAudit()) {
            InputLister.Source audit = InputLister.Source.audit(a);
            if (audit.location().startsWith("s3://")) {
                routes.add(NotificationRoutes.Route.of(audit.location(), InputFile.Kind.AUDIT, audit.cluster()));
            }
        }
        return new NotificationRoutes(routes, analyze.keyFilter());
    }

    /**
     * The queue in its region with the default credential chain. A message stays hidden for twice the checkpoint
     * interval (10 min to 12 h), so it is normally deleted by the checkpoint that covers it before it comes back.
     */
    static SqsSettings sqsSettings(QueueUrl queue, MonitorOptions options) {
        SqsSettings defaults =
                SqsSettings.of(queue.url(), queue.region(options.analyze().s3().region()));
        Duration visibility = options.checkpointInterval().multipliedBy(2);
        visibility = visibility.compareTo(MIN_VISIBILITY) < 0 ? MIN_VISIBILITY : visibility;
        visibility = visibility.compareTo(MAX_VISIBILITY) > 0 ? MAX_VISIBILITY : visibility;
        return new SqsSettings(
                defaults.queueUrl(),
                defaults.region(),
                options.sqsEndpoint(),
                null,
                null,
                defaults.waitTime(),
                defaults.maxMessages(),
                defaults.maxReceives(),
                visibility,
                defaults.timeout());
    }

    /** The default chain, each stream in its own region; {@code --kinesis-endpoint} if given. */
    static KinesisSettings kinesisSettings(MonitorOptions options) {
        KinesisSettings defaults = KinesisSettings.defaults();
        return options.kinesisEndpoint() == null
                ? defaults
                : defaults.withEndpoint(URI.create(options.kinesisEndpoint()), null, null, null);
    }

    /** {@code sqs-<region>-<account>-<name>}: two queues of one name in two regions or accounts stay apart. */
    public static String sqsName(QueueUrl queue, String s3Region) {
        return kebab("sqs-" + queue.region(s3Region) + "-" + queue.account() + "-" + queue.name());
    }

    /** {@code kinesis-<region>-<account>-<name>}, the stream's ARN in kebab-case. */
    public static String kinesisName(KinesisInput input) {
        return kebab("kinesis-" + input.stream().region() + "-" + input.stream().account() + "-"
                + input.stream().name());
    }

    private static String kebab(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("-+$", "");
    }
}
