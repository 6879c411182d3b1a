package io.trailtailor.flink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The Flink Kubernetes Operator's own {@code FlinkDeployment} schema, as a strict JSON Schema: the
 * {@code v1beta1} openAPIV3Schema of the CRD that the {@code flink-kubernetes-operator-api} jar carries, with the
 * resource's {@code apiVersion}, {@code kind} and {@code metadata} added at the root, and {@code additionalProperties:
 * false} on every object schema that lists its properties and does not preserve unknown fields. That is what
 * kubeconform's {@code -strict} does: the API server would silently prune an unknown (misspelt) field, this rejects
 * it. An overlay schema can add fields (EMR on EKS's); it is merged in before the schema is made strict.
 */
final class FlinkDeploymentSchema {

    /** Where fabric8's crd-generator puts the CRD in the operator's API jar. */
    static final String CRD_RESOURCE = "META-INF/fabric8/flinkdeployments.flink.apache.org-v1.yml";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Schema schema;

    private FlinkDeploymentSchema(ObjectNode jsonSchema) {
        this.schema =
                SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7).getSchema(jsonSchema);
    }

    /** The upstream operator's schema, strict. */
    static FlinkDeploymentSchema upstream() {
        return new FlinkDeploymentSchema(strict(rootSchema()));
    }

    /** The upstream schema with the overlay's properties merged in, strict. */
    static FlinkDeploymentSchema withOverlay(JsonNode overlay) {
        ObjectNode root = rootSchema();
        merge(root, overlay);
        return new FlinkDeploymentSchema(strict(root));
    }

    /** Every violation as "location: message", empty when the document is valid. */
    List<String> validate(JsonNode document) {
        List<Error> errors = schema.validate(document);
        return errors.stream()
                .map(e -> e.getInstanceLocation() + ": " + e.getMessage())
                .sorted()
                .toList();
    }

    /** The enum the CRD allows for {@code spec.flinkVersion}. */
    static List<String> flinkVersions() {
        JsonNode versions = rootSchema().at("/properties/spec/properties/flinkVersion/enum");
        return java.util.stream.StreamSupport.stream(versions.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    private static ObjectNode rootSchema() {
        JsonNode crd;
        try (InputStream in = FlinkDeploymentSchema.class.getClassLoader().getResourceAsStream(CRD_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CRD_RESOURCE + " is not on the test classpath"
                        + " (it comes from org.apache.flink:flink-kubernetes-operator-api)");
            }
            crd = DeployFiles.YAML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ObjectNode schema = null;
        for (JsonNode version : crd.at("/spec/versions")) {
            if ("v1beta1".equals(version.path("name").asText())) {
                schema = (ObjectNode) version.at("/schema/openAPIV3Schema").deepCopy();
            }
        }
        if (schema == null) {
            throw new IllegalStateException("the CRD has no v1beta1 version");
        }
        ObjectNode properties = (ObjectNode) schema.get("properties");
        properties.set("apiVersion", NODES.objectNode().put("const", "flink.apache.org/v1beta1"));
        properties.set("kind", NODES.objectNode().put("const", "FlinkDeployment"));
        properties.set("metadata", objectMetaSchema());
        ArrayNode required = schema.putArray("required");
        List.of("apiVersion", "kind", "metadata", "spec").forEach(required::add);
        return schema;
    }

    /** The parts of ObjectMeta a user writes; the CRD leaves metadata to Kubernetes. */
    private static ObjectNode objectMetaSchema() {
        ObjectNode meta = NODES.objectNode().put("type", "object");
        ObjectNode props = meta.putObject("properties");
        props.putObject("name").put("type", "string").put("pattern", "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$");
        props.putObject("namespace").put("type", "string");
        for (String map : List.of("labels", "annotations")) {
            props.putObject(map)
                    .put("type", "object")
                    .putObject("additionalProperties")
                    .put("type", "string");
        }
        meta.putArray("required").add("name");
        return meta;
    }

    /** Deep-merges an overlay's {@code properties} (and {@code required}) into the schema. */
    private static void merge(ObjectNode target, JsonNode overlay) {
        for (Iterator<Map.Entry<String, JsonNode>> it = overlay.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            JsonNode existing = target.get(field.getKey());
            if (field.getKey().equals("properties") && existing instanceof ObjectNode props) {
                for (Iterator<Map.Entry<String, JsonNode>> p = field.getValue().fields(); p.hasNext(); ) {
                    Map.Entry<String, JsonNode> property = p.next();
                    JsonNode present = props.get(property.getKey());
                    if (present instanceof ObjectNode presentSchema) {
                        merge(presentSchema, property.getValue());
                    } else {
                        props.set(property.getKey(), property.getValue().deepCopy());
                    }
                }
            } else if (field.getKey().equals("required") && existing instanceof ArrayNode required) {
                field.getValue().forEach(r -> required.add(r.deepCopy()));
            } else {
                target.set(field.getKey(), field.getValue().deepCopy());
            }
        }
    }

    /** Sets additionalProperties: false wherever the schema lists properties and keeps no unknown fields. */
    static ObjectNode strict(ObjectNode schema) {
        boolean preserves = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
        if (schema.has("properties") && !preserves && !schema.has("additionalProperties")) {
            schema.put("additionalProperties", false);
        }
        schema.path("properties").forEach(FlinkDeploymentSchema::strictChild);
        strictChild(schema.path("items"));
        strictChild(schema.path("additionalProperties"));
        for (String combinator : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(combinator).forEach(FlinkDeploymentSchema::strictChild);
        }
        return schema;
    }

    private static void strictChild(JsonNode child) {
        if (child instanceof ObjectNode object) {
            strict(object);
        } else if (child instanceof ArrayNode array) {
            array.forEach(FlinkDeploymentSchema::strictChild);
        }
    }
}
