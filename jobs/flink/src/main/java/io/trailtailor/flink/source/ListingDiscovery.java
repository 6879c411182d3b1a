package io.trailtailor.flink.source;

import io.trailtailor.event.CloudTrailKey;
import io.trailtailor.event.KeyFilter;
import io.trailtailor.flink.input.InputFile;
import io.trailtailor.flink.input.InputLister;
import io.trailtailor.flink.input.S3Settings;
import io.trailtailor.flink.options.AnalyzeOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;

/**
 * Finds new log files by listing the command line's local directories and {@code s3://} prefixes again at every poll
 * ({@link InputLister}, with {@code --accounts/--regions/--from/--to}), remembering only a bounded amount.
 *
 * <p><b>What it remembers.</b> Files fall into partitions: a CloudTrail-layout file
 * ({@code AWSLogs/[o-org/]<account>/CloudTrail/<region>/YYYY/MM/DD/}) into its source's account and region, timed by
 * its delivery day; every other file into one partition, timed by its modification time. Per partition it keeps a
 * high-water mark (the newest time returned) and the names of the files returned whose time lies within the
 * partition's window below that mark: {@link #LAYOUT_WINDOW} (two delivery days) for the layout, the
 * {@code recentWindow} given for the rest. A file older than its partition's window is taken as one already returned
 * and is not read again. So the state is bounded by the number of partitions (trails × accounts × regions, plus one) plus the
 * files delivered within one window, plus the files seen still being written; never by every path ever seen.
 * In the layout, listing is pruned to the days from two before the oldest mark on, not the whole trail.
 *
 * <p><b>What it does not return yet.</b> Hidden and temporary names ({@link InProgressNames}); a local file until
 * its size is the same at two polls in a row (one still being written grows between them). S3 objects appear whole,
 * so they are returned at the first poll that lists them.
 *
 * <p>The limit of the bound: a file that appears with a time already older than its partition's window (a local
 * file copied with its original modification time, an S3 object delivered days late into an old day) is not read:
 * with bounded state it cannot be told from one already read. Choose {@code recentWindow} longer than any writer's delay.
 */
public final class ListingDiscovery implements FileDiscovery {

    private static final long serialVersionUID = 1L;
    private static final int STATE_VERSION = 1;

    /** The delivery days kept below a layout partition's newest: CloudTrail delivers up to a day late. */
    public static final Duration LAYOUT_WINDOW = Duration.ofDays(2);

    public static final Duration DEFAULT_RECENT_WINDOW = Duration.ofHours(1);

    private final List<String> locations;
    private final List<InputFile.Kind> kinds;
    private final List<String> clusters;
    private final LocalDate from;
    private final LocalDate to;
    private final Set<String> accounts;
    private final Set<String> regions;
    private final S3Settings s3Settings;
    private final boolean includeHidden;
    private final long recentWindowMillis;

    /** Per partition, the newest time returned (epoch millis). */
    private final Map<String, Long> highWater = new HashMap<>();
    /** Files returned within their partition's window: URI to time. */
    private final Map<String, Long> recent = new HashMap<>();
    /** Local files seen but not yet returned: URI to the size at the last poll. */
    private final Map<String, Long> unsettled = new HashMap<>();

    private transient InputLister lister;
    private transient KeyFilter listerFilter;

    public ListingDiscovery(
            List<InputLister.Source> sources,
            KeyFilter filter,
            S3Settings s3Settings,
            boolean includeHidden,
            Duration recentWindow) {
        this.locations = sources.stream().map(InputLister.Source::location).toList();
        this.kinds = sources.stream().map(InputLister.Source::kind).toList();
        this.clusters = new ArrayList<>();
        sources.forEach(s -> clusters.add(s.cluster()));
        this.from = filter.from();
        this.to = filter.to();
        this.accounts = new HashSet<>(filter.accounts());
        this.regions = new HashSet<>(filter.regions());
        this.s3Settings = s3Settings == null ? S3Settings.defaults() : s3Settings;
        this.includeHidden = includeHidden;
        if (recentWindow.isNegative() || recentWindow.isZero()) {
            throw new IllegalArgumentException("the recent window must be positive, not " + recentWindow);
        }
        this.recentWindowMillis = recentWindow.toMillis();
    }

    /** The inputs {@code analyze} would read ({@code --cloudtrail}, {@code --k8s-audit} and their filters). */
    public static ListingDiscovery of(AnalyzeOptions options, Duration recentWindow) {
        List<InputLister.Source> sources = new ArrayList<>();
        options.cloudTrail().forEach(s -> sources.add(InputLister.Source.cloudTrail(s)));
        options.k8sAudit().forEach(s -> sources.add(InputLister.Source.audit(s)));
        return new ListingDiscovery(sources, options.keyFilter(), options.s3(), options.includeHidden(), recentWindow);
    }

    public static ListingDiscovery of(AnalyzeOptions options) {
        return of(options, DEFAULT_RECENT_WINDOW);
    }

