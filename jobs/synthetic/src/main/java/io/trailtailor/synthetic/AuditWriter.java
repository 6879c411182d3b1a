package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.trailtailor.synthetic.Model.Cluster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;

/**
 * Writes audit.k8s.io/v1 Events with the cluster's clock skew and holds them until their ingestion time has passed,
 * so each cluster's sink receives them in ingestion order. Every simulated request is allowed.
 */
final class AuditWriter {
    private record Pending(long ingestMs, long seq, byte[] json) {}

    private final List<Cluster> clusters;
    private final AuditSink[] sinks;
    private final SplittableRandom r;
    private final List<PriorityQueue<Pending>> pending = new ArrayList<>();
    private final JsonFactory jf = new JsonFactory();
    private final ByteArrayOutputStream buf = new ByteArrayOutputStream(4096);
    private long seq;
    private long events;

    /** @param sinks one per cluster, in the order of {@code clusters} */
    AuditWriter(List<Cluster> clusters, AuditSink[] sinks, SplittableRandom r) {
        this.clusters = clusters;
        this.sinks = sinks;
        this.r = r;
        for (int i = 0; i < clusters.size(); i++) {
            pending.add(new PriorityQueue<>((a, b) ->
                    a.ingestMs != b.ingestMs ? Long.compare(a.ingestMs, b.ingestMs) : Long.compare(a.seq, b.seq)));
        }
    }

    /** Opens a Kubernetes object with its kind and apiVersion; the caller writes the rest and closes it. */
    static void startObject(JsonGenerator g, String kind, String apiVersion) throws IOException {
        g.writeStartObject();
        g.writeStringField("kind", kind);
        g.writeStringField("apiVersion", apiVersion);
    }

    /** Events handed to the sinks so far. */
    long events() {
        return events;
    }

    /** Hands every event ingested before {@code before} to its cluster's sink. */
    void flush(long before) throws IOException {
        for (int i = 0; i < pending.size(); i++) {
            PriorityQueue<Pending> q = pending.get(i);
            while (!q.isEmpty() && q.peek().ingestMs < before) {
                Pending p = q.poll();
                sinks[i].write(p.ingestMs, p.json);
                events++;
            }
        }
    }

    /** A {@code verb} on {@code uri} in cluster {@code c}, received at {@code us} (true time, microseconds). */
    Event event(Cluster c, long us, String level, String verb, String uri) {
        return new Event(c, us, level, verb, uri);
    }

    /** The parts of one audit event; {@link #write()} adds ids and timestamps and queues it. */
    final class Event {
        private final Cluster c;
        private final long us;
        private final String level;
        private final String verb;
        private final String uri;
        private Rec.Body user;
        private String sourceIp;
        private String userAgent;
        private String resource;
        private String namespace;
        private String name;
        private String apiGroup = "";
        private String subresource;
        private int code;
        private Rec.Body requestObject;
        private Rec.Body responseObject;
        private String reason = "";
        private String[] annotation;

        private Event(Cluster c, long us, String level, String verb, String uri) {
            this.c = c;
            this.us = us;
            this.level = level;
            this.verb = verb;
            this.uri = uri;
        }

        /** Who sent it, from where, with which client. */
        Event by(Rec.Body user, String sourceIp, String userAgent) {
            this.user = user;
            this.sourceIp = sourceIp;
            this.userAgent = userAgent;
            return this;
        }

        /** The objectRef; {@code namespace} and {@code name} may be null. */
        Event on(String resource, String namespace, String name) {
            this.resource = resource;
            this.namespace = namespace;
            this.name = name;
            return this;
        }

        Event apiGroup(String group) {
            apiGroup = group;
            return this;
        }

        Event subresource(String sub) {
            subresource = sub;
            return this;
        }

        Event code(int status) {
            code = status;
            return this;
        }

        /** Request and response objects, as RequestResponse level logs them; either may be null. */
        Event objects(Rec.Body request, Rec.Body response) {
            requestObject = request;
            responseObject = response;
            return this;
        }

        /** The authorizer's reason for allowing it. */
        Event reason(String why) {
            reason = why;
            return this;
        }

        Event annotation(String key, String value) {
            annotation = new String[] {key, value};
            return this;
        }

        void write() throws IOException {
            long received = us + c.skewMicros;
            long stage = received + 1_000 + r.nextInt(40_000);
            buf.reset();
            try (JsonGenerator g = jf.createGenerator(buf)) {
                g.writeStartObject();
                g.writeStringField("kind", "Event");
                g.writeStringField("apiVersion", "audit.k8s.io/v1");
                g.writeStringField("level", level);
                g.writeStringField("auditID", Ids.uuid(r));
                g.writeStringField("stage", "ResponseComplete");
                g.writeStringField("requestURI", uri);
                g.writeStringField("verb", verb);
                g.writeFieldName("user");
                user.write(g);
                g.writeArrayFieldStart("sourceIPs");
                g.writeString(sourceIp);
                g.writeEndArray();
                g.writeStringField("userAgent", userAgent);
                g.writeObjectFieldStart("objectRef");
                g.writeStringField("resource", resource);
                if (namespace != null) {
                    g.writeStringField("namespace", namespace);
                }
                if (name != null) {
                    g.writeStringField("name", name);
                }
                if (!apiGroup.isEmpty()) {
                    g.writeStringField("apiGroup", apiGroup);
                }
                g.writeStringField("apiVersion", "v1"); // core, apps and coordination.k8s.io are all v1 here
                if (subresource != null) {
                    g.writeStringField("subresource", subresource);
                }
                g.writeEndObject();
                g.writeObjectFieldStart("responseStatus");
                g.writeObjectFieldStart("metadata");
                g.writeEndObject();
                g.writeNumberField("code", code);
                g.writeEndObject();
                if (requestObject != null) {
                    g.writeFieldName("requestObject");
                    requestObject.write(g);
                }
                if (responseObject != null) {
                    g.writeFieldName("responseObject");
                    responseObject.write(g);
                }
                g.writeStringField("requestReceivedTimestamp", Times.isoMicros(received));
                g.writeStringField("stageTimestamp", Times.isoMicros(stage));
                g.writeObjectFieldStart("annotations");
                g.writeStringField("authorization.k8s.io/decision", "allow");
                g.writeStringField("authorization.k8s.io/reason", reason);
                if (annotation != null) {
                    g.writeStringField(annotation[0], annotation[1]);
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            long ingest = stage / 1000 + 250 + r.nextInt(20);
            pending.get(clusters.indexOf(c)).add(new Pending(ingest, seq++, buf.toByteArray()));
        }
    }
}
