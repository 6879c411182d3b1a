package io.trailtailor.flink.source.sqs;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.S3Location;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which command-line source a notified object belongs to: the {@code --cloudtrail s3://..} and
 * {@code --k8s-audit [CLUSTER=]s3://..} prefixes decide whether it is CloudTrail or audit and which cluster it
 * names. The longest matching prefix wins. With no prefix at all every object is CloudTrail (a queue fed by a
 * trail's notifications); otherwise an object outside every prefix is not read (counted by the caller). CloudTrail
 * objects are also held to {@code --accounts}, {@code --regions}, {@code --from} and {@code --to}, as a listing
 * would be ({@link #prunes}).
 */
public final class NotificationRoutes implements Serializable {

    private static final long serialVersionUID = 1L;

    /** One command-line prefix: {@code s3://bucket/prefix} with what it says about the files under it. */
    public record Route(String bucket, String prefix, InputFile.Kind kind, String cluster) implements Serializable {

        public static Route of(String s3Uri, InputFile.Kind kind, String cluster) {
            S3Location where = S3Location.parse(s3Uri);
            return new Route(where.bucket(), where.key(), kind, cluster);
        }

        boolean covers(NotifiedObject object) {
            return bucket.equals(object.bucket()) && object.key().startsWith(prefix);
        }
    }

    private final List<Route> routes;
    private final KeyFilter filter;

    public NotificationRoutes(List<Route> routes) {
        this(routes, KeyFilter.ALL);
    }

    public NotificationRoutes(List<Route> routes, KeyFilter filter) {
        List<Route> sorted = new ArrayList<>(routes);
        sorted.sort(Comparator.comparingInt((Route r) -> -r.prefix().length()));
        this.routes = List.copyOf(sorted);
        this.filter = filter == null ? KeyFilter.ALL : filter;
    }

    /**
     * Whether the filters leave {@code file} out: a CloudTrail key of another account or region, or delivered outside
     * the days asked for. Keys outside the CloudTrail layout, and audit files, are never pruned.
     */
    public boolean prunes(InputFile file) {
        return file.kind == InputFile.Kind.CLOUDTRAIL
                && !filter.prunesNothing()
                && !filter.accepts(S3Location.parse(file.uri).key());
    }

    /** Every object is CloudTrail. */
    public static NotificationRoutes allCloudTrail() {
        return new NotificationRoutes(List.of());
    }

    /** The file to read for {@code object}, or empty when it lies outside every prefix. */
    public Optional<InputFile> route(NotifiedObject object) {
        if (routes.isEmpty()) {
            return Optional.of(new InputFile(object.uri(), object.size(), InputFile.Kind.CLOUDTRAIL, null));
        }
        for (Route route : routes) {
            if (route.covers(object)) {
                return Optional.of(new InputFile(object.uri(), object.size(), route.kind(), route.cluster()));
            }
        }
        return Optional.empty();
    }
}
