package io.trailtailor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The ARN cache of {@link LoadedIamCatalog}: the same answers as matching afresh, from any thread, and bounded. */
class ResourceTypesForArnCacheTest {

    private static LoadedIamCatalog fresh() {
        return (LoadedIamCatalog)
                IamCatalog.load(IamCatalog.class.getClassLoader().getResourceAsStream(IamCatalog.DEFAULT_RESOURCE));
    }

    private static final List<String> ARNS = List.of(
            "arn:aws:s3:::b/k/x.txt",
            "arn:aws:s3:::b",
            "arn:aws:iam::111122223333:role/path/r",
            "arn:aws-cn:dynamodb:cn-north-1:111122223333:table/t/index/i",
            "arn:aws:eks:us-east-1:111122223333:cluster/prod",
            "arn:aws:lambda:us-east-1:111122223333:function:f:1",
            "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
            "arn:aws:nosuchservice:us-east-1:111122223333:thing/x");

    @Test
    void answersFromTheCacheAsTheFirstMatchDid() {
        LoadedIamCatalog cached = fresh();
        List<List<String>> first = new ArrayList<>();
        for (String arn : ARNS) {
            first.add(names(cached.resourceTypesForArn(arn)));
        }
        assertThat(cached.cachedArns()).isEqualTo(ARNS.size());
        for (int i = 0; i < ARNS.size(); i++) {
            assertThat(names(cached.resourceTypesForArn(ARNS.get(i)))).isEqualTo(first.get(i));
        }
        assertThat(first.get(0)).first().isEqualTo("s3:object");
        assertThat(first.get(2)).first().isEqualTo("iam:role"); // the owning service first
        assertThat(first.get(7)).isEmpty();
    }

    @Test
    void givesEveryThreadTheSameAnswers() throws Exception {
        LoadedIamCatalog shared = fresh();
        List<List<String>> expected = new ArrayList<>();
        LoadedIamCatalog reference = fresh();
        for (String arn : ARNS) {
            expected.add(names(reference.resourceTypesForArn(arn)));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<List<String>>>> answers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                answers.add(pool.submit(() -> {
                    List<List<String>> got = new ArrayList<>();
                    for (int round = 0; round < 50; round++) {
                        got.clear();
                        for (String arn : ARNS) {
                            got.add(names(shared.resourceTypesForArn(arn)));
                        }
                    }
                    return got;
                }));
            }
            for (Future<List<List<String>>> answer : answers) {
                assertThat(answer.get()).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void staysWithinItsBoundOverOneOffArns() {
        LoadedIamCatalog catalog = fresh();
        for (int i = 0; i < LoadedIamCatalog.ARN_CACHE_LIMIT + 100; i++) {
            assertThat(catalog.resourceTypesForArn("arn:aws:s3:::bucket/object-" + i))
                    .hasSize(1);
        }
        assertThat(catalog.cachedArns()).isBetween(1, LoadedIamCatalog.ARN_CACHE_LIMIT);
        assertThat(names(catalog.resourceTypesForArn("arn:aws:s3:::b/k/x.txt"))).containsExactly("s3:object");
    }

    private static List<String> names(List<ResourceTypeInfo> types) {
        return types.stream().map(t -> t.service() + ":" + t.name()).toList();
    }
}
