package io.trailtailor.flink.identity;

import io.trailtailor.avro.ApiCallRow;
import java.util.Objects;

/**
 * One record of the call join's keyed input: a session (JSON of {@link SessionWithPods}, kept for its key)
 * or a call made with it. A Flink POJO; exactly one field is set.
 */
public class SessionOrCall {

    public String session;
    public ApiCallRow call;

    public SessionOrCall() {}

    static SessionOrCall session(String json) {
        SessionOrCall s = new SessionOrCall();
        s.session = json;
        return s;
    }

    static SessionOrCall call(ApiCallRow call) {
        SessionOrCall s = new SessionOrCall();
        s.call = call;
        return s;
    }

    String key() {
        return session != null
                ? JsonCodec.read(session, SessionWithPods.class).session().accessKeyId()
                : AttributionStage.sessionKey(call);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SessionOrCall s && Objects.equals(session, s.session) && Objects.equals(call, s.call);
    }

    @Override
    public int hashCode() {
        return Objects.hash(session, call);
    }
}
