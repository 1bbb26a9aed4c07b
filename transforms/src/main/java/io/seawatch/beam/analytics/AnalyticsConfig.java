package io.seawatch.beam.analytics;

import io.seawatch.rules.RuleConfig;
import java.io.Serializable;
import java.util.Objects;

/**
 * Settings of the analytics layer: the rule thresholds and how late an input may arrive.
 *
 * @param rules thresholds of the plain-Java rules
 * @param allowedLatenessMillis how far behind the watermark a position may arrive and still be
 *     applied in order; every stateful step's flush waits this long (satellite AIS arrives hours
 *     late: the default is 60 min, the pipeline option {@code --analyticsAllowedLatenessMinutes})
 */
public record AnalyticsConfig(RuleConfig rules, long allowedLatenessMillis) implements Serializable {
  /** The default of {@code --analyticsAllowedLatenessMinutes}, declared here only. */
  public static final long DEFAULT_ALLOWED_LATENESS_MINUTES = 60;

  public static final long DEFAULT_ALLOWED_LATENESS_MILLIS =
      RuleConfig.minutes(DEFAULT_ALLOWED_LATENESS_MINUTES);

  public AnalyticsConfig {
    Objects.requireNonNull(rules, "rules");
    if (allowedLatenessMillis < 0) {
      throw new IllegalArgumentException("allowed lateness must be >= 0: " + allowedLatenessMillis);
    }
  }

  public static AnalyticsConfig defaults() {
    return new AnalyticsConfig(RuleConfig.defaults(), DEFAULT_ALLOWED_LATENESS_MILLIS);
  }

  /**
   * How long a key's processed time outlives its last input (so stragglers are still recognised
   * as late): the vessel-state TTL, at least the allowed lateness.
   */
  public long keyRetentionMillis() {
    return Math.max(rules.vesselStateTtlMillis(), allowedLatenessMillis);
  }
}
