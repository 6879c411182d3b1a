package io.trailtailor.flink.identity;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.tuple.Tuple2;

/**
 * The record shape most attribution streams share: (key, JSON of a core record). Joins no longer depend on the
 * order Flink delivers their inputs in ({@link KeyedEnrichment}), so records keep their own event time.
 */
final class Keyed {

    static final TypeInformation<Tuple2<String, String>> KEYED_JSON = Types.TUPLE(Types.STRING, Types.STRING);

    private Keyed() {}
}
