package io.seawatch.db;

import io.seawatch.db.VesselStaticRow.Field;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

/**
 * Table {@code vessel_static} (migration V1): static and voyage data per vessel, merged per field.
 * Each field {@code f} has a column {@code f_ts}; the upsert takes the incoming value of a field
 * only when the incoming (f_ts, f) is greater than the stored one, so each field ends as the value
 * of the newest message that carried it, whatever the arrival order, and a late message never
 * overwrites a newer value. Rows where nothing would change are not rewritten.
 */
public final class VesselStaticTable {
  public static final String TABLE = "vessel_static";

  /** Parameters: mmsi, then per {@link Field} in order its value and its timestamp. */
  public static final String UPSERT = upsert();

  private VesselStaticTable() {}

  private static String upsert() {
    List<String> cols = new ArrayList<>();
    List<String> sets = new ArrayList<>();
    List<String> newer = new ArrayList<>();
    cols.add("mmsi");
    for (Field f : Field.values()) {
      String c = f.column();
      String ts = c + "_ts";
      cols.add(c);
      cols.add(ts);
      String cond =
          "(EXCLUDED." + ts + " IS NOT NULL AND (t." + ts + " IS NULL OR (EXCLUDED." + ts
              + ", EXCLUDED." + c + ") > (t." + ts + ", t." + c + ")))";
      sets.add(c + " = CASE WHEN " + cond + " THEN EXCLUDED." + c + " ELSE t." + c + " END");
      sets.add(ts + " = CASE WHEN " + cond + " THEN EXCLUDED." + ts + " ELSE t." + ts + " END");
      newer.add(cond);
    }
    return "INSERT INTO vessel_static AS t (" + String.join(", ", cols) + ") VALUES ("
        + String.join(", ", java.util.Collections.nCopies(cols.size(), "?")) + ")"
        + " ON CONFLICT (mmsi) DO UPDATE SET " + String.join(", ", sets)
        + " WHERE " + String.join(" OR ", newer);
  }

  public static void bind(PreparedStatement ps, VesselStaticRow row) throws SQLException {
    ps.setInt(1, row.mmsi());
    int i = 2;
    for (Field f : Field.values()) {
      Object v = row.value(f);
      switch (f.kind()) {
        case INT -> {
          if (v == null) {
            ps.setNull(i, Types.INTEGER);
          } else {
            ps.setInt(i, (Integer) v);
          }
        }
        case DOUBLE -> {
          if (v == null) {
            ps.setNull(i, Types.DOUBLE);
          } else {
            ps.setDouble(i, (Double) v);
          }
        }
        case TEXT -> ps.setString(i, (String) v);
      }
      SqlValues.setTimestamp(ps, i + 1, v == null ? null : row.timestampMillis(f));
      i += 2;
    }
  }
}
