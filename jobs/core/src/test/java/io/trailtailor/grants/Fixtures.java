package io.trailtailor.grants;

import java.nio.file.Path;

/** Paths of the real-shaped fixtures under {@code src/test/resources/findings}. */
final class Fixtures {
    static final Path ROOT = Path.of("src/test/resources/findings");
    static final Path IAM = ROOT.resolve("iam");
    static final String ISSUER = "oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE";
    static final String PROVIDER = "arn:aws:iam::111122223333:oidc-provider/" + ISSUER;

    private Fixtures() {}

    /** The three authorization-details files (two pages of one account, one other account). */
    static IamSnapshot snapshot() {
        return IamSnapshotReader.read(
                IAM.resolve("account-111122223333-page1.json"),
                IAM.resolve("account-111122223333-page2.json"),
                IAM.resolve("account-444455556666.json"));
    }

    static String role(String name) {
        return "arn:aws:iam::111122223333:role/" + name;
    }
}
