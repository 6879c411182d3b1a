package io.trailtailor.flink.input;

import static org.assertj.core.api.Assertions.assertThat;

import io.trailtailor.event.KeyFilter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;

/**
 * Listing an organization trail at scale: 200 accounts, the 17 default regions, 90 days. Three accounts have one
 * object a day in every region; the others one object per region, on the last day. Every LIST call the lister
 * sends is counted (an SDK interceptor on its client) and {@code --accounts/--regions/--from/--to} must list exactly
 * the prefixes they name.
 */
class OrganizationTrailListingITCase {

    static final String ORG = "AWSLogs/o-a1b2c3d4e5/";
    static final List<String> REGIONS = List.of(
            "us-east-1",
            "us-east-2",
            "us-west-1",
            "us-west-2",
            "ca-central-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "eu-central-1",
            "eu-north-1",
            "ap-south-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-northeast-3",
            "ap-southeast-1",
            "ap-southeast-2",
            "sa-east-1");
    static final int ACCOUNTS = 200;
    static final LocalDate LAST = LocalDate.parse("2026-11-15");
    static final int DAYS = 90;

    @TempDir
    static Path dir;

    static LoopbackS3 s3;

    /** The prefix of every LIST call, in order. */
    static final List<String> LISTED = Collections.synchronizedList(new ArrayList<>());

    static S3Client counting;

    @BeforeAll
    static void writeTheTrail() throws Exception {
        s3 = new LoopbackS3(dir.resolve("s3"));
        s3.createBucket("org-trail");
        // the filesystem store serves files written under its bucket directory: far faster than 8,000 PUTs
        Path bucket = dir.resolve("s3").resolve("org-trail");
        byte[] body = "{\"Records\":[]}".getBytes(StandardCharsets.UTF_8);
        for (int a = 0; a < ACCOUNTS; a++) {
            String account = account(a);
            for (String region : REGIONS) {
                for (int d = a < 3 ? DAYS - 1 : 0; d >= 0; d--) {
                    LocalDate day = LAST.minusDays(d);
                    String key = ORG + account + "/CloudTrail/" + region + "/" + path(day) + account + "_CloudTrail_"
                            + region + "_" + day.toString().replace("-", "") + "T0000Z_x.json.gz";
                    Path file = bucket.resolve(key);
                    Files.createDirectories(file.getParent());
                    Files.write(file, body);
                }
            }
        }
        S3Settings settings = s3.settings();
        counting = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(settings.region()))
                .endpointOverride(URI.create(settings.endpoint()))
                .forcePathStyle(true)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.testAccessKey(), settings.testSecretKey())))
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof ListObjectsV2Request list) {
                            LISTED.add(list.prefix());
                        }
                    }
                }))
                .build();
    }

    @AfterAll
    static void stop() throws Exception {
        counting.close();
        s3.close();
    }

    static String account(int i) {
        return String.format("%012d", 100_000_000_000L + i);
    }

    static String path(LocalDate day) {
        return String.format("%04d/%02d/%02d/", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
    }

    static Stream<Arguments> filters() {
        String dense = account(0);
        String sparse = account(150);
        return Stream.of(
                // AWSLogs/, the org, each account's CloudTrail/, then one call per region and day (to + 1)
                Arguments.of(
                        "two accounts, two regions, two days",
                        new KeyFilter(
                                LocalDate.parse("2026-11-13"),
                                LocalDate.parse("2026-11-14"),
                                Set.of(dense, sparse),
                                Set.of("us-east-1", "eu-west-1")),
                        2 + 2 + 2 * 2 * 3,
                        3 * 2 + 2),
                Arguments.of(
                        "every account, one region, one day",
                        new KeyFilter(LAST, LAST, Set.of(), Set.of("us-east-1")),
                        2 + ACCOUNTS + ACCOUNTS * 2,
                        ACCOUNTS),
                // no dates: each region is listed whole, one page of 90 keys
                Arguments.of(
                        "one account, every region, no dates",
                        new KeyFilter(null, null, Set.of(dense), Set.of()),
                        2 + 1 + REGIONS.size(),
                        REGIONS.size() * DAYS),
                Arguments.of(
                        "one account, one region, the whole 90 days",
                        new KeyFilter(LAST.minusDays(DAYS - 1), LAST, Set.of(dense), Set.of("sa-east-1")),
                        2 + 1 + (DAYS + 1),
                        DAYS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("filters")
    void listsOnlyThePrefixesTheFilterNames(String name, KeyFilter filter, int listCalls, int files) {
        LISTED.clear();
        long started = System.nanoTime();

        InputLister.Listing listing = new InputLister(filter, s3.settings(), false, counting)
                .list(List.of(InputLister.Source.cloudTrail("s3://org-trail/")));

        long millis = (System.nanoTime() - started) / 1_000_000;
        System.out.printf(
                "%s: %d LIST calls, %d files, %d ms%n",
                name, LISTED.size(), listing.files().size(), millis);
        assertThat(LISTED).hasSize(listCalls);
        assertThat(listing.files()).hasSize(files);
        assertThat(LISTED.subList(0, 2)).containsExactly("AWSLogs/", ORG);
        for (String prefix : LISTED.subList(2, LISTED.size())) {
            String account = prefix.substring(ORG.length(), ORG.length() + 12);
            assertThat(filter.acceptsAccount(account)).as(prefix).isTrue();
            String rest = prefix.substring(ORG.length() + 12);
            if (!rest.equals("/CloudTrail/")) {
                String region = rest.substring("/CloudTrail/".length()).split("/")[0];
                assertThat(filter.acceptsRegion(region)).as(prefix).isTrue();
            }
        }
        assertThat(listing.files()).allMatch(f -> filter.accepts(f.uri));
    }
}
