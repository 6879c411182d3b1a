package io.trailtailor.flink.identity;

import io.trailtailor.avro.ApiCallRow;
import java.util.Objects;

/**
 * A call on its way to the pods that can have made it: with an instance-profile session, via the node it came from;
 * with a session inferred in the call join, via the pods of its scope. A Flink POJO: the call is Avro, session and
 * node (null unless known) are JSON of the core records.
 */
public class NodeCall {

    public ApiCallRow call;
    public String session;
    public String node;

    public NodeCall() {}

    NodeCall(ApiCallRow call, String session, String node) {
        this.call = call;
        this.session = session;
        this.node = node;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeCall n
                && Objects.equals(call, n.call)
                && Objects.equals(session, n.session)
                && Objects.equals(node, n.node);
    }

    @Override
    public int hashCode() {
        return Objects.hash(call, session, node);
    }
}
