package io.trailtailor.grants;

import java.time.Instant;
import java.util.List;

/** An EC2 instance profile ({@code InstanceProfileList[]} of a role) and the roles it holds. */
public record InstanceProfile(String name, String arn, Instant createDate, List<String> roleArns) {

    public InstanceProfile {
        roleArns = List.copyOf(roleArns);
    }
}
