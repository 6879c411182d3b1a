package io.trailtailor.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Removes credential secrets before anything is written. CloudTrail keeps STS session tokens in
 * {@code responseElements.credentials}, Kubernetes keeps issued tokens in TokenRequest status; neither may reach an
 * output or a log. Access key ids are not secret and stay: they are the join key of every session.
 */
public final class SecretScrubber {

    /** Field names (compared case-insensitively) whose values are credentials. */
    static final Set<String> SECRET_FIELDS = Set.of(
            "sessiontoken",
            "secretaccesskey",
            "secretkey",
            "password",
            "newpassword",
            "oldpassword",
            "masteruserpassword",
            "privatekey",
            "clientsecret",
            "samlassertion",
            "webidentitytoken",
            "token",
            "accesstoken",
            "refreshtoken",
            "idtoken",
            "authorizationtoken",
            "secretstring",
            "secretbinary",
            "credentials_secret");

    private static final Pattern SECRET_IN_TEXT = Pattern.compile(
            "(?i)(\"(?:sessionToken|secretAccessKey|secretKey|password|newPassword|oldPassword|masterUserPassword|privateKey"
                    + "|clientSecret|SAMLAssertion|webIdentityToken|token|accessToken|refreshToken|idToken|authorizationToken"
                    + "|secretString|secretBinary)\"\\s*:\\s*)\"(?:[^\"\\\\]|\\\\.)*\"?");

    private SecretScrubber() {}

    /** Removes secret fields from {@code node} in place, at any depth. */
    public static void scrub(JsonNode node) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                if (SECRET_FIELDS.contains(field.getKey().toLowerCase(Locale.ROOT))) {
                    fields.remove();
                } else {
                    scrub(field.getValue());
                }
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(SecretScrubber::scrub);
        }
    }

    /**
     * Masks secret values in raw text that could not be parsed (quarantine excerpts). Works on fragments too: a value
     * cut off by the excerpt's end is masked up to the end.
     */
    public static String scrubText(String text) {
        return SECRET_IN_TEXT.matcher(text).replaceAll("$1\"<removed>\"");
    }
}
