package io.trailtailor.synthetic;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.io.SerializedString;
import io.trailtailor.synthetic.Model.Account;
import java.io.IOException;

/** The parts of one CloudTrail record, filled by the simulation and serialized by {@link #write}. Reused. */
final class Rec {
    private static final SerializedString F_EVENTVERSION = new SerializedString("eventVersion");
    private static final SerializedString F_USERIDENTITY = new SerializedString("userIdentity");
    private static final SerializedString F_EVENTTIME = new SerializedString("eventTime");
    private static final SerializedString F_EVENTSOURCE = new SerializedString("eventSource");
    private static final SerializedString F_EVENTNAME = new SerializedString("eventName");
    private static final SerializedString F_AWSREGION = new SerializedString("awsRegion");
    private static final SerializedString F_SOURCEIPADDRESS = new SerializedString("sourceIPAddress");
    private static final SerializedString F_USERAGENT = new SerializedString("userAgent");
    private static final SerializedString F_ERRORCODE = new SerializedString("errorCode");
    private static final SerializedString F_ERRORMESSAGE = new SerializedString("errorMessage");
    private static final SerializedString F_REQUESTPARAMETERS = new SerializedString("requestParameters");
    private static final SerializedString F_RESPONSEELEMENTS = new SerializedString("responseElements");
    private static final SerializedString F_ADDITIONALEVENTDATA = new SerializedString("additionalEventData");
    private static final SerializedString F_REQUESTID = new SerializedString("requestID");
    private static final SerializedString F_EVENTID = new SerializedString("eventID");
    private static final SerializedString F_READONLY = new SerializedString("readOnly");
    private static final SerializedString F_RESOURCES = new SerializedString("resources");
    private static final SerializedString F_EVENTTYPE = new SerializedString("eventType");
    private static final SerializedString F_MANAGEMENTEVENT = new SerializedString("managementEvent");
    private static final SerializedString F_RECIPIENTACCOUNTID = new SerializedString("recipientAccountId");
    private static final SerializedString F_SHAREDEVENTID = new SerializedString("sharedEventID");
    private static final SerializedString F_VPCENDPOINTID = new SerializedString("vpcEndpointId");
    private static final SerializedString F_EVENTCATEGORY = new SerializedString("eventCategory");
    private static final SerializedString F_TLSVERSION = new SerializedString("tlsVersion");
    private static final SerializedString F_CIPHERSUITE = new SerializedString("cipherSuite");
    private static final SerializedString F_CLIENTPROVIDEDHOSTHEADER = new SerializedString("clientProvidedHostHeader");
    private static final SerializedString F_TLSDETAILS = new SerializedString("tlsDetails");
    /** Writes one JSON value (object or null) for a record part. */
    interface Body {
        void write(JsonGenerator g) throws IOException;
    }

    String version;
    long time;
    String source;
    String name;
    String region;
    Account account;
    String sourceIp;
    String userAgent;
    SerializedString userAgentJson; // pre-encoded userAgent of a caller, when set
    String errorCode;
    String errorMessage;
    Body identity;
    Body request;
    Body response;
    Body resources;
    Body additional;
    boolean readOnly;
    boolean data;
    String sharedEventId;
    String tlsHost;
    String vpcEndpointId;
    String eventId;
    String requestId;

    void reset() {
        version = source = name = region = sourceIp = userAgent = errorCode = errorMessage = null;
        userAgentJson = null;
        sharedEventId = tlsHost = vpcEndpointId = eventId = requestId = null;
        identity = request = response = resources = additional = null;
        account = null;
        readOnly = data = false;
        time = 0;
    }

    private final Times.SecondCache seconds = new Times.SecondCache();

    void write(JsonGenerator g) throws IOException {
        String lastSecondText = seconds.isoSeconds(time);
        g.writeStartObject();
        g.writeFieldName(F_EVENTVERSION);
        g.writeString(version);
        g.writeFieldName(F_USERIDENTITY);
        identity.write(g);
        g.writeFieldName(F_EVENTTIME);
        g.writeString(lastSecondText);
        g.writeFieldName(F_EVENTSOURCE);
        g.writeString(source);
        g.writeFieldName(F_EVENTNAME);
        g.writeString(name);
        g.writeFieldName(F_AWSREGION);
        g.writeString(region);
        g.writeFieldName(F_SOURCEIPADDRESS);
        g.writeString(sourceIp);
        g.writeFieldName(F_USERAGENT);
        if (userAgentJson != null) {
            g.writeString(userAgentJson);
        } else {
            g.writeString(userAgent);
        }
        if (errorCode != null) {
            g.writeFieldName(F_ERRORCODE);
            g.writeString(errorCode);
            g.writeFieldName(F_ERRORMESSAGE);
            g.writeString(errorMessage);
        }
        g.writeFieldName(F_REQUESTPARAMETERS);
        if (request == null) {
            g.writeNull();
        } else {
            request.write(g);
        }
        g.writeFieldName(F_RESPONSEELEMENTS);
        if (response == null || errorCode != null) {
            g.writeNull(); // denied calls carry no response
        } else {
            response.write(g);
        }
        if (additional != null) {
            g.writeFieldName(F_ADDITIONALEVENTDATA);
            additional.write(g);
        }
        g.writeFieldName(F_REQUESTID);
        g.writeString(requestId);
        g.writeFieldName(F_EVENTID);
        g.writeString(eventId);
        g.writeFieldName(F_READONLY);
        g.writeBoolean(readOnly);
        if (resources != null) {
            g.writeFieldName(F_RESOURCES);
            resources.write(g);
        }
        g.writeFieldName(F_EVENTTYPE);
        g.writeString("AwsApiCall");
        g.writeFieldName(F_MANAGEMENTEVENT);
        g.writeBoolean(!data);
        g.writeFieldName(F_RECIPIENTACCOUNTID);
        g.writeString(account.id);
        if (sharedEventId != null) {
            g.writeFieldName(F_SHAREDEVENTID);
            g.writeString(sharedEventId);
        }
        if (vpcEndpointId != null) {
            g.writeFieldName(F_VPCENDPOINTID);
            g.writeString(vpcEndpointId);
        }
        g.writeFieldName(F_EVENTCATEGORY);
        g.writeString(data ? "Data" : "Management");
        if (tlsHost != null) {
            g.writeFieldName(F_TLSDETAILS);
            g.writeStartObject();
            g.writeFieldName(F_TLSVERSION);
            g.writeString("TLSv1.3");
            g.writeFieldName(F_CIPHERSUITE);
            g.writeString("TLS_AES_128_GCM_SHA256");
            g.writeFieldName(F_CLIENTPROVIDEDHOSTHEADER);
            g.writeString(tlsHost);
            g.writeEndObject();
        }
        g.writeEndObject();
    }

    static void resource(JsonGenerator g, String account, String type, String arn) throws IOException {
        g.writeStartObject();
        if (account != null) {
            g.writeStringField("accountId", account);
        }
        g.writeStringField("type", type);
        g.writeStringField("ARN", arn);
        g.writeEndObject();
    }
}
