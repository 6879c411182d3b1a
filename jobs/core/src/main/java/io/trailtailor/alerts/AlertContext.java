package io.trailtailor.alerts;

import java.io.Serializable;

/**
 * What the rules of one run judge against: the baseline of {@code --baseline} (null without it, then the learning
 * window applies) and the actions an EKS node role is expected to make.
 */
public record AlertContext(AlertBaseline baseline, LearningWindow learning, NodeActions nodeActions)
        implements Serializable {

    public AlertContext {
        learning = learning == null ? LearningWindow.defaults() : learning;
        nodeActions = nodeActions == null ? NodeActions.none() : nodeActions;
    }

    public boolean hasBaseline() {
        return baseline != null;
    }
}
