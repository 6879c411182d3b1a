package io.trailtailor.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The JSON layout of every policy file: two-space indent, {@code "key": value}, trailing newline. */
final class PrettyJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private PrettyJson() {}

    /** A pretty printer that writes {@code "key": value} rather than Jackson's default {@code "key" : value}. */
    private static final class Printer extends DefaultPrettyPrinter {
        Printer() {
            _objectIndenter = new DefaultIndenter("  ", "\n");
            _arrayIndenter = new DefaultIndenter("  ", "\n");
            _objectFieldValueSeparatorWithSpaces = ": ";
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Printer();
        }
    }

    static String write(JsonNode node) {
        try {
            return JSON.writer(new Printer()).writeValueAsString(node) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
