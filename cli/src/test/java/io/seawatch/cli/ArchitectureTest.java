package io.seawatch.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.Test;

/**
 * The module graph as rules over the production classes of every module (the CLI's classpath has
 * them all): cli -> harness -> ops -> pipelines -> transforms -> postgres -> domain. The poms
 * already make most of these compile errors (the domain has no dependency, the
 * Postgres layer no Beam); these rules also hold the packages inside one module apart, and fail
 * with the offending class and line.
 */
public class ArchitectureTest {
  private static final String[] DOMAIN = {
    "io.seawatch.ais..", "io.seawatch.geo..", "io.seawatch.model..", "io.seawatch.rules.."
  };

  private static final JavaClasses SEAWATCH =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.seawatch");

  @Test
  public void packagesAreFreeOfCycles() {
    slices().matching("io.seawatch.(**)").should().beFreeOfCycles().check(SEAWATCH);
  }

  @Test
  public void layersOnlyPointDown() {
    layeredArchitecture()
        .consideringOnlyDependenciesInLayers()
        .layer("domain").definedBy(DOMAIN)
        .layer("postgres").definedBy("io.seawatch.db..")
        .layer("transforms").definedBy("io.seawatch.beam..")
        .layer("pipelines").definedBy("io.seawatch.pipelines..")
        .layer("ops").definedBy("io.seawatch.ops..")
        .layer("harness").definedBy("io.seawatch.harness..")
        .layer("cli").definedBy("io.seawatch.cli..")
        .whereLayer("cli").mayNotBeAccessedByAnyLayer()
        .whereLayer("harness").mayOnlyBeAccessedByLayers("cli")
        .whereLayer("ops").mayOnlyBeAccessedByLayers("harness", "cli")
        .whereLayer("pipelines").mayOnlyBeAccessedByLayers("ops", "harness", "cli")
        .whereLayer("transforms").mayOnlyBeAccessedByLayers("pipelines", "ops", "harness", "cli")
        .whereLayer("postgres")
        .mayOnlyBeAccessedByLayers("transforms", "pipelines", "ops", "harness", "cli")
        .check(SEAWATCH);
  }

  @Test
  public void domainIsPlainJava() {
    noClasses()
        .that().resideInAnyPackage(DOMAIN)
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.apache.beam..", "org.apache.kafka..", "org.apache.flink..", "java.sql..",
            "javax.sql..", "org.postgresql..", "com.zaxxer..", "org.slf4j..")
        .check(SEAWATCH);
  }

  @Test
  public void postgresLayerHasNoBeamOrKafka() {
    noClasses()
        .that().resideInAPackage("io.seawatch.db..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.apache.beam..", "org.apache.kafka..", "org.apache.flink..")
        .check(SEAWATCH);
  }

  @Test
  public void theJobLoadsNoTestData() {
    noClasses()
        .that().resideOutsideOfPackages("io.seawatch.cli..", "io.seawatch.harness..",
            "io.seawatch.ops..", "io.seawatch.testdata..")
        .should().dependOnClassesThat().resideInAPackage("io.seawatch.testdata..")
        .check(SEAWATCH);
  }

  @Test
  public void onlyTheCliParsesCommandLines() {
    noClasses()
        .that().resideOutsideOfPackage("io.seawatch.cli..")
        .should().dependOnClassesThat().resideInAPackage("picocli..")
        .check(SEAWATCH);
  }
}
