package io.trailtailor.findings;

/**
 * A concrete, machine-usable fix.
 *
 * @param kind what to do
 * @param summary one sentence for a human
 * @param file the file trailtailor wrote that carries the fix, relative to {@code --out} ({@code policies/...},
 *     {@code rbac/...}), or null when there is none
 * @param patch the replacement policy or trust JSON, the RBAC YAML or the condition to add, as text; null when the
 *     fix is a deletion or a review
 * @param patchFormat {@code json}, {@code yaml}, {@code text}, or null with no patch
 */
public record Recommendation(RecommendationKind kind, String summary, String file, String patch, String patchFormat) {

    public static Recommendation of(RecommendationKind kind, String summary) {
        return new Recommendation(kind, summary, null, null, null);
    }

    public Recommendation withKind(RecommendationKind newKind) {
        return new Recommendation(newKind, summary, file, patch, patchFormat);
    }
}
