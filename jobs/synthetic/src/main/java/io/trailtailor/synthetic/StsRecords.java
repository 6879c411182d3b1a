package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonGenerator;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Account;
import io.trailtailor.synthetic.Model.Node;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One builder for every record that hands out credentials: {@code sts:AssumeRole} (role chains, and AWS services
 * such as EC2, EKS Pod Identity, Lambda assuming a role), {@code AssumeRoleWithWebIdentity} (IRSA, GitHub Actions),
 * {@code AssumeRoleWithSAML}, and eks-auth's {@code AssumeRoleForPodIdentity}. A flow says only what differs: who
 * asks ({@code by...}), from where, and the few request and response extras; the record and its truth line follow.
 */
final class StsRecords {
    private final CloudTrailEmitter out;
    private final SplittableRandom r;

    StsRecords(CloudTrailEmitter out, SplittableRandom r) {
        this.out = out;
        this.r = r;
    }

    /** {@code sts:<name>} at {@code t}, minting {@code minted}: its role is assumed and its key handed out. */
    Builder mint(String name, Session minted, long t) {
        Builder b = new Builder("sts", name, t, minted.role.account, minted);
        b.resource("AWS::IAM::Role", minted.role.arn());
        return b;
    }

    /** A credential request CloudTrail shows with no credentials in it, such as eks-auth's. */
    Builder request(String service, String name, long t, Account account) {
        return new Builder(service, name, t, account, null);
    }

    private record Resource(String type, String arn) {}

    /** The parts of one credential record; {@link #emit()} writes it with its truth. */
    final class Builder {
        private final String service;
        private final String name;
        private final long t;
        private final Account account;
        private final Session minted;
        private final List<Resource> resources = new ArrayList<>();
        private String version = "1.08";
        private String region;
        private String sourceIp;
        private String userAgent;
        private String tlsHost;
        private boolean sharedEventId;
        private Rec.Body identity;
        private Mechanism mechanism;
        private String rootPrincipal;
        private Session signer;
        private Pod pod;
        private Node node;
        private Rec.Body request;
        private String principalArn;
        private Integer durationSeconds;
        private String[][] sessionTags;
        private long lifetime;
        private boolean assumedRoleUser = true;
        private Integer packedPolicySize;
        private String webIdentityProvider;
        private String webIdentitySubject;
        private Rec.Body responseTail;

        private Builder(String service, String name, long t, Account account, Session minted) {
            this.service = service;
            this.name = name;
            this.t = t;
            this.account = account;
            this.minted = minted;
        }

        Builder version(String v) {
            version = v;
            return this;
        }

        /** The region of the endpoint called. */
        Builder in(String region) {
            this.region = region;
            return this;
        }

        /** The caller's address and user agent. */
        Builder from(String sourceIp, String userAgent) {
            this.sourceIp = sourceIp;
            this.userAgent = userAgent;
            return this;
        }

        Builder tlsHost(String host) {
            tlsHost = host;
            return this;
        }

        /** An AWS service assumes the role for a principal of its own: no key signs it, nor anything in the log. */
        Builder byService(String invokedBy) {
            sourceIp = invokedBy;
            userAgent = invokedBy;
            sharedEventId = true;
            mechanism = Mechanism.AWS_SERVICE;
            rootPrincipal = invokedBy;
            identity = g -> {
                g.writeStartObject();
                g.writeStringField("type", "AWSService");
                g.writeStringField("invokedBy", invokedBy);
                g.writeEndObject();
            };
            return this;
        }

        /** An OIDC token of {@code provider} for {@code subject} is exchanged (IRSA, GitHub Actions). */
        Builder byWebIdentity(Mechanism label, String provider, String subject) {
            federated("WebIdentityUser", provider + ":sts.amazonaws.com:" + subject, subject, provider);
            mechanism = label;
            rootPrincipal = subject;
            webIdentityProvider = provider;
            webIdentitySubject = subject;
            return this;
        }

        /** A SAML assertion of identity provider {@code idp} for {@code subject} is exchanged. */
        Builder bySaml(String idp, String principalId, String subject) {
            federated("SAMLUser", principalId, subject, idp);
            mechanism = Mechanism.SAML;
            rootPrincipal = subject;
            principalArn = idp;
            resource("AWS::IAM::SAMLProvider", idp);
            return this;
        }

        /** The call is signed with {@code session}'s key; {@code label} and {@code root} are its chain's. */
        Builder bySession(Session session, Mechanism label, String root) {
            identity = g -> CloudTrailIdentityWriter.roleIdentity(g, session);
            signer = session;
            mechanism = label;
            rootPrincipal = root;
            return this;
        }

        /** The call is made for pod {@code p} (truth names the pod, its workload and node). */
        Builder forPod(Pod p) {
            pod = p;
            return this;
        }

        /** The call is made for node {@code n} and no pod. */
        Builder forNode(Node n) {
            node = n;
            return this;
        }

        /** Replaces the STS request parameters (roleArn, roleSessionName...) with another body. */
        Builder request(Rec.Body body) {
            request = body;
            return this;
        }

        Builder durationSeconds(int seconds) {
            durationSeconds = seconds;
            return this;
        }

