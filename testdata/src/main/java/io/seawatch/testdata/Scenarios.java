package io.seawatch.testdata;

import java.time.Duration;

/**
 * Named, deterministic data sets. Each fleet comes with the manifest of what a correct decoder
 * makes of it; tests name the scenario they use instead of building one inline.
 */
public final class Scenarios {
  private Scenarios() {}

  /** 10 vessels (plus the base stations and aids to navigation), 10 minutes, 1 % corrupt lines. */
  public static GeneratedFleet tinyFleet() {
    return FleetGenerator.builder().vessels(10).duration(Duration.ofMinutes(10)).build()
        .generate();
  }

  /** {@link #tinyFleet()} without corrupt lines: every line decodes. */
  public static GeneratedFleet cleanTinyFleet() {
    return FleetGenerator.builder().vessels(10).duration(Duration.ofMinutes(10)).corruptShare(0)
        .build().generate();
  }

  /** 50 vessels for one hour, 1 % corrupt lines. */
  public static GeneratedFleet smallFleet() {
    return FleetGenerator.builder().vessels(50).duration(Duration.ofHours(1)).build().generate();
  }

  /** The demo: the default configuration (seed 42, 200 vessels, 2 h), about 160k lines. */
  public static GeneratedFleet defaultFleet() {
    return FleetGenerator.builder().build().generate();
  }

  /** 1,000 hostile lines (seed 7): all rejected except the valid-but-absurd kinds. */
  public static GarbageSet hostileInput() {
    return new GarbageGenerator(7).generate(1000);
  }
}
