package io.trailtailor.flink.identity;

import io.trailtailor.identity.PodLifetime;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.java.tuple.Tuple2;

/** What the joins keeping pod lifetimes (JSON) need of one: its end, its identity, the decoded list. */
final class Pods {

    private Pods() {}

    /** A pod is kept until it was deleted (plus the join's retention); a running one is kept. */
    static long endOf(String json) {
        return EventTimes.millis(JsonCodec.read(json, PodLifetime.class).end());
    }

    /** A lifetime is its uid (re-emitted as the pod's history grows); one without uid is itself. */
    static String identityOf(String json) {
        PodLifetime p = JsonCodec.read(json, PodLifetime.class);
        return p.uid() == null ? json : "uid|" + p.uid() + "|" + p.cluster() + "|" + p.namespace() + "|" + p.name();
    }

    static List<PodLifetime> decode(List<Tuple2<String, String>> keyed) {
        List<PodLifetime> pods = new ArrayList<>(keyed.size());
        for (Tuple2<String, String> t : keyed) {
            pods.add(JsonCodec.read(t.f1, PodLifetime.class));
        }
        return pods;
    }
}
