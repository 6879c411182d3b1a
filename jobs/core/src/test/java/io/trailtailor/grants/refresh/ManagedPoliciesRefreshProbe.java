package io.trailtailor.grants.refresh;

import java.io.IOException;
import java.nio.file.Path;

/** Test access to the package-private generator from the grants test package. */
public final class ManagedPoliciesRefreshProbe {

    /** The generated gzip bytes and stamp text. */
    public static final class Output {
        private final byte[] gzip;
        private final String properties;

        Output(byte[] gzip, String properties) {
            this.gzip = gzip;
            this.properties = properties;
        }

        public byte[] gzip() {
            return gzip.clone();
        }

        public String properties() {
            return properties;
        }
    }

    private ManagedPoliciesRefreshProbe() {}

    public static Output run(Path packageDir, String sha, String publishedAt) throws IOException {
        ManagedPoliciesRefresh.Result r = ManagedPoliciesRefresh.generate(packageDir, sha, publishedAt);
        return new Output(r.gzip(), r.properties());
    }
}
