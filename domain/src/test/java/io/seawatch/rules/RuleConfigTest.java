package io.seawatch.rules;

import static org.junit.Assert.assertEquals;

import org.junit.Test;

public class RuleConfigTest {
  /** The documented defaults (docs/rules.md), in RuleConfig's units. */
  @Test
  public void defaultsAreTheDocumentedValues() {
    assertEquals(
        new RuleConfig(
            25.0, 1.0, 4, 86_400_000L, 21_600_000L, 60_000L, 2_592_000_000L, 2.0, 14_400_000L,
            3_600_000L, 2, 86_400_000L, 0.5, 1_800_000L, 500.0, 7_200_000L, 2.0, 900_000L,
            1_800_000L, 8),
        RuleConfig.defaults());
  }

  @Test
  public void unitConversions() {
    assertEquals(90_000L, RuleConfig.seconds(90));
    assertEquals(5_400_000L, RuleConfig.minutes(90));
    assertEquals(172_800_000L, RuleConfig.days(2));
  }
}
