package io.trailtailor.flink.alerts;

import io.trailtailor.alerts.AlertRoutes;
import io.trailtailor.avro.AttributedCallRow;
import io.trailtailor.catalog.CloudTrailActionMapper;
import io.trailtailor.catalog.IamCatalog;
import io.trailtailor.catalog.MappingResult;
import io.trailtailor.catalog.RequiredAction;
import io.trailtailor.event.ApiCall;
import io.trailtailor.flink.avro.AvroMapper;
import io.trailtailor.flink.stream.AttributedApiCall;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;

/**
 * An attributed call → the observations the alert rules decide on ({@link AlertRoutes#ofCall}), with the actions
 * the catalog mapper says it needed. Only the slim fields leave: never the request, the response or the access key.
 */
final class RouteCalls extends ProcessFunction<AttributedApiCall, PendingObservation> {

    private static final Pattern USER_ARN = Pattern.compile("^arn:aws[a-z-]*:iam::\\d{12}:user/.+$");

    private transient CloudTrailActionMapper mapper;

    @Override
    public void open(OpenContext context) {
        mapper = CloudTrailActionMapper.create(IamCatalog.loadDefault());
    }

    @Override
    public void processElement(AttributedApiCall in, Context ctx, Collector<PendingObservation> out) {
        ApiCall call = AvroMapper.fromAvro(in.call);
        MappingResult result = mapper.map(call);
        List<RequiredAction> actions = result.status() == MappingResult.Status.MAPPED ? result.actions() : List.of();
        if (actions.isEmpty() && !call.denied()) return; // nothing an allowed-call rule can judge
        for (AlertRoutes.Routed r : AlertRoutes.ofCall(facts(call, in.attribution), actions)) {
            out.collect(PendingObservation.of(r));
        }
    }

    static AlertRoutes.CallFacts facts(ApiCall call, AttributedCallRow who) {
        String arn = call.identity().arn();
        String user = "IAMUser".equals(call.identity().type())
                        && arn != null
                        && USER_ARN.matcher(arn).matches()
                ? arn
                : null;
        String resource =
                call.resources().isEmpty() ? null : call.resources().get(0).arn();
        return new AlertRoutes.CallFacts(
                call.eventId(),
                call.eventTime().toEpochMilli(),
                who == null ? null : who.getMechanism(),
                who == null ? null : who.getRoleArn(),
                user,
                arn,
                who == null ? null : who.getCluster(),
                who == null ? null : who.getNamespace(),
                who == null ? null : who.getServiceAccount(),
                who == null ? null : who.getPodUid(),
                call.denied(),
                call.eventSourcePrefix() + ":" + call.eventName(),
                resource);
    }
}
