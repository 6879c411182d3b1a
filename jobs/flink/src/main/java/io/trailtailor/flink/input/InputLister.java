package io.trailtailor.flink.input;

import io.trailtailor.event.KeyFilter;
import io.trailtailor.event.LogFileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CommonPrefix;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Expands the command line's sources (files, directories searched recursively, {@code s3://bucket/prefix}) into the
 * files to read, in a stable order. For S3, the CloudTrail key layout is walked level by level so that
 * {@code --accounts}, {@code --regions}, {@code --from} and {@code --to} prune whole prefixes before anything under
 * them is listed. Files that are never logs (digests, Insights, export probes) are set aside and counted.
 */
public final class InputLister {

    /**
     * What listing found: the files to read, and the paths set aside (by their path alone, as hidden, as links that
     * lead nowhere, as files that are not regular files), each with its reason.
     */
    public record Listing(List<InputFile> files, List<Skipped> skipped) {

        /** How many paths were set aside for a reason starting with {@code prefix}. */
        public long skippedFor(String prefix) {
            return skipped.stream().filter(s -> s.reason().startsWith(prefix)).count();
        }
    }

    /** A path not read, and why. */
    public record Skipped(String path, String reason) {}

    private final KeyFilter filter;
    private final S3Settings s3Settings;
    private final boolean includeHidden;
    private S3Client s3;

    public InputLister(KeyFilter filter, S3Settings s3Settings) {
        this(filter, s3Settings, false);
    }

    /** @param includeHidden also read hidden files and directories of local sources (names starting with '.') */
    public InputLister(KeyFilter filter, S3Settings s3Settings, boolean includeHidden) {
        this.filter = filter;
        this.s3Settings = s3Settings;
        this.includeHidden = includeHidden;
    }

    /** Lists S3 through {@code client} (e.g. one that counts its calls) instead of one built from the settings. */
    public InputLister(KeyFilter filter, S3Settings s3Settings, boolean includeHidden, S3Client client) {
        this(filter, s3Settings, includeHidden);
        this.s3 = client;
    }

    /**
     * @throws InputUnavailable when a source does not exist or cannot be listed (a usage error, exit code 2)
     */
    public Listing list(List<Source> sources) {
        List<InputFile> files = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        for (Source source : sources) {
            List<InputFile> found = source.location().startsWith("s3://") ? listS3(source) : listLocal(source, skipped);
            for (InputFile file : found) {
                String reason = skipReason(file.uri);
                if (reason != null) {
                    skipped.add(new Skipped(file.uri, reason));
                } else if (source.kind() == InputFile.Kind.AUDIT || filter.accepts(file.uri)) {
                    files.add(file);
                }
            }
        }
        // a file named by two sources is read once; as audit input it keeps the cluster its source names
        files.sort(Comparator.comparing((InputFile f) -> f.uri)
                .thenComparing(f -> f.kind == InputFile.Kind.AUDIT ? 0 : 1));
        List<InputFile> distinct = new ArrayList<>();
        for (InputFile f : files) {
            if (distinct.isEmpty() || !distinct.get(distinct.size() - 1).uri.equals(f.uri)) {
                distinct.add(f);
            }
        }
        skipped.sort(Comparator.comparing(Skipped::path).thenComparing(Skipped::reason));
        return new Listing(List.copyOf(distinct), List.copyOf(new java.util.LinkedHashSet<>(skipped)));
    }

    /**
     * Why a file is set aside by its path alone. A hidden file that listing let through (asked for, or named on the
     * command line) is judged like its visible namesake, so that its dot alone does not set it aside.
     */
    private static String skipReason(String uri) {
        String path = uri;
        int slash = path.lastIndexOf('/');
        if (path.startsWith(".", slash + 1) && !uri.startsWith("s3://")) {
            path = path.substring(0, slash + 1) + path.substring(slash + 2);
        }
        return LogFileReader.skipReasonForPath(path);
    }

    /** A source named on the command line. */
    public record Source(String location, InputFile.Kind kind, String cluster) {

        /** Parses {@code [CLUSTER=]SRC}; a cluster is only taken where the text before '=' cannot be a path. */
        public static Source audit(String argument) {
            int eq = argument.indexOf('=');
            if (eq > 0 && !argument.substring(0, eq).contains("/") && !argument.startsWith("s3://")) {
                return new Source(argument.substring(eq + 1), InputFile.Kind.AUDIT, argument.substring(0, eq));
            }
            return new Source(argument, InputFile.Kind.AUDIT, null);
        }

        public static Source cloudTrail(String argument) {
            return new Source(argument, InputFile.Kind.CLOUDTRAIL, null);
        }
    }

    /** A source that does not exist or cannot be listed. */
    public static final class InputUnavailable extends RuntimeException {
        public InputUnavailable(String message) {
            super(message);
        }
    }

    private List<InputFile> listLocal(Source source, List<Skipped> skipped) {
        if (source.location().isBlank()) {
            // Path.of("") is the working directory: an empty argument must not read whatever is there
            throw new InputUnavailable("empty input path");
        }
        // absolute, because the files are opened by task managers whose working directory is not ours
        Path root = Path.of(source.location()).toAbsolutePath().normalize();
        LocalTree.Found found = LocalTree.walk(root, source.location(), includeHidden);
        skipped.addAll(found.skipped());
        return found.files().stream()
                .map(p -> new InputFile(p.toString(), sizeOf(p), source.kind(), source.cluster())
                        .modifiedAt(modifiedAt(p)))
                .toList();
    }

