package io.trailtailor.flink.avro;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoField;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;

/**
 * The Flink POJO type of a class whose fields are Avro rows (a {@code @TypeInfo} factory): the same fields and bytes
 * as Flink's own POJO type, but its Avro fields are {@link SharedRowTypeInfo}, so a chained copy of the POJO shares
 * the rows instead of deep-copying them. For POJOs whose rows nobody changes after building them.
 */
public abstract class SharedRowsPojo<T> extends TypeInfoFactory<T> {

    private final Class<T> type;

    protected SharedRowsPojo(Class<T> type) {
        this.type = type;
    }

    @Override
    public TypeInformation<T> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
        return of(type);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static <T> PojoTypeInfo<T> of(Class<T> pojo) {
        List<PojoField> fields = new ArrayList<>();
        for (Field f : pojo.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) {
                continue;
            }
            Class<?> c = f.getType();
            TypeInformation<?> fieldType = SpecificRecordBase.class.isAssignableFrom(c)
                    ? new SharedRowTypeInfo(c.asSubclass(SpecificRecordBase.class))
                    : TypeInformation.of(c);
            fields.add(new PojoField(f, fieldType));
        }
        return new PojoTypeInfo<>(pojo, fields);
    }
}
