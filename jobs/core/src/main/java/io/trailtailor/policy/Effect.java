package io.trailtailor.policy;

/** The effect of an IAM policy statement. */
public enum Effect {
    ALLOW("Allow"),
    DENY("Deny");

    private final String json;

    Effect(String json) {
        this.json = json;
    }

    /** The spelling in policy JSON. */
    public String json() {
        return json;
    }

    public static Effect fromJson(String s) {
        for (Effect e : values()) if (e.json.equalsIgnoreCase(s)) return e;
        throw new IllegalArgumentException("unknown Effect: " + s);
    }
}
