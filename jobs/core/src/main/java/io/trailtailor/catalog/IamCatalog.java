package io.trailtailor.catalog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The IAM action catalog: every service prefix, action, access level, resource type with its ARN template, condition
 * key and dependent action, at one pinned data version. Lookups are case-insensitive and return canonical spellings.
 * Load it once and pass it to whoever needs it; instances are immutable and thread-safe.
 */
public interface IamCatalog {

    /** The classpath resource the refresh tool writes. */
    String DEFAULT_RESOURCE = "iam/iam-catalog.json.gz";

    /** The committed catalog, parsed on first use and shared afterwards. */
    static IamCatalog loadDefault() {
        return DefaultCatalogHolder.INSTANCE;
    }

    /** Parses a gzip-compressed catalog in the refresh tool's format. */
    static IamCatalog load(InputStream gzJson) {
        try {
            return CatalogReader.read(gzJson);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read IAM catalog", e);
        }
    }

    CatalogStamp stamp();

    /** Sorted, lowercase service prefixes. */
    Set<String> servicePrefixes();

    Optional<ServiceInfo> service(String prefix);

    /** {@code "eks:createaddon"} → canonical {@code eks:CreateAddon}. */
    Optional<ActionInfo> action(String qualified);

    Optional<ActionInfo> action(String prefix, String name);

    boolean exists(String qualifiedAction);

    /** All actions of a service, sorted by name; empty for an unknown prefix. */
    List<ActionInfo> actions(String prefix);

    /**
     * Actions matching an IAM action pattern: {@code *} any run of characters (also empty), {@code ?} exactly one,
     * case-insensitive, service part literal. A pattern made only of asterisks matches every action of every service.
     * Unknown services give an empty list; a pattern without exactly one ':' is rejected. Sorted by qualified name.
     */
    List<ActionInfo> expand(String pattern);

    /** Every action matching none of the patterns (what a {@code NotAction} element grants). */
    List<ActionInfo> invert(Collection<String> patterns);

    Optional<ResourceTypeInfo> resourceType(String prefix, String name);

    /**
     * The resource types whose ARN template matches the ARN, most specific first and only the most specific: for
     * {@code arn:aws:s3:::b/k} that is {@code s3:object}, not {@code s3:bucket}. Several entries mean equally specific
     * templates of several services (e.g. {@code iam:role} and {@code sts:role}, or {@code s3:bucket} and
     * {@code ssm:bucket}); the service named in the ARN comes first.
     */
    List<ResourceTypeInfo> resourceTypesForArn(String arn);

    /** A global ({@code aws:SourceIp}) or service condition key; {@code ${TagKey}}-style placeholders match one segment. */
    Optional<ConditionKeyInfo> conditionKey(String key);
}

/** Lazy holder: the default catalog is parsed once, on first use, by whichever thread gets there first. */
final class DefaultCatalogHolder {
    static final IamCatalog INSTANCE = loadResource();

    private DefaultCatalogHolder() {}

    private static IamCatalog loadResource() {
        try (InputStream in = IamCatalog.class.getClassLoader().getResourceAsStream(IamCatalog.DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "IAM catalog resource missing from classpath: " + IamCatalog.DEFAULT_RESOURCE);
            }
            return IamCatalog.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
