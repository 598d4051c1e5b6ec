package org.crampadvisor.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A replayed answer reproduces a stored one when it says the same on every field the stored one had. */
class StoredAnswersTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void shouldIgnoreFieldsAddedToAnswersAfterTheStoredOneWasGivenAndItsIdAndTime() throws Exception {
        JsonNode stored = json("""
                {"evaluationId": "a", "evaluatedAt": "2026-01-01T00:00:00Z", "advice": [{"code": "HYDRATE"}],
                 "trace": [{"matched": [{"fact": {"name": "Lasix"}}]}]}""");
        JsonNode replayed = json("""
                {"evaluationId": "b", "evaluatedAt": "2026-11-27T00:00:00Z", "advice": [{"code": "HYDRATE"}],
                 "withheld": [], "missingInputs": [],
                 "trace": [{"matched": [{"fact": {"name": "Lasix", "groups": ["diuretic"]}}]}]}""");

        assertThat(StoredAnswers.reproduces(stored, replayed)).isTrue();
    }

    @Test
    void shouldNotReproduceWhenAStoredFieldDiffersOrIsMissingOrAListChangesLength() throws Exception {
        JsonNode stored = json("{\"advice\": [{\"code\": \"HYDRATE\", \"because\": [\"A\"]}], \"withheld\": []}");

        assertThat(StoredAnswers.reproduces(stored, json("{\"advice\": [{\"code\": \"HYDRATE\", \"because\": [\"B\"]}], "
                + "\"withheld\": []}"))).isFalse();
        assertThat(StoredAnswers.reproduces(stored, json("{\"advice\": [{\"code\": \"HYDRATE\", \"because\": [\"A\"]}]}")))
                .as("withheld was in the stored answer").isFalse();
        assertThat(StoredAnswers.reproduces(stored, json("{\"advice\": [{\"code\": \"HYDRATE\", \"because\": [\"A\"]}, "
                + "{\"code\": \"REST_DAYS\"}], \"withheld\": []}"))).isFalse();
    }
}
