package io.trailtailor.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The S3 object keys a principal used, as one tree per bucket with a node per key prefix ending in {@code /}
 * ({@code input/}, {@code input/job-7/}), and the collapses that generalize them. A node's children are its
 * distinct objects and sub-prefixes. Collapsing a node writes every observed object under it as one pattern
 * ({@link KeyPattern}), so a collapse is never wider than a prefix that was actually used and never crosses a
 * bucket. ARNs that already hold a wildcard, bucket ARNs and other resources are not part of the tree.
 */
final class S3KeyTree {

    private static final Pattern S3_OBJECT = Pattern.compile("^(arn:aws[a-z-]*:s3:::[^/*?]+)/(.*)$");

    /** One key prefix of one bucket. */
    static final class Node {
        final String bucketArn;
        final String keyPrefix;
        final int depth;
        final Node parent;
        final Map<String, Node> dirs = new TreeMap<>();
        final Set<String> objects = new TreeSet<>();
        private String pattern;
        private List<String> arns;

        Node(String bucketArn, String keyPrefix, int depth, Node parent) {
            this.bucketArn = bucketArn;
            this.keyPrefix = keyPrefix;
            this.depth = depth;
            this.parent = parent;
        }

        int children() {
            return dirs.size() + objects.size();
        }

        /** The node as an ARN prefix, e.g. {@code arn:aws:s3:::b/input/}. */
        String prefixArn() {
            return bucketArn + "/" + keyPrefix;
        }

        /** Every observed object ARN under the node, sorted. */
        List<String> arns() {
            if (arns == null) {
                List<String> keys = new ArrayList<>();
                relativeKeys("", keys);
                arns = keys.stream().map(k -> prefixArn() + k).sorted().toList();
            }
            return arns;
        }

        private void relativeKeys(String path, List<String> out) {
            objects.forEach(o -> out.add(path + o));
            dirs.forEach((name, child) -> child.relativeKeys(path + name + "/", out));
        }

        /** The ARN pattern that covers every observed object under the node. */
        String pattern() {
            if (pattern == null) {
                List<String> keys = new ArrayList<>();
                relativeKeys("", keys);
                pattern = prefixArn() + KeyPattern.of(keys);
            }
            return pattern;
        }

        boolean isUnder(Set<Node> collapsed) {
            for (Node n = parent; n != null; n = n.parent) if (collapsed.contains(n)) return true;
            return false;
        }
    }

    /** Write every observed object under {@code node} as its pattern. */
    record Collapse(Node node, ResourceWidening.Reason reason) {
        ResourceWidening widening() {
            List<String> arns = node.arns();
            return new ResourceWidening(
                    node.prefixArn(),
                    node.pattern(),
                    arns.size(),
                    node.children(),
                    reason,
                    arns.subList(0, Math.min(arns.size(), ResourceWidening.MAX_EXAMPLES)));
        }
    }

    private final Map<String, Node> buckets = new TreeMap<>();
    private final List<Node> nodes = new ArrayList<>();

    private S3KeyTree() {}

    /** The tree of the plain S3 object ARNs among {@code resources}; everything else is ignored. */
    static S3KeyTree of(Collection<String> resources) {
        S3KeyTree tree = new S3KeyTree();
        for (String r : new TreeSet<>(resources)) {
            Matcher m = S3_OBJECT.matcher(r);
            if (!m.matches() || IamWildcards.hasWildcard(m.group(2))) continue;
            Node node = tree.buckets.computeIfAbsent(m.group(1), b -> tree.add(new Node(b, "", 0, null)));
            String[] parts = m.group(2).split("/", -1);
            for (int i = 0; i < parts.length - 1; i++) {
                Node parent = node;
                node = parent.dirs.computeIfAbsent(
                        parts[i],
                        d -> tree.add(
                                new Node(parent.bucketArn, parent.keyPrefix + d + "/", parent.depth + 1, parent)));
            }
            node.objects.add(parts[parts.length - 1]);
        }
        return tree;
    }

    private Node add(Node n) {
        nodes.add(n);
        return n;
    }

    boolean isEmpty() {
        return buckets.isEmpty();
    }

    /**
     * Threshold collapses, top-down: a node with more than {@code threshold} children is collapsed (covering all
     * below it); otherwise its sub-prefixes are examined. 0 never collapses.
     */
    List<Collapse> thresholdCollapses(int threshold) {
        List<Collapse> out = new ArrayList<>();
        if (threshold > 0) buckets.values().forEach(b -> threshold(b, threshold, out));
        return out;
    }

    private static void threshold(Node n, int threshold, List<Collapse> out) {
        if (n.children() > threshold) {
            out.add(new Collapse(n, ResourceWidening.Reason.THRESHOLD));
        } else {
            n.dirs.values().forEach(c -> threshold(c, threshold, out));
        }
    }

    /**
     * Further collapses to try, narrowest first, each one reducing the number of resources written. Breadth is
     * judged without knowing the unobserved keys: a deeper prefix grants a subset of what its ancestors would, so
     * deeper nodes come first; at equal depth, the pattern with more literal characters, then the node covering
     * more observed keys (fewer unused ones per key granted). A node already inside {@code applied} is never a
     * step; a broader step covers and replaces the narrower ones below it.
     */
    List<Collapse> budgetSteps(List<Collapse> applied) {
        Set<Node> collapsed = new HashSet<>();
        applied.forEach(c -> collapsed.add(c.node()));
        List<Node> candidates = nodes.stream()
                .filter(n -> !collapsed.contains(n) && !n.isUnder(collapsed))
                .sorted(Comparator.comparingInt((Node n) -> -n.depth)
                        .thenComparingInt(n -> -literalLength(n.pattern()))
                        .thenComparingInt(n -> -n.arns().size())
                        .thenComparing(Node::prefixArn))
                .toList();
        List<Collapse> steps = new ArrayList<>();
        for (Node n : candidates) {
            if (written(n, collapsed) < 2) continue;
            collapsed.add(n);
            steps.add(new Collapse(n, ResourceWidening.Reason.BUDGET));
        }
        return steps;
    }

    /** How many resources the node's objects are written as, given the collapsed nodes. */
    private static int written(Node n, Set<Node> collapsed) {
        if (collapsed.contains(n)) return 1;
        int w = n.objects.size();
        for (Node c : n.dirs.values()) w += written(c, collapsed);
        return w;
    }

    private static int literalLength(String pattern) {
        return pattern.length() - (int) pattern.chars().filter(c -> c == '*').count();
    }

    /** Observed ARN → the pattern it is written as; a later collapse (broader, or disjoint) wins. */
    static Map<String, String> mapping(List<Collapse> collapses) {
        Map<String, String> out = new TreeMap<>();
        for (Collapse c : collapses)
            c.node().arns().forEach(a -> out.put(a, c.node().pattern()));
        return out;
    }

    /** The collapses not covered by another one of the list, in prefix order: the ones that show in the policy. */
    static List<Collapse> outermost(List<Collapse> collapses) {
        Set<Node> all = new HashSet<>();
        collapses.forEach(c -> all.add(c.node()));
        return collapses.stream()
                .filter(c -> !c.node().isUnder(all))
                .sorted(Comparator.comparing(c -> c.node().prefixArn()))
                .toList();
    }
}
