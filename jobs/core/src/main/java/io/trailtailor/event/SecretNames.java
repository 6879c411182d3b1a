package io.trailtailor.event;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which field names hold credentials. Names are compared case-insensitively and without separators, so
 * {@code aws_secret_access_key}, {@code X-Amz-Security-Token} and {@code secretAccessKey} are one rule each. A name is
 * secret when it is one of the known names or ends with one of the known secret suffixes; a few names that merely
 * mention a token but hold none (and that correlation reads) are kept explicitly.
 */
final class SecretNames {

    /** Names that look secret but are evidence: the IRSA subject, projected-token volumes, a boolean. */
    private static final Set<String> NOT_SECRET = Set.of(
            "subjectfromwebidentitytoken",
            "serviceaccounttoken",
            "automountserviceaccounttoken",
            "tokenexpirationtime",
            "expirationseconds");

    private static final Set<String> EXACT = Set.of(
            "password",
            "passwd",
            "pwd",
            "pass",
            "secret",
            "token",
            "authorization",
            "cookie",
            "setcookie",
            "keymaterial",
            "samlresponse",
            "credential");

    private static final List<String> SUFFIXES = List.of(
            "password",
            "passwd",
            "passphrase",
            "secret",
            "secretkey",
            "secretaccesskey",
            "secretstring",
            "secretbinary",
            "privatekey",
            "apikey",
            "accesstoken",
            "sessiontoken",
            "securitytoken",
            "refreshtoken",
            "idtoken",
            "authtoken",
            "bearertoken",
            "authorizationtoken",
            "webidentitytoken",
            "oauthtoken",
            "samlassertion",
            "connectionstring",
            "connstring",
            "authorization",
            "signingkey");

    /** Field names repeat from record to record; the verdict is remembered, up to a bound. */
    private static final int CACHE_LIMIT = 20_000;

    private static final Map<String, Boolean> VERDICTS = new ConcurrentHashMap<>();

    private SecretNames() {}

    /** True when a field of this name holds a credential and must not be stored. */
    static boolean isSecret(String name) {
        Boolean known = VERDICTS.get(name);
        if (known != null) {
            return known;
        }
        boolean secret = judge(name);
        if (VERDICTS.size() < CACHE_LIMIT) {
            VERDICTS.put(name, secret);
        }
        return secret;
    }

    private static boolean judge(String name) {
        String n = normalize(name);
        if (NOT_SECRET.contains(n)) {
            return false;
        }
        if (EXACT.contains(n)) {
            return true;
        }
        for (String suffix : SUFFIXES) {
            if (n.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /**
     * True for the names under which CloudTrail records environment variables (Lambda, ECS, CodeBuild, SageMaker).
     * Kubernetes {@code env} is not here: {@link AuditObjectPruner} keeps only the credential-naming variables.
     */
    static boolean isEnvironment(String name) {
        if (name.length() < "environment".length()) {
            return false;
        }
        String n = normalize(name);
        return n.equals("environment") || n.endsWith("environmentvariables");
    }

    static String normalize(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '_' && c != '-' && c != '.' && c != ' ') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
