package io.trailtailor.policy;

import static io.trailtailor.policy.PolicyEvaluator.Decision.ALLOWED;
import static io.trailtailor.policy.PolicyEvaluator.Decision.EXPLICIT_DENY;
import static io.trailtailor.policy.PolicyEvaluator.Decision.IMPLICIT_DENY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.trailtailor.policy.PolicyEvaluator.Decision;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyEvaluatorTest {

    @ParameterizedTest(name = "action {0} vs {1} -> {2}")
    @CsvSource({
        "s3:GetObject, s3:GetObject, true",
        "s3:getobject, s3:GetObject, true", // action names are case-insensitive
        "S3:GETOBJECT, s3:GetObject, true",
        "s3:Get*, s3:GetObject, true",
        "s3:Get*, s3:GetObjectTagging, true",
        "s3:Get*, s3:PutObject, false",
        "s3:*Object, s3:GetObject, true",
        "s3:*Object, s3:GetObjectAcl, false",
        "s3:Get?bject, s3:GetObject, true",
        "s3:Get?bject, s3:GetOObject, false",
        "s3:*, s3:ListBucket, true",
        "s3:*, s3express:CreateSession, false", // the service part is literal, not a prefix
        "*, kms:Decrypt, true",
        "s3:GetObject, s3:GetObjectAcl, false", // anchored at both ends
        "s3:Get.*, s3:GetObject, false", // regex metacharacters are literals
        "kms:*Key*, kms:GenerateDataKeyWithoutPlaintext, true",
    })
    void matchesActions(String pattern, String action, boolean expected) {
        assertThat(IamWildcards.actionMatches(pattern, action)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "resource {0} vs {1} -> {2}")
    @CsvSource({
        "*, arn:aws:s3:::b/k, true",
        "arn:aws:s3:::b/k, arn:aws:s3:::b/k, true",
        "arn:aws:s3:::b/K, arn:aws:s3:::b/k, false", // resource ARNs are case-sensitive
        "arn:aws:iam::111122223333:user/Bob, arn:aws:iam::111122223333:user/bob, false",
        "arn:aws:s3:::b/*, arn:aws:s3:::b/a/b/c.txt, true", // * crosses '/'
        "arn:aws:s3:::b/*, arn:aws:s3:::b, false",
        "arn:aws:s3:::b*, arn:aws:s3:::b, true",
        "arn:aws:s3:::b*, arn:aws:s3:::bucket2/k, true",
        "arn:aws:s3:::b/a?c, arn:aws:s3:::b/abc, true",
        "arn:aws:s3:::b/a?c, arn:aws:s3:::b/ac, false",
        "arn:aws:s3:::b/*.txt, arn:aws:s3:::b/x:y.txt, true", // in the resource part * crosses ':'
        "arn:aws:sqs:*:111122223333:q, arn:aws:sqs:us-east-1:111122223333:q, true",
        "arn:aws:sqs:us-*-1:111122223333:q, arn:aws:sqs:us-east-1:111122223333:q, true",
        "arn:aws:sqs:u*1:111122223333:q, arn:aws:sqs:us-east-1:111122223333:q, true",
        "arn:aws:sqs:us-*:111122223333:q, arn:aws:sqs:us-east-1:111122223333:q, true",
        "arn:aws:sqs:*:*:q, arn:aws:sqs:eu-west-1:444455556666:q, true",
        "arn:aws:sqs:*:*:q, arn:aws:sqs:eu-west-1:444455556666:q2, false",
        "arn:aws:lambda:us-east-1:111122223333:function:f*, arn:aws:lambda:us-east-1:111122223333:function:f:prod, true",
        "arn:aws:lambda:us-east-1:111122223333:function:f, arn:aws:lambda:us-east-1:111122223333:function:f:prod, false",
        "arn:aws:dynamodb:us-east-1:111122223333:table/t, arn:aws:dynamodb:us-east-1:111122223333:table/t/index/i, false",
        "arn:aws:dynamodb:us-east-1:111122223333:table/t/index/*, arn:aws:dynamodb:us-east-1:111122223333:table/t/index/i, true",
        "arn:aws:s3:::b/${aws:username}/*, arn:aws:s3:::b/alice/k, false", // policy variables are not substituted
        "arn:aws:s3:::b/(a|b), arn:aws:s3:::b/a, false", // regex metacharacters are literals
    })
    void matchesResources(String pattern, String resource, boolean expected) {
        assertThat(IamWildcards.resourceMatches(pattern, resource)).isEqualTo(expected);
    }

    static final String POLICY = """
      {
        "Version": "2012-10-17",
        "Statement": [
          {"Sid": "Read", "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"],
           "Resource": ["arn:aws:s3:::data", "arn:aws:s3:::data/*"]},
          {"Effect": "Allow", "Action": "sqs:*", "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs"},
          {"Effect": "Allow", "NotAction": ["iam:*", "organizations:*"], "Resource": "arn:aws:ssm:*:*:parameter/app/*"},
          {"Effect": "Allow", "Action": "kms:Decrypt", "NotResource": "arn:aws:kms:us-east-1:111122223333:key/secret"},
          {"Effect": "Deny", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/private/*"},
          {"Effect": "Deny", "NotAction": "sqs:ReceiveMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:jobs",
           "Condition": {"Bool": {"aws:SecureTransport": "false"}}}
        ]
      }
      """;

    static Stream<Arguments> requests() {
        return Stream.of(
                Arguments.of("s3:GetObject", "arn:aws:s3:::data/a.csv", ALLOWED),
                Arguments.of("S3:GETOBJECT", "arn:aws:s3:::data/a.csv", ALLOWED),
                Arguments.of("s3:GetObject", "arn:aws:s3:::Data/a.csv", IMPLICIT_DENY),
                Arguments.of("s3:ListBucket", "arn:aws:s3:::data", ALLOWED),
                Arguments.of("s3:PutObject", "arn:aws:s3:::data/a.csv", IMPLICIT_DENY),
                Arguments.of("s3:GetObject", "arn:aws:s3:::data/private/x", EXPLICIT_DENY), // Deny overrides Allow
                Arguments.of("s3:GetObject", "arn:aws:s3:::other/a.csv", IMPLICIT_DENY),
                // the conditional Deny is treated as applying: everything but ReceiveMessage on the queue is denied
                Arguments.of("sqs:SendMessage", "arn:aws:sqs:us-east-1:111122223333:jobs", EXPLICIT_DENY),
                Arguments.of("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:jobs", ALLOWED),
                Arguments.of("sqs:ReceiveMessage", "arn:aws:sqs:us-east-1:111122223333:other", IMPLICIT_DENY),
                Arguments.of("ssm:GetParameter", "arn:aws:ssm:eu-west-1:111122223333:parameter/app/db", ALLOWED),
                Arguments.of("iam:PassRole", "arn:aws:ssm:eu-west-1:111122223333:parameter/app/db", IMPLICIT_DENY),
                Arguments.of("ssm:GetParameter", "arn:aws:ssm:eu-west-1:111122223333:parameter/other", IMPLICIT_DENY),
                Arguments.of("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/open", ALLOWED),
                Arguments.of("kms:Decrypt", "arn:aws:kms:us-east-1:111122223333:key/secret", IMPLICIT_DENY),
                Arguments.of("kms:Encrypt", "arn:aws:kms:us-east-1:111122223333:key/open", IMPLICIT_DENY));
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @MethodSource("requests")
    void evaluatesStatementsTogether(String action, String resource, Decision expected) {
        PolicyEvaluator e = PolicyEvaluator.of(PolicyDocument.fromJson(POLICY));
        assertThat(e.evaluate(action, resource)).isEqualTo(expected);
    }

    @Test
    void combinesSeveralDocumentsAndADenyInAnyOfThemWins() {
        PolicyDocument allow = PolicyDocument.fromJson("""
        {"Statement": {"Effect": "Allow", "Action": "dynamodb:*", "Resource": "*"}}""");
        PolicyDocument deny = PolicyDocument.fromJson("""
        {"Version": "2012-10-17", "Statement": [{"Effect": "Deny", "Action": "dynamodb:Delete*", "Resource": "*"}]}""");
        PolicyEvaluator e = PolicyEvaluator.of(allow, deny);
        assertThat(e.evaluate("dynamodb:GetItem", "arn:aws:dynamodb:us-east-1:1:table/t"))
                .isEqualTo(ALLOWED);
        assertThat(e.evaluate("dynamodb:DeleteItem", "arn:aws:dynamodb:us-east-1:1:table/t"))
                .isEqualTo(EXPLICIT_DENY);
        assertThat(PolicyEvaluator.of().evaluate("s3:GetObject", "*")).isEqualTo(IMPLICIT_DENY);
    }

    @Test
    void rejectsStatementsWithBothOrNeitherActionForms() {
        assertThatThrownBy(() -> PolicyDocument.fromJson("""
        {"Statement": [{"Effect": "Allow", "Action": "s3:*", "NotAction": "s3:Get*", "Resource": "*"}]}""")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PolicyDocument.fromJson("""
        {"Statement": [{"Effect": "Allow", "Action": "s3:*"}]}""")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void writesAndReadsBackTheSameDocument() {
        PolicyDocument d = PolicyDocument.fromJson(POLICY);
        assertThat(PolicyDocument.fromJson(d.toJson())).isEqualTo(d);
        assertThat(d.iamSize()).isEqualTo(PolicyDocument.iamSize(d.toJson()));
    }
}
