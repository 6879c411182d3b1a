package io.trailtailor.flink.input;

import java.io.Serializable;
import java.util.Objects;

/**
 * One log file to read: a local path or an {@code s3://} URI, with what the command line said about it. A Flink POJO
 * (public fields, no-arg constructor) so it travels between operators without Kryo; serializable because sources
 * and discoveries carry files in the job graph.
 */
public class InputFile implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Which argument named the file: it decides which counters the file adds to. */
    public enum Kind {
        CLOUDTRAIL,
        AUDIT
    }

    public String uri;
    public long size;
    public Kind kind;
    /** The cluster named by {@code --k8s-audit CLUSTER=SRC}, or null. */
    public String cluster;
    /**
     * When the file was last written (epoch millis; 0 when unknown). Not part of the file's identity: continuous
     * discovery uses it to bound what it remembers.
     */
    public long lastModified;

    public InputFile() {}

    public InputFile(String uri, long size, Kind kind, String cluster) {
        this.uri = uri;
        this.size = size;
        this.kind = kind;
        this.cluster = cluster;
    }

    /** This file with its modification time set. */
    public InputFile modifiedAt(long epochMillis) {
        this.lastModified = epochMillis;
        return this;
    }

    public boolean isS3() {
        return uri.startsWith("s3://");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof InputFile f
                && size == f.size
                && Objects.equals(uri, f.uri)
                && kind == f.kind
                && Objects.equals(cluster, f.cluster);
    }

    @Override
    public int hashCode() {
        return Objects.hash(uri, size, kind, cluster);
    }

    @Override
    public String toString() {
        return uri;
    }
}
