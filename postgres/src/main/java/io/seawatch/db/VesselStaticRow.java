package io.seawatch.db;

import io.seawatch.model.VesselStatic;
import java.util.Arrays;
import java.util.Objects;

/**
 * One {@code vessel_static} row in the making: for each field the value and the event time of the
 * newest message that carried it. {@link #merge} is commutative and associative with the same
 * order as the SQL upsert (greatest (time, value)), so merging before the write (to cut writes)
 * gives the row that writing every message one by one would give.
 */
public final class VesselStaticRow {
  /** Value kinds, with the orders the SQL columns compare by. */
  public enum Kind {
    INT,
    DOUBLE,
    /** Compared by code point = UTF-8 byte order = {@code COLLATE "C"} on a UTF8 database. */
    TEXT
  }

  /** The merged fields, in column order. */
  public enum Field {
    IMO("imo", Kind.INT),
    CALLSIGN("callsign", Kind.TEXT),
    SHIPNAME("shipname", Kind.TEXT),
    SHIPTYPE("shiptype", Kind.INT),
    TO_BOW("to_bow", Kind.INT),
    TO_STERN("to_stern", Kind.INT),
    TO_PORT("to_port", Kind.INT),
    TO_STARBOARD("to_starboard", Kind.INT),
    DRAUGHT("draught", Kind.DOUBLE),
    DESTINATION("destination", Kind.TEXT),
    ETA("eta", Kind.TEXT);

    private final String column;
    private final Kind kind;

    Field(String column, Kind kind) {
      this.column = column;
      this.kind = kind;
    }

    public String column() {
      return column;
    }

    public Kind kind() {
      return kind;
    }
  }

  private static final Field[] FIELDS = Field.values();

  private final int mmsi;
  private final Object[] values;
  private final long[] times;

  private VesselStaticRow(int mmsi, Object[] values, long[] times) {
    this.mmsi = mmsi;
    this.values = values;
    this.times = times;
  }

  /**
   * The row of one message. Values are normalized as stored: NUL in text becomes U+FFFD, a NaN
   * draught counts as not carried.
   */
  public static VesselStaticRow from(VesselStatic s) {
    Object[] v = {
      s.imo(),
      SqlValues.text(s.callsign()),
      SqlValues.text(s.shipname()),
      s.shiptype(),
      s.toBow(),
      s.toStern(),
      s.toPort(),
      s.toStarboard(),
      s.draught() == null || s.draught().isNaN() ? null : s.draught() + 0.0, // -0.0 == 0.0 in SQL
      SqlValues.text(s.destination()),
      SqlValues.text(s.eta())
    };
    long[] t = new long[FIELDS.length];
    for (int i = 0; i < t.length; i++) {
      t[i] = v[i] == null ? 0 : s.timestampMillis();
    }
    return new VesselStaticRow(s.mmsi(), v, t);
  }

  /**
   * A row from decoded parts (coders): {@code values[i]} of {@link Field} i's kind or null,
   * {@code times[i]} its event time (ignored when the value is null).
   */
  public static VesselStaticRow of(int mmsi, Object[] values, long[] times) {
    if (values.length != FIELDS.length || times.length != FIELDS.length) {
      throw new IllegalArgumentException("expected " + FIELDS.length + " fields");
    }
    Object[] v = values.clone();
    long[] t = times.clone();
    for (int i = 0; i < FIELDS.length; i++) {
      if (v[i] == null) {
        t[i] = 0;
      } else if (!kindOf(v[i]).equals(FIELDS[i].kind)) {
        throw new IllegalArgumentException(FIELDS[i] + " is " + FIELDS[i].kind + ": " + v[i]);
      }
    }
    return new VesselStaticRow(mmsi, v, t);
  }

  private static Kind kindOf(Object v) {
    return v instanceof Integer ? Kind.INT : v instanceof Double ? Kind.DOUBLE : Kind.TEXT;
  }

  public int mmsi() {
    return mmsi;
  }

  public boolean has(Field f) {
    return values[f.ordinal()] != null;
  }

  /** The value, or null when no merged message carried the field. */
  public Object value(Field f) {
    return values[f.ordinal()];
  }

  /** Event time of {@link #value}; meaningless when the field is absent. */
  public long timestampMillis(Field f) {
    return times[f.ordinal()];
  }

  /** Per field the newer (greater (time, value)) of both rows; both must have the same mmsi. */
  public VesselStaticRow merge(VesselStaticRow o) {
    if (o.mmsi != mmsi) {
      throw new IllegalArgumentException("merging mmsi " + mmsi + " with " + o.mmsi);
    }
    Object[] v = values.clone();
    long[] t = times.clone();
    boolean changed = false;
    for (int i = 0; i < FIELDS.length; i++) {
      if (o.values[i] != null && (v[i] == null || newer(o.times[i], o.values[i], t[i], v[i]))) {
        v[i] = o.values[i];
        t[i] = o.times[i];
        changed = true;
      }
    }
    return changed ? new VesselStaticRow(mmsi, v, t) : this;
  }

  private static boolean newer(long ta, Object a, long tb, Object b) {
    if (ta != tb) {
      return ta > tb;
    }
    return compareValues(a, b) > 0;
  }

  /** The SQL column order of two values of one kind. */
  static int compareValues(Object a, Object b) {
    if (a instanceof Integer x) {
      return Integer.compare(x, (Integer) b);
    }
    if (a instanceof Double x) {
      return Double.compare(x, (Double) b);
    }
    String s = (String) a;
    String r = (String) b;
    int i = 0;
    int j = 0;
    while (i < s.length() && j < r.length()) {
      int cs = s.codePointAt(i);
      int cr = r.codePointAt(j);
      if (cs != cr) {
        return Integer.compare(cs, cr);
      }
      i += Character.charCount(cs);
      j += Character.charCount(cr);
    }
    return Boolean.compare(i < s.length(), j < r.length());
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof VesselStaticRow r) || r.mmsi != mmsi) {
      return false;
    }
    for (int i = 0; i < FIELDS.length; i++) {
      if (!Objects.equals(values[i], r.values[i]) || (values[i] != null && times[i] != r.times[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return 31 * mmsi + Arrays.hashCode(values);
  }

  @Override
  public String toString() {
    StringBuilder b = new StringBuilder("VesselStaticRow{mmsi=").append(mmsi);
    for (Field f : FIELDS) {
      if (has(f)) {
        b.append(", ").append(f.column).append('=').append(value(f)).append('@')
            .append(timestampMillis(f));
      }
    }
    return b.append('}').toString();
  }
}
