package io.seawatch.pipelines;

import static org.junit.Assert.assertEquals;

import io.seawatch.beam.analytics.AnalyticsConfig;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/** The analytics options are RuleConfig's thresholds: same defaults, each mapped to its field. */
public class AnalyticsOptionsTest {
  private static final long SECOND = 1_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long DAY = 24 * 60 * MINUTE;

  /** Each threshold option and the value it sets, read back in the option's unit. */
  private static final Map<String, Function<AnalyticsConfig, Object>> THRESHOLDS =
      new LinkedHashMap<>();

  static {
    THRESHOLDS.put("maxSpeedKnots", c -> c.rules().maxSpeedKnots());
    THRESHOLDS.put("minJumpNm", c -> c.rules().minJumpNm());
    THRESHOLDS.put("segmentMaxGapMinutes", c -> c.rules().segmentMaxGapMillis() / MINUTE);
    THRESHOLDS.put("gapThresholdMinutes", c -> c.rules().gapThresholdMillis() / MINUTE);
    THRESHOLDS.put("feedStallWindowSeconds", c -> c.rules().feedStallWindowMillis() / SECOND);
    THRESHOLDS.put("vesselStateTtlDays", c -> c.rules().vesselStateTtlMillis() / DAY);
    THRESHOLDS.put("loiterMaxSpeedKnots", c -> c.rules().loiterMaxSpeedKnots());
    THRESHOLDS.put("loiterMinDurationMinutes", c -> c.rules().loiterMinDurationMillis() / MINUTE);
    THRESHOLDS.put("loiterMaxFixGapMinutes", c -> c.rules().loiterMaxFixGapMillis() / MINUTE);
    THRESHOLDS.put("geofenceConfirmFixes", c -> c.rules().geofenceConfirmFixes());
    THRESHOLDS.put("geofenceTimeoutMinutes", c -> c.rules().geofenceTimeoutMillis() / MINUTE);
    THRESHOLDS.put("portStopSpeedKnots", c -> c.rules().portStopSpeedKnots());
    THRESHOLDS.put("portMinStopMinutes", c -> c.rules().portMinStopMillis() / MINUTE);
    THRESHOLDS.put("encounterMaxDistanceMeters", c -> c.rules().encounterMaxDistanceMeters());
    THRESHOLDS.put(
        "encounterMinDurationMinutes", c -> c.rules().encounterMinDurationMillis() / MINUTE);
    THRESHOLDS.put("encounterMaxSpeedKnots", c -> c.rules().encounterMaxSpeedKnots());
    THRESHOLDS.put("encounterMaxGapMinutes", c -> c.rules().encounterMaxGapMillis() / MINUTE);
    THRESHOLDS.put("analyticsAllowedLatenessMinutes", c -> c.allowedLatenessMillis() / MINUTE);
  }

  /** The AnalyticsOptions that set no threshold. */
  private static final Set<String> NOT_THRESHOLDS = Set.of("analytics", "geofenceRefreshMinutes", "provisionalEvents", "alertsTopic");

  private static Object get(IngestPipeline.Options o, String option) throws Exception {
    Method getter =
        IngestPipeline.AnalyticsOptions.class.getMethod(
            "get" + Character.toUpperCase(option.charAt(0)) + option.substring(1));
    return getter.invoke(o);
  }

  @Test
  public void everyAnalyticsOptionIsCheckedHere() {
    Set<String> declared = new TreeSet<>();
    for (Method m : IngestPipeline.AnalyticsOptions.class.getDeclaredMethods()) {
      if (m.getName().startsWith("get")) {
        declared.add(Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4));
      }
    }
    Set<String> known = new TreeSet<>(THRESHOLDS.keySet());
    known.addAll(NOT_THRESHOLDS);
    assertEquals(known, declared);
  }

  @Test
  public void eachDefaultIsRuleConfigsDefault() throws Exception {
    IngestPipeline.Options o = PipelineOptionsFactory.as(IngestPipeline.Options.class);
    AnalyticsConfig defaults = AnalyticsConfig.defaults();
    for (Map.Entry<String, Function<AnalyticsConfig, Object>> t : THRESHOLDS.entrySet()) {
      assertEquals("default of --" + t.getKey(), t.getValue().apply(defaults), get(o, t.getKey()));
    }
    assertEquals(defaults, IngestPipeline.analyticsConfig(o));
  }

  @Test
  public void eachOptionSetsItsOwnThresholdOnly() throws Exception {
    AnalyticsConfig defaults = AnalyticsConfig.defaults();
    for (String option : THRESHOLDS.keySet()) {
      Object changed = plusOne(THRESHOLDS.get(option).apply(defaults));
      IngestPipeline.Options o =
          PipelineOptionsFactory.fromArgs("--" + option + "=" + changed)
              .as(IngestPipeline.Options.class);
      AnalyticsConfig c = IngestPipeline.analyticsConfig(o);
      for (Map.Entry<String, Function<AnalyticsConfig, Object>> t : THRESHOLDS.entrySet()) {
        Object expected = t.getKey().equals(option) ? changed : t.getValue().apply(defaults);
        assertEquals("--" + option + "=" + changed + ": " + t.getKey(), expected,
            t.getValue().apply(c));
      }
    }
  }

  private static Object plusOne(Object v) {
    if (v instanceof Double d) {
      return d + 1;
    }
    if (v instanceof Long l) {
      return l + 1;
    }
    if (v instanceof Integer i) {
      return i + 1;
    }
    throw new AssertionError("not a number: " + Arrays.asList(v));
  }
}
