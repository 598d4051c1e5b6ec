package org.crampadvisor.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import org.crampadvisor.evaluation.StrictJson;

import java.io.IOException;

/**
 * Request bodies are read as strictly over HTTP as anywhere else, and every string must be Unicode
 * text: a lone surrogate (e.g. {@code "\ud800"}) cannot be stored or answered as sent, so it is refused
 * rather than silently turned into {@code ?}.
 */
@Singleton
public class StrictJsonCustomizer implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        StrictJson.configure(mapper);
        mapper.registerModule(new SimpleModule("unicode-text").addDeserializer(String.class, new UnicodeText()));
    }

    /** Jackson's own string reading, then a check that the text has no unpaired surrogate. */
    static final class UnicodeText extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            String text = super.deserialize(parser, context);
            int unpaired = unpairedSurrogate(text);
            if (unpaired >= 0) {
                throw JsonMappingException.from(parser, String.format("must be Unicode text; it holds an unpaired "
                        + "surrogate (\\u%04X) at character %d", (int) text.charAt(unpaired), unpaired + 1));
            }
            return text;
        }

        /** The index of the first unpaired surrogate, or -1. */
        static int unpairedSurrogate(String text) {
            if (text == null) {
                return -1;
            }
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else if (Character.isSurrogate(c)) {
                    return i;
                }
            }
            return -1;
        }
    }
}
