package org.crampadvisor.evaluation;

import org.crampadvisor.explain.InputSection;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The inputs a request gives, as the request paths explanations name them ({@link InputSection}): a
 * section or list that is present ({@code medications}, even empty: "none" is an answer), each field of a
 * section that is not {@code null} ({@code activity.intensity}), each lab by its analyte
 * ({@code labs[analyte=magnesium]}). Read through the request records' own accessors.
 */
public final class RequestInputs {

    /** A request record type's component names and accessors, read once: reflection on records is slow. */
    private record Shape(String[] names, Method[] accessors) {
    }

    private static final Map<Class<?>, Shape> SHAPES = new ConcurrentHashMap<>();
    private static final Map<String, String[]> PATHS = new ConcurrentHashMap<>();

    private RequestInputs() {
    }

    public static Set<String> given(EvaluationRequest request) {
        Set<String> given = new HashSet<>(48);
        for (InputSection section : InputSection.values()) {
            Object value = at(request, section.path());
            if (value == null) {
                continue;
            }
            given.add(section.path());
            switch (section.shape()) {
                case KEYED_LIST -> {
                    for (Object entry : (List<?>) value) {
                        Object key = entry == null ? null : component(entry, section.key());
                        if (key != null) {
                            given.add(section.keyedInput(code(key)));
                        }
                    }
                }
                case FIELDS -> {
                    Shape shape = shape(value.getClass());
                    for (int i = 0; i < shape.names().length; i++) {
                        if (invoke(shape.accessors()[i], value) != null) {
                            given.add(section.fieldInput(shape.names()[i]));
                        }
                    }
                }
                case LIST -> {
                    // the list itself is the input
                }
            }
        }
        return given;
    }

    /** The value at a dotted path of request records, or {@code null} when any part of it is absent. */
    private static Object at(Object root, String path) {
        Object value = root;
        for (String name : PATHS.computeIfAbsent(path, p -> p.split("\\."))) {
            value = value == null ? null : component(value, name);
        }
        return value;
    }

    private static Object component(Object record, String name) {
        Shape shape = shape(record.getClass());
        for (int i = 0; i < shape.names().length; i++) {
            if (shape.names()[i].equals(name)) {
                return invoke(shape.accessors()[i], record);
            }
        }
        return null;
    }

    /** A request enumeration as written in JSON ({@code vitamin-d}), or the value as text. */
    private static String code(Object key) {
        if (key instanceof Codes.Coded coded) {
            return coded.code();
        }
        if (key instanceof Analyte analyte) {
            return analyte.code();
        }
        return key.toString();
    }

    private static Shape shape(Class<?> type) {
        return SHAPES.computeIfAbsent(type, t -> {
            RecordComponent[] components = t.getRecordComponents();
            int count = components == null ? 0 : components.length;
            String[] names = new String[count];
            Method[] accessors = new Method[count];
            for (int i = 0; i < count; i++) {
                names[i] = components[i].getName();
                accessors[i] = components[i].getAccessor();
            }
            return new Shape(names, accessors);
        });
    }

    private static Object invoke(Method accessor, Object target) {
        try {
            return accessor.invoke(target);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + accessor.getName() + " of a request record", e);
        }
    }
}
