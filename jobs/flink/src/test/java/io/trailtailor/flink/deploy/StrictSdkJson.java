package io.trailtailor.flink.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.protocol.MarshallingType;
import software.amazon.awssdk.core.traits.ListTrait;
import software.amazon.awssdk.core.traits.MapTrait;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Reads API-shaped JSON (what {@code --cli-input-json} and the SDKs take, e.g. {@code RunJobFlow} input) into an AWS
 * SDK v2 request, field by field over the SDK's own model ({@link SdkPojo#sdkFields()}): member names, types, list
 * and map members and enum values. Unlike the SDK's lenient JSON unmarshaller, anything the model does not know is a
 * problem: a misspelt member, a string where a number belongs, an enum value the service lacks. (The SDK's EMR model
 * does not record which members are required, so a missing one is not found here.)
 */
final class StrictSdkJson {

    /** The request, and every problem found ("path: what"). */
    record Result<T>(T value, List<String> problems) {}

    private final List<String> problems = new ArrayList<>();

    private StrictSdkJson() {}

    static <T> Result<T> read(JsonNode json, Supplier<? extends SdkPojo> builder, Class<T> type) {
        StrictSdkJson reader = new StrictSdkJson();
        Object value = reader.pojo(json, builder::get, "$");
        return new Result<>(type.cast(value), List.copyOf(reader.problems));
    }

    private Object pojo(JsonNode json, Supplier<SdkPojo> constructor, String path) {
        SdkPojo builder = constructor.get();
        if (!json.isObject()) {
            problems.add(path + ": expected an object");
            return build(builder);
        }
        Map<String, SdkField<?>> fields = new LinkedHashMap<>();
        builder.sdkFields().forEach(f -> fields.put(f.locationName(), f));
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> member = it.next();
            SdkField<?> field = fields.get(member.getKey());
            String memberPath = path + "." + member.getKey();
            if (field == null) {
                problems.add(memberPath + ": unknown member (known: " + String.join(", ", fields.keySet()) + ")");
                continue;
            }
            Object value = value(member.getValue(), field, memberPath);
            if (value != null) {
                field.set(builder, value);
            }
        }
        Object built = build(builder);
        checkEnums(built, fields, json, path);
        return built;
    }

    private Object value(JsonNode json, SdkField<?> field, String path) {
        MarshallingType<?> type = field.marshallingType();
        if (type == MarshallingType.STRING) {
            return json.isTextual() ? json.textValue() : mismatch(path, "a string", json);
        }
        if (type == MarshallingType.INTEGER) {
            return json.isInt() ? json.intValue() : mismatch(path, "an integer", json);
        }
        if (type == MarshallingType.LONG) {
            return json.isIntegralNumber() && json.canConvertToLong()
                    ? json.longValue()
                    : mismatch(path, "a long", json);
        }
        if (type == MarshallingType.BOOLEAN) {
            return json.isBoolean() ? json.booleanValue() : mismatch(path, "a boolean", json);
        }
        if (type == MarshallingType.DOUBLE) {
            return json.isNumber() ? json.doubleValue() : mismatch(path, "a number", json);
        }
        if (type == MarshallingType.FLOAT) {
            return json.isNumber() ? json.floatValue() : mismatch(path, "a number", json);
        }
        if (type == MarshallingType.SDK_POJO) {
            return pojo(json, field.constructor(), path);
        }
        if (type == MarshallingType.LIST) {
            if (!json.isArray()) {
                return mismatch(path, "a list", json);
            }
            SdkField<?> member = field.getTrait(ListTrait.class).memberFieldInfo();
            List<Object> list = new ArrayList<>();
            for (int i = 0; i < json.size(); i++) {
                list.add(value(json.get(i), member, path + "[" + i + "]"));
            }
            return list;
        }
        if (type == MarshallingType.MAP) {
            if (!json.isObject()) {
                return mismatch(path, "a map", json);
            }
            SdkField<?> member = field.getTrait(MapTrait.class).valueFieldInfo();
            Map<String, Object> map = new LinkedHashMap<>();
            json.fields()
                    .forEachRemaining(e -> map.put(e.getKey(), value(e.getValue(), member, path + "." + e.getKey())));
            return map;
        }
        problems.add(path + ": member type " + type + " is not supported by this reader");
        return null;
    }

    private Object mismatch(String path, String expected, JsonNode actual) {
        problems.add(path + ": expected " + expected + ", got " + actual.getNodeType() + " " + actual);
        return null;
    }

    /** A string member backed by an enum reads as UNKNOWN_TO_SDK_VERSION when the service has no such value. */
    private void checkEnums(Object built, Map<String, SdkField<?>> fields, JsonNode json, String path) {
        for (SdkField<?> field : fields.values()) {
            if (field.marshallingType() != MarshallingType.STRING || !json.has(field.locationName())) {
                continue;
            }
            String getter = Character.toLowerCase(field.memberName().charAt(0))
                    + field.memberName().substring(1);
            try {
                Method method = built.getClass().getMethod(getter);
                if (method.getReturnType().isEnum()
                        && method.invoke(built) instanceof Enum<?> value
                        && value.name().equals("UNKNOWN_TO_SDK_VERSION")) {
                    problems.add(path + "." + field.locationName() + ": '"
                            + json.get(field.locationName()).asText() + "' is not one of "
                            + java.util.Arrays.toString(method.getReturnType().getEnumConstants()));
                }
            } catch (ReflectiveOperationException noEnumGetter) {
                // a plain string member
            }
        }
    }

    private static Object build(SdkPojo builder) {
        return builder instanceof SdkBuilder<?, ?> sdkBuilder ? sdkBuilder.build() : builder;
    }
}
