package io.trailtailor.flink.identity;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * A {@link KeyedEnrichment} whose small side is pod lifetimes (keyed JSON): a pod is kept until its deletion plus
 * the retention, and a newer lifetime of the same pod (its history grew) replaces the kept one.
 */
abstract class PodEnrichment<B, O> extends KeyedEnrichment<String, Tuple2<String, String>, B, O> {

    PodEnrichment(TypeInformation<B> bigType, long waitMillis, long retainMillis) {
        super(Keyed.KEYED_JSON, bigType, waitMillis, retainMillis);
    }

    @Override
    protected final long endOf(Tuple2<String, String> pod) {
        return Pods.endOf(pod.f1);
    }

    @Override
    protected final boolean hasIdentity() {
        return true;
    }

    @Override
    protected final String identityOf(Tuple2<String, String> pod) {
        return Pods.identityOf(pod.f1);
    }
}
