package io.trailtailor.findings.workload;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.trailtailor.grants.WebIdentityTrust;
import java.util.Collection;
import java.util.TreeSet;

/**
 * The IRSA trust policy the workload-identity rules propose: {@code StringEquals} on {@code <issuer>:sub} listing
 * exactly the given service-account subjects, and {@code <issuer>:aud} = {@code sts.amazonaws.com} (EKS User Guide,
 * "Assign IAM roles to Kubernetes service accounts").
 */
final class IrsaTrustPatch {

    private static final ObjectMapper JSON = new ObjectMapper();

    private IrsaTrustPatch() {}

    static String render(String providerArn, String issuer, Collection<String> subjects) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("Version", "2012-10-17");
        ObjectNode s = doc.putArray("Statement").addObject();
        s.put("Effect", "Allow");
        s.putObject("Principal").put("Federated", providerArn);
        s.put("Action", WebIdentityTrust.ACTION);
        ObjectNode eq = s.putObject("Condition").putObject("StringEquals");
        ArrayNode sub = eq.putArray(issuer + ":sub");
        new TreeSet<>(subjects).forEach(sub::add);
        eq.put(issuer + ":aud", WebIdentityTrust.STS_AUDIENCE);
        return doc.toPrettyString();
    }
}
