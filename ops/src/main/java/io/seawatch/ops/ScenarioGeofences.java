package io.seawatch.ops;

import io.seawatch.db.GeofenceRow;
import io.seawatch.testdata.AnalyticsScenario;
import io.seawatch.testdata.AnalyticsScenarios;
import io.seawatch.testdata.ScenarioGeofence;
import java.util.ArrayList;
import java.util.List;

/** The geofences the named analytics scenarios need (the ferry's port), as table rows. */
public final class ScenarioGeofences {
  private ScenarioGeofences() {}

  public static List<GeofenceRow> rows() {
    List<GeofenceRow> rows = new ArrayList<>();
    for (AnalyticsScenario s : AnalyticsScenarios.all()) {
      for (ScenarioGeofence g : s.geofences()) {
        rows.add(new GeofenceRow(g.id(), g.name(), g.kind(), g.polygon()));
      }
    }
    return rows;
  }
}