    private static long sizeOf(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return -1;
        }
    }

    private static long modifiedAt(Path p) {
        try {
            return Files.getLastModifiedTime(p).toMillis();
        } catch (IOException e) {
            return 0;
        }
    }

    private List<InputFile> listS3(Source source) {
        S3Location where;
        try {
            where = S3Location.parse(source.location());
        } catch (IllegalArgumentException e) {
            throw new InputUnavailable(e.getMessage());
        }
        List<InputFile> out = new ArrayList<>();
        try {
            if (source.kind() == InputFile.Kind.CLOUDTRAIL && !filter.prunesNothing()) {
                listCloudTrailPruned(where, source, out);
            } else {
                listAll(where.bucket(), where.key(), source, out, key -> true);
            }
            if (out.isEmpty() && !exists(where)) {
                throw new InputUnavailable("input not found: " + source.location());
            }
        } catch (NoSuchBucketException e) {
            throw new InputUnavailable("no such bucket: " + where.bucket());
        } catch (S3Exception e) {
            throw new InputUnavailable("cannot list " + source.location() + ": "
                    + e.awsErrorDetails().errorMessage());
        } catch (software.amazon.awssdk.core.exception.SdkClientException e) {
            throw new InputUnavailable(unreachable(source.location(), e));
        }
        return out;
    }

    /** One line that names the endpoint and says how long it was given, not the SDK's nested exception text. */
    private String unreachable(String location, software.amazon.awssdk.core.exception.SdkClientException e) {
        String why = e instanceof software.amazon.awssdk.core.exception.ApiCallTimeoutException
                        || e instanceof software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException
                        || e.getCause() instanceof java.net.SocketTimeoutException
                ? "no answer within " + S3Durations.format(s3Settings.timeout()) + " (--s3-timeout)"
                : e.getMessage();
        return "cannot reach S3 endpoint " + s3Settings.endpointName() + " to list " + location + ": " + why;
    }

    /** Walks {@code AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/} and lists only what the filter keeps. */
    private void listCloudTrailPruned(S3Location where, Source source, List<InputFile> out) {
        String base = where.key().isEmpty() || where.key().endsWith("/") ? where.key() : where.key() + "/";
        int at = base.indexOf("AWSLogs/");
        String awsLogs = at >= 0 ? base.substring(0, at + "AWSLogs/".length()) : base + "AWSLogs/";
        if (at >= 0 && base.length() > awsLogs.length()) {
            // the source points below AWSLogs/: no pruning above what the user chose, only under it
            listAll(where.bucket(), where.key(), source, out, filter::accepts);
            return;
        }
        for (String level : childPrefixes(where.bucket(), awsLogs)) {
            String name = lastSegment(level);
            List<String> accounts = name.startsWith("o-") ? childPrefixes(where.bucket(), level) : List.of(level);
            for (String accountPrefix : accounts) {
                if (!filter.acceptsAccount(lastSegment(accountPrefix))) {
                    continue;
                }
                for (String regionPrefix : childPrefixes(where.bucket(), accountPrefix + "CloudTrail/")) {
                    if (!filter.acceptsRegion(lastSegment(regionPrefix))) {
                        continue;
                    }
                    if (filter.from() == null || filter.to() == null) {
                        listAll(where.bucket(), regionPrefix, source, out, filter::accepts);
                        continue;
                    }
                    for (LocalDate day = filter.from(); !day.isAfter(filter.to().plusDays(1)); day = day.plusDays(1)) {
                        listAll(
                                where.bucket(),
                                regionPrefix
                                        + String.format(
                                                "%04d/%02d/%02d/",
                                                day.getYear(), day.getMonthValue(), day.getDayOfMonth()),
                                source,
                                out,
                                key -> true);
                    }
                }
            }
        }
    }

    private List<String> childPrefixes(String bucket, String prefix) {
        List<String> out = new ArrayList<>();
        s3().listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(bucket)
                        .prefix(prefix)
                        .delimiter("/")
                        .build())
                .forEach(page ->
                        page.commonPrefixes().stream().map(CommonPrefix::prefix).forEach(out::add));
        return out;
    }

    /**
     * Lists every key under {@code prefix}, one page (up to 1,000 keys) at a time as the paginator fetches it, and
     * keeps only those {@code keep} accepts: a page is filtered before the next is requested, so what is held is what
     * will be read, never the whole listing of the prefix.
     */
    private void listAll(String bucket, String prefix, Source source, List<InputFile> out, Predicate<String> keep) {
        s3().listObjectsV2Paginator(ListObjectsV2Request.builder()
                        .bucket(bucket)
                        .prefix(prefix)
                        .build())
                .forEach(page -> {
                    for (S3Object o : page.contents()) {
                        String uri = "s3://" + bucket + "/" + o.key();
                        if (!o.key().endsWith("/") && keep.test(uri)) {
                            out.add(new InputFile(uri, o.size(), source.kind(), source.cluster())
                                    .modifiedAt(
                                            o.lastModified() == null
                                                    ? 0
                                                    : o.lastModified().toEpochMilli()));
                        }
                    }
                });
    }

    private boolean exists(S3Location where) {
        return s3().listObjectsV2(ListObjectsV2Request.builder()
                                .bucket(where.bucket())
                                .prefix(where.key())
                                .maxKeys(1)
                                .build())
                        .keyCount()
                > 0;
    }

    private static String lastSegment(String prefix) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.substring(p.lastIndexOf('/') + 1);
    }

    private S3Client s3() {
        if (s3 == null) {
            s3 = s3Settings.client();
        }
        return s3;
    }
}
