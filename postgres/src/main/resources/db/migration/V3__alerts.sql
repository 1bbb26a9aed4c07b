-- V3: the alert path (docs/schema.md "alert", docs/analytics.md "Provisional events and alerts").

-- alert: one row per alert (the start of an event of a rule), the same records the
-- seawatch.alerts topic carries. id is deterministic (Alert.idOf: kind and event id). A row is
-- first 'provisional' (decided in arrival order, seconds after the input), then 'final' (the
-- exact path) or 'retracted' (the exact path never made the event). The upsert keeps the version
-- Alert.later picks: final over retracted over provisional, then the later end; so the table does
-- not depend on the order versions arrive in, and a consumer applying the topic the same way ends
-- with the same rows.
CREATE TABLE alert (
  id         bigint           PRIMARY KEY,
  kind       text             NOT NULL,
  start_ts   timestamptz      NOT NULL,
  end_ts     timestamptz,
  decided_ts timestamptz,
  mmsi       integer,
  lat        double precision,
  lon        double precision,
  event_id   bigint           NOT NULL,
  status     text             NOT NULL CHECK (status IN ('provisional', 'final', 'retracted')),
  details    jsonb            NOT NULL
);
COMMENT ON TABLE alert IS
  'Alerts (GAP_OPENED, LOITERING_STARTED, GEOFENCE_ENTRY/EXIT, ENCOUNTER_STARTED, SPOOFED_JUMP); '
  'status provisional -> final | retracted; event_id = vessel_event.id; decided_ts: event time '
  'that decided a provisional version (kept when retracted).';
CREATE INDEX alert_start ON alert (start_ts);
CREATE INDEX alert_mmsi_start ON alert (mmsi, start_ts);
CREATE INDEX alert_unconfirmed ON alert (decided_ts) WHERE status <> 'final';

-- vessel_event.provisional_ts: set on a row written by the provisional path and not yet
-- confirmed by the exact one (the event time that decided it), NULL on exact rows. The exact
-- version of the event replaces the row (provisional_ts NULL); a retraction deletes it. When every
-- input has been applied exactly, no provisional row is left.
ALTER TABLE vessel_event ADD COLUMN provisional_ts timestamptz;
CREATE INDEX vessel_event_provisional ON vessel_event (provisional_ts)
  WHERE provisional_ts IS NOT NULL;
