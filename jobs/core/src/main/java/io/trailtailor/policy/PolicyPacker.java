package io.trailtailor.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs statements into IAM documents under a size limit (IAM's count: non-whitespace characters). A statement that
 * alone exceeds the limit is split, resources first, then actions, halving; its parts keep its conditions and get
 * Sids {@code <Sid>Part2}, ... Statements then go, in order, into as few documents as that order allows.
 */
final class PolicyPacker {

    private final int maxPolicySize;

    PolicyPacker(int maxPolicySize) {
        this.maxPolicySize = maxPolicySize;
    }

    /** The statements as they will be written: each one small enough for a document of its own. */
    List<SynthesizedStatement> pieces(List<SynthesizedStatement> statements) {
        List<SynthesizedStatement> out = new ArrayList<>();
        statements.forEach(s -> out.addAll(fit(s)));
        return out;
    }

    private List<SynthesizedStatement> fit(SynthesizedStatement s) {
        if (size(List.of(s.statement())) <= maxPolicySize) return List.of(s);
        List<PolicyStatement> parts = split(s.statement());
        List<SynthesizedStatement> out = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            PolicyStatement p = parts.get(i);
            String sid = i == 0 ? s.statement().sid() : s.statement().sid() + "Part" + (i + 1);
            out.add(new SynthesizedStatement(
                    p.with(sid, p.actions(), p.resources()),
                    s.service(),
                    s.accessLevel(),
                    s.resourceType(),
                    s.calls(),
                    s.firstSeen(),
                    s.lastSeen(),
                    s.evidenceEventIds()));
        }
        return out;
    }

    private List<PolicyStatement> split(PolicyStatement st) {
        if (size(List.of(st)) <= maxPolicySize) return List.of(st);
        List<PolicyStatement> out = new ArrayList<>();
        List<String> r = st.resources();
        List<String> a = st.actions();
        if (r.size() > 1) {
            int h = r.size() / 2;
            out.addAll(split(st.with(st.sid(), a, r.subList(0, h))));
            out.addAll(split(st.with(st.sid(), a, r.subList(h, r.size()))));
        } else if (a.size() > 1) {
            int h = a.size() / 2;
            out.addAll(split(st.with(st.sid(), a.subList(0, h), r)));
            out.addAll(split(st.with(st.sid(), a.subList(h, a.size()), r)));
        } else {
            throw new IllegalStateException("one action on one resource exceeds maxPolicySize: " + st);
        }
        return out;
    }

    /** Statements in order into as few documents as that order allows, each under the limit. */
    List<PolicyDocument> pack(List<SynthesizedStatement> pieces) {
        List<PolicyDocument> docs = new ArrayList<>();
        List<PolicyStatement> cur = new ArrayList<>();
        for (SynthesizedStatement s : pieces) {
            List<PolicyStatement> next = new ArrayList<>(cur);
            next.add(s.statement());
            if (!cur.isEmpty() && size(next) > maxPolicySize) {
                docs.add(PolicyDocument.of(cur));
                cur = new ArrayList<>();
            }
            cur.add(s.statement());
        }
        if (!cur.isEmpty()) docs.add(PolicyDocument.of(cur));
        return docs;
    }

    private static int size(List<PolicyStatement> statements) {
        return PolicyDocument.of(statements).iamSize();
    }
}
