package io.trailtailor.flink.source;

import java.util.List;
import java.util.Locale;

/**
 * Names that writers give a file while it is still being written (and rename when it is complete): a continuous
 * source never reads them, it waits for the final name. Hidden names ({@code .name.XXXXXX}, rsync's and many
 * uploaders' temporaries) count too.
 */
final class InProgressNames {

    private static final List<String> SUFFIXES = List.of(
            ".tmp",
            ".temp",
            ".part",
            ".partial",
            ".filepart",
            ".inprogress",
            ".in-progress",
            ".crdownload",
            ".download",
            ".copying",
            ".uploading",
            "~");

    private InProgressNames() {}

    static boolean isInProgress(String uri) {
        String name = uri.substring(uri.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.startsWith(".") || name.contains("_copying_") || name.startsWith("_tmp") || name.startsWith("tmp.")) {
            return true;
        }
        return SUFFIXES.stream().anyMatch(name::endsWith);
    }
}
