package io.trailtailor.flink.policy;

import io.trailtailor.avro.AttributedCallRow;
import io.trailtailor.catalog.CloudTrailActionMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.catalog.MappingResult;
import io.trailtailor.catalog.RequiredAction;
import io.trailtailor.event.ApiCall;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.stream.AttributedApiCall;
import io.trailtailor.flink.stream.Counters;
import io.trailtailor.policy.PassRoleCondition;
import java.util.regex.Pattern;
import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * One attributed call → one usage row per required action × resource, for the role behind it (or the IAM user who
 * made it) and for its workload; an {@code iam:PassRole} row carries the services the mapper says the role was passed
 * to;
 * the decision what a call needed is the catalog mapper's. Events the mapper cannot map go to {@link #UNMAPPED} and
 * are counted.
 */
final class MapToUsage extends ProcessFunction<AttributedApiCall, UsageEntry> {

    static final OutputTag<UnmappedEvent> UNMAPPED =
            new OutputTag<>("unmapped-events", TypeInformation.of(UnmappedEvent.class));

    static final String ROLE = "ROLE";
    static final String WORKLOAD = "WORKLOAD";
    static final String USER = "USER";
    private static final Pattern USER_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:user/.+$");

    private transient CloudTrailActionMapper mapper;
    private transient LongCounter unmapped;

    @Override
    public void open(OpenContext context) {
        mapper = CloudTrailActionMapper.create(IamCatalog.loadDefault());
        unmapped = new LongCounter();
        getRuntimeContext().addAccumulator(Counters.UNMAPPED_EVENTS, unmapped);
    }

    @Override
    public void processElement(AttributedApiCall in, Context ctx, Collector<UsageEntry> out) {
        ApiCall call = AvroMapper.fromAvro(in.call);
        MappingResult result = mapper.map(call);
        if (result.status() == MappingResult.Status.UNMAPPED
                || result.status() == MappingResult.Status.UNKNOWN_SERVICE) {
            unmapped.add(1);
            UnmappedEvent u = new UnmappedEvent();
            u.eventSource = call.eventSource();
            u.eventName = call.eventName();
            u.status = result.status().name();
            u.explanation = result.explanation();
            u.count = 1;
            u.exampleEventId = call.eventId();
            ctx.output(UNMAPPED, u);
            return;
        }
        if (result.status() != MappingResult.Status.MAPPED) {
            return;
        }
        AttributedCallRow who = in.attribution;
        boolean denied = call.denied();
        long time = call.eventTime().toEpochMilli();
        String user = userArn(call);
        for (RequiredAction action : result.actions()) {
            for (String resource : action.resourceArns()) {
                if (who.getRoleArn() != null && !who.getRoleArn().isBlank()) {
                    out.collect(entry(ROLE, who.getRoleArn(), null, null, null, action, resource, denied, time, call));
                } else if (user != null) {
                    out.collect(entry(USER, user, null, null, null, action, resource, denied, time, call));
                }
                if (who.getServiceAccount() != null && who.getCluster() != null && who.getNamespace() != null) {
                    out.collect(entry(
                            WORKLOAD,
                            who.getCluster() + "/" + who.getNamespace() + "/" + who.getServiceAccount(),
                            who.getCluster(),
                            who.getNamespace(),
                            who.getServiceAccount(),
                            action,
                            resource,
                            denied,
                            time,
                            call));
                }
            }
        }
    }

    /** The IAM user who made the call (long-term keys or a session token of the user), or null. */
    static String userArn(ApiCall call) {
        String arn = call.identity().arn();
        return "IAMUser".equals(call.identity().type())
                        && arn != null
                        && USER_ARN.matcher(arn).matches()
                ? arn
                : null;
    }

    private static UsageEntry entry(
            String kind,
            String principal,
            String cluster,
            String namespace,
            String sa,
            RequiredAction action,
            String resource,
            boolean denied,
            long time,
            ApiCall call) {
        UsageEntry e = new UsageEntry();
        e.kind = kind;
        e.principal = principal;
        e.cluster = cluster;
        e.namespace = namespace;
        e.serviceAccount = sa;
        e.action = action.action();
        e.resource = resource;
        e.denied = denied;
        e.calls = 1;
        e.firstSeen = time;
        e.lastSeen = time;
        e.origin = action.origin().name();
        e.evidence = new String[] {call.eventId()};
        e.passedToServices = action.action().equals(PassRoleCondition.ACTION)
                ? PassRoleCondition.servicesInNote(action.note()).toArray(String[]::new)
                : new String[0];
        return e;
    }
}
