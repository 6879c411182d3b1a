package io.trailtailor.flink.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering the design promises, checked on the compiled classes of every module: no package cycle in the Flink
 * wiring or in the core, and no Flink, AWS SDK or Avro type reachable from the core (its operators are thin adapters
 * around plain Java, so the core stays testable and portable).
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = ProductionClasses.get();
    }

    @Test
    void theFlinkWiringHasNoPackageCycle() {
        slices().matching("io.trailtailor.flink.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes);
    }

    @Test
    void theCoreHasNoPackageCycle() {
        slices().matching("io.trailtailor.(*)..")
                .should()
                .beFreeOfCycles()
                .check(classes.that(resideOutsideOfPackages("io.trailtailor.flink..", "io.trailtailor.avro..")));
    }

    @Test
    void theCoreUsesNoFlinkAwsOrAvroType() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.trailtailor.flink..", "io.trailtailor.avro..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.flink..",
                        "software.amazon..",
                        "org.apache.avro..",
                        "org.apache.parquet..",
                        "org.apache.hadoop..",
                        "io.trailtailor.avro..",
                        "io.trailtailor.flink..")
                .check(classes);
    }
}
