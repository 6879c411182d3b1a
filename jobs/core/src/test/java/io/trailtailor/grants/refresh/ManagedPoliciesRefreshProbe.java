package io.trailtailor.grants.refresh;

import java.io.IOException;
import java.nio.file.Path;

/** Test access to the package-private generator from the grants test package. */
public final class ManagedPoliciesRefreshProbe {

    /** The generated gzip bytes and stamp text. */
    public record Output(byte[] gzip, String properties) {}

    private ManagedPoliciesRefreshProbe() {}

    public static Output run(Path packageDir, String sha, String publishedAt) throws IOException {
        ManagedPoliciesRefresh.Result r = ManagedPoliciesRefresh.generate(packageDir, sha, publishedAt);
        return new Output(r.gzip(), r.properties());
    }
}