    @Override
    public List<InputFile> poll() throws IOException {
        InputLister.Listing listing;
        try {
            listing = lister().list(sources());
        } catch (InputLister.InputUnavailable e) {
            throw new IOException(e.getMessage(), e);
        }
        List<InputFile> found = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        // marks move only after the whole listing: files of one poll are judged against the same marks
        Map<String, Long> newMarks = new HashMap<>();
        for (InputFile file : listing.files()) {
            listed.add(file.uri);
            if (InProgressNames.isInProgress(file.uri) || recent.containsKey(file.uri)) {
                continue;
            }
            String partition = partition(file);
            long time = time(file);
            Long mark = highWater.get(partition);
            if (mark != null && time < mark - window(partition)) {
                continue; // returned before and forgotten, or (the documented limit) appeared too late
            }
            if (!file.isS3() && !Long.valueOf(file.size).equals(unsettled.put(file.uri, file.size))) {
                continue; // first sighting, or still growing: wait for the next poll
            }
            unsettled.remove(file.uri);
            found.add(file);
            recent.put(file.uri, time);
            newMarks.merge(partition, time, Math::max);
        }
        newMarks.forEach((partition, time) -> highWater.merge(partition, time, Math::max));
        unsettled.keySet().retainAll(listed); // renamed or deleted before it settled
        recent.entrySet().removeIf(e -> {
            String partition = partitionOf(e.getKey());
            return e.getValue() < highWater.getOrDefault(partition, Long.MIN_VALUE) - window(partition);
        });
        return found;
    }

    /** The sources, rebuilt from their serializable parts. */
    private List<InputLister.Source> sources() {
        List<InputLister.Source> sources = new ArrayList<>();
        for (int i = 0; i < locations.size(); i++) {
            sources.add(new InputLister.Source(locations.get(i), kinds.get(i), clusters.get(i)));
        }
        return sources;
    }

    /**
     * A lister whose filter starts two days before the oldest layout mark, so each poll lists the recent delivery
     * days of a trail rather than all of them; made again only when that day moves.
     */
    private InputLister lister() {
        LocalDate listFrom = from;
        Optional<Long> oldest = highWater.entrySet().stream()
                .filter(e -> isLayout(e.getKey()))
                .map(Map.Entry::getValue)
                .min(Long::compare);
        if (oldest.isPresent()) {
            LocalDate day = LocalDate.ofEpochDay(
                            Math.floorDiv(oldest.get(), Duration.ofDays(1).toMillis()))
                    .minusDays(LAYOUT_WINDOW.toDays());
            listFrom = listFrom == null || day.isAfter(listFrom) ? day : listFrom;
        }
        LocalDate listTo = to != null || listFrom == null
                ? to
                : LocalDate.now(ZoneOffset.UTC).plusDays(1);
        KeyFilter filter = new KeyFilter(listFrom, listTo, accounts, regions);
        if (lister == null || !filter.equals(listerFilter)) {
            lister = new InputLister(filter, s3Settings, includeHidden);
            listerFilter = filter;
        }
        return lister;
    }

    /**
     * A layout file's partition is its trail (the URI up to {@code AWSLogs/}), account and region; every other file
     * shares one, timed by modification time, so the marks are few whatever the directories look like.
     */
    private static String partitionOf(String uri) {
        Optional<CloudTrailKey> key = CloudTrailKey.parse(uri);
        int at = uri.indexOf("AWSLogs/");
        if (key.isPresent() && at >= 0) {
            return "L|" + uri.substring(0, at) + "|" + key.get().account() + "|"
                    + key.get().region();
        }
        return "M";
    }

    private static String partition(InputFile file) {
        return partitionOf(file.uri);
    }

    private static boolean isLayout(String partition) {
        return partition.startsWith("L");
    }

    private long window(String partition) {
        return isLayout(partition) ? LAYOUT_WINDOW.toMillis() : recentWindowMillis;
    }

    private static long time(InputFile file) {
        return CloudTrailKey.parse(file.uri)
                .map(k -> k.deliveryDate().toEpochDay() * Duration.ofDays(1).toMillis())
                .orElse(file.lastModified);
    }

    /** How many entries the state holds (marks, recent names, unsettled files): what the bound is about. */
    public int stateEntries() {
        return highWater.size() + recent.size() + unsettled.size();
    }

    @Override
    public byte[] snapshot(long checkpointId) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(4096);
        out.writeInt(STATE_VERSION);
        for (Map<String, Long> map : List.of(highWater, recent, unsettled)) {
            out.writeInt(map.size());
            for (Map.Entry<String, Long> e : map.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue());
            }
        }
        return out.getCopyOfBuffer();
    }

    @Override
    public void restore(byte[] state) throws IOException {
        DataInputDeserializer in = new DataInputDeserializer(state);
        int version = in.readInt();
        if (version != STATE_VERSION) {
            throw new IOException("unknown listing discovery state version " + version);
        }
        for (Map<String, Long> map : List.of(highWater, recent, unsettled)) {
            map.clear();
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                map.put(in.readUTF(), in.readLong());
            }
        }
    }
}
