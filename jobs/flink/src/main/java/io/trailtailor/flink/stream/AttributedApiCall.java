package io.trailtailor.flink.stream;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AttributedCallRow;
import io.trailtailor.flink.avro.SharedRowsPojo;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;

/**
 * A CloudTrail record together with who is behind it: what the attribution stage hands to the usage and policy
 * stage. A Flink POJO whose two fields are Avro records (serialized by Flink's Avro serializer, not Kryo).
 */
@TypeInfo(AttributedApiCall.Type.class)
public class AttributedApiCall {

    /** Its Flink type: its rows shared, not deep-copied, between chained operators. */
    public static final class Type extends SharedRowsPojo<AttributedApiCall> {
        public Type() {
            super(AttributedApiCall.class);
        }
    }

    public ApiCallRow call;
    public AttributedCallRow attribution;

    public AttributedApiCall() {}

    public AttributedApiCall(ApiCallRow call, AttributedCallRow attribution) {
        this.call = call;
        this.attribution = attribution;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AttributedApiCall a
                && Objects.equals(call, a.call)
                && Objects.equals(attribution, a.attribution);
    }

    @Override
    public int hashCode() {
        return Objects.hash(call, attribution);
    }
}
