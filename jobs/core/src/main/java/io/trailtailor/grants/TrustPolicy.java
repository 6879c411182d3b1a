package io.trailtailor.grants;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** A role's trust policy ({@code AssumeRolePolicyDocument}), URL-encoded or plain JSON on input. */
public record TrustPolicy(String version, List<TrustStatement> statements) {

    public TrustPolicy {
        statements = List.copyOf(statements);
    }

    public static TrustPolicy fromJson(String json) {
        return from(PolicyJson.document(PolicyJson.JSON.getNodeFactory().textNode(json)));
    }

    /** From a document node (object or URL-encoded text); null or missing gives an empty policy. */
    static TrustPolicy from(JsonNode node) {
        JsonNode doc = PolicyJson.document(node);
        if (doc == null) return new TrustPolicy(null, List.of());
        List<TrustStatement> out = new ArrayList<>();
        JsonNode st = doc.path("Statement");
        if (st.isObject()) out.add(TrustStatement.fromJson(st));
        else st.forEach(s -> out.add(TrustStatement.fromJson(s)));
        return new TrustPolicy(doc.path("Version").asText(null), out);
    }
}
