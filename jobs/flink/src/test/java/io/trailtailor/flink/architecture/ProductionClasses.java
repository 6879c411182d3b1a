package io.trailtailor.flink.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The project's production classes (core and Flink wiring, no tests) as ArchUnit sees them: imported once per test
 * JVM, as importing them takes seconds and every rule reads the same set.
 */
public final class ProductionClasses {

    private static JavaClasses classes;

    private ProductionClasses() {}

    public static synchronized JavaClasses get() {
        if (classes == null) {
            classes = new ClassFileImporter()
                    .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("io.trailtailor");
        }
        return classes;
    }
}
