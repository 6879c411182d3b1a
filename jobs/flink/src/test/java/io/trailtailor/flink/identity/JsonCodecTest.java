package io.trailtailor.flink.identity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.trailtailor.identity.PodCredentialKind;
import io.trailtailor.identity.PodLifetime;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JsonCodecTest {

    private static PodLifetime pod(String name) {
        return new PodLifetime(
                "prod",
                "payments",
                name,
                "uid-" + name,
                "api",
                "ip-10-0-1-5.ec2.internal",
                "10.0.1.7",
                Instant.parse("2026-11-01T10:00:00Z"),
                null,
                PodCredentialKind.IRSA,
                "arn:aws:iam::111122223333:role/api");
    }

    @Test
    void immutableRecordsAreDecodedOncePerText() {
        String json = JsonCodec.write(pod("api-1"));
        PodLifetime first = JsonCodec.read(json, PodLifetime.class);
        assertEquals(pod("api-1"), first);
        assertSame(first, JsonCodec.read(new String(json.toCharArray()), PodLifetime.class));
    }

    @Test
    void mutableValuesAreDecodedEveryTime() {
        String json = JsonCodec.write(new String[] {"prod", "i-0abc"});
        String[] first = JsonCodec.read(json, String[].class);
        assertArrayEquals(new String[] {"prod", "i-0abc"}, first);
        assertNotSame(first, JsonCodec.read(json, String[].class));
    }

    @Test
    void theLeastRecentlyUsedValueIsDecodedAgainOnceTheCacheIsFull() {
        String kept = JsonCodec.write(pod("kept"));
        String evicted = JsonCodec.write(pod("evicted"));
        PodLifetime evictedFirst = JsonCodec.read(evicted, PodLifetime.class);
        PodLifetime keptFirst = JsonCodec.read(kept, PodLifetime.class);
        for (int i = 0; i < JsonCodec.DECODED_PER_TYPE - 1; i++) {
            JsonCodec.read(JsonCodec.write(pod("filler-" + i)), PodLifetime.class);
            JsonCodec.read(kept, PodLifetime.class); // used again: stays
        }
        JsonCodec.read(JsonCodec.write(pod("one-more")), PodLifetime.class);
        assertSame(keptFirst, JsonCodec.read(kept, PodLifetime.class));
        PodLifetime evictedAgain = JsonCodec.read(evicted, PodLifetime.class);
        assertNotSame(evictedFirst, evictedAgain);
        assertEquals(evictedFirst, evictedAgain);
    }
}