        /** Session tags, all transitive (as EKS Pod Identity passes them). */
        Builder sessionTags(String[][] tags) {
            sessionTags = tags;
            return this;
        }

        /** How long the minted credentials last. */
        Builder lifetime(long ms) {
            lifetime = ms;
            return this;
        }

        /** EC2's instance-profile response has only the credentials. */
        Builder withoutAssumedRoleUser() {
            assumedRoleUser = false;
            return this;
        }

        Builder packedPolicySize(int size) {
            packedPolicySize = size;
            return this;
        }

        /** Fields that close the response, after the common ones. */
        Builder responseTail(Rec.Body tail) {
            responseTail = tail;
            return this;
        }

        Builder resource(String type, String arn) {
            resources.add(new Resource(type, arn));
            return this;
        }

        /** GitHub's web-identity records carry no resources block. */
        Builder withoutResources() {
            resources.clear();
            return this;
        }

        /** Writes the record and its truth; the minted session learns whether its issuing event is in the log. */
        boolean emit() throws IOException {
            Rec rec = out.rec();
            rec.reset();
            rec.version = version;
            rec.time = t;
            rec.source = service + ".amazonaws.com";
            rec.name = name;
            rec.region = region;
            rec.account = account;
            rec.sourceIp = sourceIp;
            rec.userAgent = userAgent;
            rec.readOnly = true;
            rec.tlsHost = tlsHost;
            if (sharedEventId) {
                rec.sharedEventId = Ids.uuid(r);
            }
            rec.identity = identity;
            rec.request = request != null ? request : this::stsRequest;
            rec.response = minted != null ? this::stsResponse : null;
            rec.resources = resources.isEmpty() ? null : this::resources;
            TruthSink.Call call = out.call();
            call.reset();
            call.mechanism = mechanism;
            call.rootPrincipal = rootPrincipal;
            if (signer != null) {
                call.roleArn = signer.role.arn();
                call.accessKeyId = signer.accessKeyId;
                call.issuerInWindow = signer.issuingEventWritten;
                call.signed = true;
            } else if (minted != null) {
                call.roleArn = minted.role.arn();
            }
            if (minted != null) {
                call.mintedAccessKeyId = minted.accessKeyId;
            }
            if (pod != null) {
                call.pod(pod);
            } else if (node != null) {
                call.node(node);
            }
            call.action = service + ":" + name;
            // what the call acts on: the role assumed, else the first resource
            call.resource = minted != null ? minted.role.arn() : resources.get(0).arn;
            boolean written = out.emit();
            if (minted != null) {
                minted.issuingEventWritten = written;
                minted.issuingEventId = written ? rec.eventId : null;
            }
            return written;
        }

        private void federated(String type, String principalId, String userName, String provider) {
            identity = g -> {
                g.writeStartObject();
                g.writeStringField("type", type);
                g.writeStringField("principalId", principalId);
                g.writeStringField("userName", userName);
                g.writeStringField("identityProvider", provider);
                g.writeEndObject();
            };
        }

        private void stsRequest(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeStringField("roleArn", minted.role.arn());
            if (principalArn != null) {
                g.writeStringField("principalArn", principalArn);
            } else {
                g.writeStringField("roleSessionName", minted.sessionName);
            }
            if (durationSeconds != null) {
                g.writeNumberField("durationSeconds", durationSeconds);
            }
            if (sessionTags != null) {
                g.writeArrayFieldStart("tags");
                for (String[] kv : sessionTags) {
                    g.writeStartObject();
                    g.writeStringField("key", kv[0]);
                    g.writeStringField("value", kv[1]);
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeArrayFieldStart("transitiveTagKeys");
                for (String[] kv : sessionTags) {
                    g.writeString(kv[0]);
                }
                g.writeEndArray();
            }
            g.writeEndObject();
        }

        private void stsResponse(JsonGenerator g) throws IOException {
            g.writeStartObject();
            g.writeObjectFieldStart("credentials");
            g.writeStringField("accessKeyId", minted.accessKeyId);
            g.writeStringField("sessionToken", "FAKE-SESSION-TOKEN-" + Ids.alnum(r, 48));
            g.writeStringField("expiration", Times.localeExpiry(t + lifetime));
            g.writeEndObject();
            if (webIdentitySubject != null) {
                g.writeStringField("subjectFromWebIdentityToken", webIdentitySubject);
            }
            if (assumedRoleUser) {
                g.writeObjectFieldStart("assumedRoleUser");
                g.writeStringField("assumedRoleId", minted.role.roleId + ":" + minted.sessionName);
                g.writeStringField("arn", minted.arn());
                g.writeEndObject();
            }
            if (packedPolicySize != null) {
                g.writeNumberField("packedPolicySize", packedPolicySize);
            }
            if (webIdentityProvider != null) {
                g.writeStringField("provider", webIdentityProvider);
                g.writeStringField("audience", "sts.amazonaws.com");
            }
            if (responseTail != null) {
                responseTail.write(g);
            }
            g.writeEndObject();
        }

        private void resources(JsonGenerator g) throws IOException {
            g.writeStartArray();
            for (Resource res : resources) {
                Rec.resource(g, account.id, res.type, res.arn);
            }
            g.writeEndArray();
        }
    }
}
