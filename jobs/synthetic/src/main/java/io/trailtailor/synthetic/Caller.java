package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.io.SerializedString;
import io.trailtailor.identity.Mechanism;
import io.trailtailor.synthetic.Model.Holder;
import io.trailtailor.synthetic.Model.Node;
import io.trailtailor.synthetic.Model.Op;
import io.trailtailor.synthetic.Model.Pod;
import io.trailtailor.synthetic.Model.Session;
import java.util.List;

/** Something that makes AWS calls: a pod, a node's agents, a human, a CI run, an IAM user. */
final class Caller {
    Mechanism label;
    List<Op> ops;
    double[] opCum;
    double weight;
    Pod pod;
    Node node;
    Holder holder;
    long from;
    long to = Long.MAX_VALUE;
    String userAgent;
    String sourceIp;
    String rootPrincipal;
    SerializedString userAgentJson;
    Session truthSession;
    String truthAttribution;

    /** The role a pod's IRSA session chains into, calling from {@code from} on. */
    static Caller chained(Pod p, long from) {
        Caller c = new Caller();
        c.label = Mechanism.ROLE_CHAIN;
        c.pod = p;
        c.node = p.node;
        c.ops = p.workload.chainOps;
        c.weight = p.workload.weight;
        c.holder = p.chained;
        c.from = from;
        c.userAgent = sdkUserAgent(p.workload.sdk);
        c.sourceIp = p.workload.cluster.account.natIp;
        c.rootPrincipal = serviceAccount(p);
        return c;
    }

    /** The Kubernetes identity at the root of a pod's credential chain. */
    static String serviceAccount(Pod p) {
        return "system:serviceaccount:" + p.workload.namespace + ":" + p.workload.serviceAccount;
    }

    /** The user agent of the AWS SDK a workload is written with: go, java, else python. */
    static String sdkUserAgent(String sdk) {
        return switch (sdk) {
            case "go" -> "aws-sdk-go-v2/1.30.3 os/linux lang/go#1.22.5 md/GOOS#linux md/GOARCH#amd64";
            case "java" ->
                "aws-sdk-java/2.25.60 Linux/5.10.225-213.878.amzn2.x86_64 OpenJDK_64-Bit_Server_VM/17.0.11+9-LTS "
                        + "Java/17.0.11 vendor/Amazon.com_Inc. io/sync http/Apache cfg/retry-mode/legacy";
            default ->
                "Boto3/1.34.69 md/Botocore#1.34.69 ua/2.0 os/linux#5.10.225-213.878.amzn2.x86_64 md/arch#x86_64 "
                        + "lang/python#3.11.9 md/pyimpl#CPython cfg/retry-mode#legacy Botocore/1.34.69";
        };
    }
}
