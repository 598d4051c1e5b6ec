package org.crampadvisor.explain;

import org.crampadvisor.model.Activity;
import org.crampadvisor.model.Condition;
import org.crampadvisor.model.Cramps;
import org.crampadvisor.model.DietaryGap;
import org.crampadvisor.model.HerbalSupplement;
import org.crampadvisor.model.Hydration;
import org.crampadvisor.model.LabResult;
import org.crampadvisor.model.Medication;
import org.crampadvisor.model.Patient;
import org.crampadvisor.model.Substances;
import org.crampadvisor.model.Symptom;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where each kind of input fact comes from in the request (SPEC section 3), and so how an input the rules
 * use is named in {@code missingInputs} and why-not: {@code labs[analyte=magnesium]} for a lab, a dotted
 * field path for a scalar ({@code activity.intensity}), the section name for a list ({@code medications}).
 * Facts of a scalar section carry the request's fields under the same names (checked by a test), so a
 * fact field compared by a rule is the request field of that name.
 */
public enum InputSection {
    PATIENT(Patient.class, "patient", Shape.FIELDS, null),
    CRAMPS(Cramps.class, "cramps", Shape.FIELDS, null),
    LABS(LabResult.class, "labs", Shape.KEYED_LIST, "analyte"),
    HYDRATION(Hydration.class, "hydration", Shape.FIELDS, null),
    DIET(DietaryGap.class, "diet.lowIn", Shape.LIST, null),
    ACTIVITY(Activity.class, "activity", Shape.FIELDS, null),
    CONDITIONS(Condition.class, "conditions", Shape.LIST, null),
    MEDICATIONS(Medication.class, "medications", Shape.LIST, null),
    SUBSTANCES(Substances.class, "substances", Shape.FIELDS, null),
    HERBAL_SUPPLEMENTS(HerbalSupplement.class, "substances.herbalSupplements", Shape.LIST, null),
    SYMPTOMS(Symptom.class, "symptoms", Shape.LIST, null);

    /** How a section's facts relate to the request. */
    public enum Shape {
        /** One object; each of its fields is an input of its own ({@code activity.intensity}). */
        FIELDS,
        /** A list; the list is the input ({@code medications}), an empty list meaning "none". */
        LIST,
        /** A list whose entries are told apart by a key field; each key is an input ({@code labs[analyte=magnesium]}). */
        KEYED_LIST
    }

    /** Every fact has this field: where in the request it came from. It is no input of its own. */
    public static final String ORIGIN_FIELD = "field";

    private final Class<? extends Record> factType;
    private final String path;
    private final Shape shape;
    private final String key;
    private final Set<String> fields;
    // Input names are asked for on every evaluation (missingInputs); made once each.
    private final Map<String, String> keyedInputs = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, String> fieldInputs = new java.util.concurrent.ConcurrentHashMap<>();

    InputSection(Class<? extends Record> factType, String path, Shape shape, String key) {
        this.factType = factType;
        this.path = path;
        this.shape = shape;
        this.key = key;
        this.fields = Arrays.stream(factType.getRecordComponents()).map(RecordComponent::getName)
                .filter(name -> !name.equals(ORIGIN_FIELD)).collect(Collectors.toUnmodifiableSet());
    }

    public Class<? extends Record> factType() {
        return factType;
    }

    /** The request path of the section: {@code labs}, {@code activity}, {@code substances.herbalSupplements}. */
    public String path() {
        return path;
    }

    public Shape shape() {
        return shape;
    }

    /** For a keyed list, the field that tells its entries apart ({@code analyte}); otherwise {@code null}. */
    public String key() {
        return key;
    }

    /** The fact's fields, apart from {@link #ORIGIN_FIELD}. */
    public Set<String> fields() {
        return fields;
    }

    /** The input of one keyed entry: {@code labs[analyte=magnesium]}. */
    public String keyedInput(String keyValue) {
        return keyedInputs.computeIfAbsent(keyValue, v -> path + "[" + key + "=" + keyValue + "]");
    }

    /** The input of one field of a scalar section: {@code activity.intensity}. */
    public String fieldInput(String field) {
        return fieldInputs.computeIfAbsent(field, f -> path + "." + field);
    }

    /** The section a fact type comes from, by the type's simple name as a rule writes it. */
    public static Optional<InputSection> ofType(String simpleName) {
        for (InputSection section : values()) {
            if (section.factType.getSimpleName().equals(simpleName)) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /** The section of an input path: {@code labs} for {@code labs[analyte=magnesium]}, {@code activity} for {@code activity.intensity}. */
    public static Optional<InputSection> ofInput(String input) {
        for (InputSection section : values()) {
            if (input.equals(section.path) || input.startsWith(section.path + "[")
                    || (section.shape == Shape.FIELDS && input.startsWith(section.path + ".")
                    && section.fields.contains(input.substring(section.path.length() + 1)))) {
                return Optional.of(section);
            }
        }
        return Optional.empty();
    }

    /** The fact types the request can become. */
    public static List<Class<? extends Record>> factTypes() {
        return Arrays.stream(values()).<Class<? extends Record>>map(InputSection::factType).toList();
    }
}
