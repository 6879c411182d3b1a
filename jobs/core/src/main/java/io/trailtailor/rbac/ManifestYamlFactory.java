package io.trailtailor.rbac;

import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.trailtailor.render.CommentText;
import java.io.IOException;
import java.io.Writer;
import org.yaml.snakeyaml.DumperOptions;

/**
 * Jackson's YAML factory for Kubernetes manifests, configured for readable, deterministic output, whose generator
 * writes any string holding a line break, control or invisible character double-quoted. Jackson alone would write
 * such a string as a literal block or a plain scalar with the raw character in it, and YAML parsers disagree about
 * raw NEL, LS and PS (YAML 1.1 readers such as SnakeYAML and go-yaml break lines at them and fold them away; YAML 1.2
 * readers keep them), so a username from an audit log would not bind the same subject everywhere. In double quotes
 * the emitter escapes them ({@code \N}, {@code \L}, {@code \P}, {@code \n}, {@code \0}, ...) and the value stays on
 * one line. Strings without such characters are written as before.
 */
final class ManifestYamlFactory extends YAMLFactory {

    private static final long serialVersionUID = 1L;

    ManifestYamlFactory() {
        super(YAMLFactory.builder()
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR));
    }

    @Override
    protected YAMLGenerator _createGenerator(Writer out, IOContext ctxt) throws IOException {
        return new Generator(ctxt, _generatorFeatures, _yamlGeneratorFeatures, this, out, _version);
    }

    /** Jackson's generator, with the quoting rule in the type comment. */
    private static final class Generator extends YAMLGenerator {

        Generator(
                IOContext ctxt,
                int features,
                int yamlFeatures,
                ManifestYamlFactory factory,
                Writer out,
                DumperOptions.Version version)
                throws IOException {
            super(ctxt, features, yamlFeatures, factory._quotingChecker, factory._objectCodec, out, version);
        }

        @Override
        public void writeString(String text) throws IOException {
            if (text != null && text.codePoints().anyMatch(CommentText::unsafe)) {
                _verifyValueWrite("write String value");
                _writeScalar(text, "string", DumperOptions.ScalarStyle.DOUBLE_QUOTED);
            } else {
                super.writeString(text);
            }
        }
    }
}
