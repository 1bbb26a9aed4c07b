package io.seawatch.rules;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One alert: what the {@code alert} table holds and the {@code seawatch.alerts} topic carries, the
 * feed an alert engine reads. An alert stands for the start of an event of an analytic rule (a GAP
 * opened, LOITERING started, a geofence entry or exit, an ENCOUNTER started, a SPOOFED_JUMP).
 *
 * <p>Versions of one alert share its {@link #id}. The first is usually {@link Status#PROVISIONAL}
 * (decided in arrival order, seconds after the input); the exact path later makes it {@link
 * Status#FINAL}, or {@link Status#RETRACTED} when the exact rules never produce that event (a late
 * input changed the outcome). {@link #later} is the one rule that decides which version a table or
 * a consumer keeps, whatever order the versions come in: so a consumer that applies every record
 * of the topic by id with it ends with the table's content.
 *
 * @param id deterministic: from the kind and the event id ({@link #idOf})
 * @param kind what happened
 * @param timeMillis when it happened (the event's start)
 * @param endMillis the event's end as far as known, -1 while open
 * @param decidedMillis provisional versions: the event time of the input (or, for an open GAP, of
 *     the input clock) that decided it, kept when retracted; -1 for final versions
 * @param mmsi the vessel (the lower MMSI of a pair), 0 when none
 * @param lat position of the event, NaN if unknown
 * @param lon position of the event, NaN if unknown
 * @param eventId the {@code vessel_event} id behind the alert
 * @param status provisional, final or retracted
 * @param details the event's details (plus {@code other_mmsi} for pairs)
 */
public record Alert(
    long id,
    Kind kind,
    long timeMillis,
    long endMillis,
    long decidedMillis,
    int mmsi,
    double lat,
    double lon,
    long eventId,
    Status status,
    Map<String, Object> details) {

  /** Alert kinds; the names are stored and published, do not rename. */
  public enum Kind {
    GAP_OPENED,
    LOITERING_STARTED,
    GEOFENCE_ENTRY,
    GEOFENCE_EXIT,
    ENCOUNTER_STARTED,
    SPOOFED_JUMP
  }

  /** Version status, in the order {@link #later} ranks them (final wins). */
  public enum Status {
    PROVISIONAL,
    RETRACTED,
    FINAL;

    /** The stored and published spelling: lower case. */
    public String wire() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Status ofWire(String s) {
      return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
  }

  public Alert {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(status, "status");
    details = VesselEvent.normalizeDetails(details);
  }

  /** The alert kind of an event kind, empty for kinds that raise no alert (segments, port visits). */
  public static Optional<Kind> kindOf(VesselEvent.Kind kind) {
    return Optional.ofNullable(
        switch (kind) {
          case GAP -> Kind.GAP_OPENED;
          case LOITERING -> Kind.LOITERING_STARTED;
          case GEOFENCE_ENTRY -> Kind.GEOFENCE_ENTRY;
          case GEOFENCE_EXIT -> Kind.GEOFENCE_EXIT;
          case ENCOUNTER -> Kind.ENCOUNTER_STARTED;
          case SPOOFED_JUMP -> Kind.SPOOFED_JUMP;
          case PORT_VISIT, SEGMENT -> null;
        });
  }

  /** True when events of this kind raise alerts. */
  public static boolean raises(VesselEvent e) {
    return kindOf(e.kind()).isPresent();
  }

  /**
   * The alert of an event version.
   *
   * @param decidedMillis see {@link #decidedMillis}; ignored (-1) when final
   * @throws IllegalArgumentException when the event's kind raises no alert
   */
  public static Alert of(VesselEvent e, Status status, long decidedMillis) {
    Kind kind =
        kindOf(e.kind())
            .orElseThrow(() -> new IllegalArgumentException("no alert for " + e.kind()));
    TreeMap<String, Object> d = new TreeMap<>(e.details());
    if (e.otherMmsi() != 0) {
      d.put("other_mmsi", (long) e.otherMmsi());
    }
    return new Alert(
        idOf(kind, e.id()),
        kind,
        e.startMillis(),
        e.endMillis(),
        status == Status.FINAL ? -1 : decidedMillis,
        e.mmsi(),
        e.lat(),
        e.lon(),
        e.id(),
        status,
        d);
  }

  /** This alert withdrawn: same id, content and deciding time, status retracted. */
  public Alert retracted() {
    return new Alert(
        id, kind, timeMillis, endMillis, decidedMillis, mmsi, lat, lon, eventId, Status.RETRACTED,
        details);
  }

  public boolean open() {
    return endMillis == -1;
  }

  /**
   * The alert id: 64-bit FNV-1a of {@code "ALERT|KIND|eventId"} followed by the SplitMix64
   * finalizer, like {@link VesselEvent#idOf}. Part of the storage format: never change it.
   */
  public static long idOf(Kind kind, long eventId) {
    return VesselEvent.hash64("ALERT|" + kind.name() + '|' + eventId);
  }

  /**
   * Of two versions of one alert, the one to keep: final over retracted over provisional; of two
   * finals the closed over the open one, then the later end (as {@code vessel_event} keeps its
   * versions); otherwise the first. Commutative in its result for versions the pipeline makes, so
   * the kept version does not depend on the order they arrive in.
   */
  public static Alert later(Alert a, Alert b) {
    if (a.status != b.status) {
      return a.status.ordinal() > b.status.ordinal() ? a : b;
    }
    if (a.status == Status.FINAL && a.open() != b.open()) {
      return a.open() ? b : a;
    }
    return b.endMillis > a.endMillis ? b : a;
  }

  /**
   * The topic's record value: one JSON object, ids as strings (a JavaScript number cannot hold a
   * 64-bit id), times ISO-8601 UTC, unknown values null.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder(256);
    b.append("{\"id\":\"").append(id).append('"');
    b.append(",\"kind\":\"").append(kind.name()).append('"');
    b.append(",\"time\":").append(isoOrNull(timeMillis));
    b.append(",\"end_time\":").append(isoOrNull(endMillis));
    b.append(",\"decided_at\":").append(isoOrNull(decidedMillis));
    b.append(",\"mmsi\":").append(mmsi == 0 ? "null" : Integer.toString(mmsi));
    b.append(",\"lat\":").append(Double.isFinite(lat) ? Double.toString(lat) : "null");
    b.append(",\"lon\":").append(Double.isFinite(lon) ? Double.toString(lon) : "null");
    b.append(",\"event_id\":\"").append(eventId).append('"');
    b.append(",\"status\":\"").append(status.wire()).append('"');
    b.append(",\"details\":").append(detailsJson());
    return b.append('}').toString();
  }

  /** Details as a JSON object, keys sorted (the {@code details} jsonb column). */
  public String detailsJson() {
    return VesselEvent.json(details);
  }

  private static String isoOrNull(long millis) {
    return millis == -1 ? "null" : '"' + Instant.ofEpochMilli(millis).toString() + '"';
  }
}
