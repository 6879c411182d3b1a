package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Role;
import io.trailtailor.synthetic.Model.Session;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** The {@code userIdentity} of calls signed with a session: IAM user, root, or an assumed role with its issuer. */
final class CloudTrailIdentityWriter {
    private final long start;
    private final JsonFactory jf = new JsonFactory();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(1024);

    /** @param start the window start; root's console sign-in is dated shortly before it */
    CloudTrailIdentityWriter(long start) {
        this.start = start;
    }

    /** The identity JSON of {@code s}, serialized once per session: every call it signs carries the same. */
    String json(Session s) throws IOException {
        if (s.identityJson == null) {
            buf.reset();
            try (JsonGenerator g = jf.createGenerator(buf)) {
                identity(g, s);
            }
            s.identityJson = buf.toString(StandardCharsets.UTF_8);
        }
        return s.identityJson;
    }

    void identity(JsonGenerator g, Session s) throws IOException {
        switch (s.mechanism) {
            case IAM_USER -> {
                startUser(g, "IAMUser", s);
                g.writeStringField("userName", s.userName);
                g.writeEndObject();
            }
            case ROOT -> {
                startUser(g, "Root", s);
                g.writeObjectFieldStart("sessionContext");
                g.writeObjectFieldStart("attributes");
                g.writeStringField("creationDate", Times.isoSeconds(start - 20 * Times.MINUTE));
                g.writeStringField("mfaAuthenticated", "true");
                g.writeEndObject();
                g.writeEndObject();
                g.writeEndObject();
            }
            default -> roleIdentity(g, s);
        }
    }

    /** The fields an IAM user and root share: a long-term key of a principal with an ARN of its own. */
    private static void startUser(JsonGenerator g, String type, Session s) throws IOException {
        g.writeStartObject();
        g.writeStringField("type", type);
        g.writeStringField("principalId", s.principalId);
        g.writeStringField("arn", s.userArn);
        g.writeStringField("accountId", s.accountId());
        g.writeStringField("accessKeyId", s.accessKeyId);
    }

    /** An AssumedRole identity: the session, the role that issued it, web-identity federation if any. */
    static void roleIdentity(JsonGenerator g, Session s) throws IOException {
        Role role = s.role;
        g.writeStartObject();
        g.writeStringField("type", "AssumedRole");
        g.writeStringField("principalId", role.roleId + ":" + s.sessionName);
        g.writeStringField("arn", s.arn());
        g.writeStringField("accountId", role.account.id);
        g.writeStringField("accessKeyId", s.accessKeyId);
        g.writeObjectFieldStart("sessionContext");
        g.writeObjectFieldStart("sessionIssuer");
        g.writeStringField("type", "Role");
        g.writeStringField("principalId", role.roleId);
        g.writeStringField("arn", role.arn());
        g.writeStringField("accountId", role.account.id);
        g.writeStringField("userName", role.name);
        g.writeEndObject();
        if (s.federatedProvider != null) {
            g.writeObjectFieldStart("webIdFederationData");
            g.writeStringField("federatedProvider", s.federatedProvider);
            g.writeObjectFieldStart("attributes");
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeObjectFieldStart("attributes");
        g.writeStringField("creationDate", Times.isoSeconds(s.issuedAt));
        g.writeStringField("mfaAuthenticated", "false");
        g.writeEndObject();
        if (s.mechanism == Mechanism.INSTANCE_PROFILE) {
            g.writeStringField("ec2RoleDelivery", "2.0");
        }
        g.writeEndObject();
        g.writeEndObject();
    }
}
