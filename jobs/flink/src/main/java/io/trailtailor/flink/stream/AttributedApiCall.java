package io.trailtailor.flink.stream;

import io.trailtailor.avro.ApiCallRow;
import io.trailtailor.avro.AttributedCallRow;
import java.util.Objects;

/**
 * A CloudTrail record together with who is behind it: what the attribution stage hands to the usage and policy
 * stage. A Flink POJO whose two fields are Avro records (serialized by Flink's Avro serializer, not Kryo).
 */
public class AttributedApiCall {

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
