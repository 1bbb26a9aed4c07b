-- V2: tables of the vessel analytics (docs/rules.md, docs/schema.md). Every write is idempotent:
-- replays and recoveries leave every table as one clean run would.

-- vessel_event: one row per event of a rule. id is the rule's deterministic event id
-- (VesselEvent.idOf: kind, mmsi, other_mmsi, start, scope), so the closing version of an open event
-- updates the same row; the upsert never lets an open version replace a closed one.
-- Open events have end_ts NULL; point events (geofence entry/exit, spoofed jump) end_ts = start_ts.
-- Segments are SEGMENT rows (see the vessel_segment view).
CREATE TABLE vessel_event (
  id         bigint           PRIMARY KEY,
  kind       text             NOT NULL,
  mmsi       integer          NOT NULL,
  other_mmsi integer,
  start_ts   timestamptz      NOT NULL,
  end_ts     timestamptz,
  lat        double precision,
  lon        double precision,
  open       boolean          NOT NULL,
  details    jsonb            NOT NULL,
  CHECK (open = (end_ts IS NULL))
);
COMMENT ON TABLE vessel_event IS
  'Analytic events (GAP, LOITERING, ENCOUNTER, GEOFENCE_ENTRY/EXIT, PORT_VISIT, SPOOFED_JUMP, '
  'SEGMENT); id deterministic; end_ts NULL while open; other_mmsi = higher MMSI of a pair.';
CREATE INDEX vessel_event_mmsi_start ON vessel_event (mmsi, start_ts);
CREATE INDEX vessel_event_other_mmsi ON vessel_event (other_mmsi) WHERE other_mmsi IS NOT NULL;
CREATE INDEX vessel_event_kind_start ON vessel_event (kind, start_ts);
CREATE INDEX vessel_event_open ON vessel_event (mmsi) WHERE open;

-- vessel_segment: track segments, the SEGMENT events in the shape of a table of their own.
CREATE VIEW vessel_segment AS
  SELECT mmsi,
         id                                        AS segment_id,
         start_ts,
         end_ts,
         open,
         (details ->> 'points')::integer           AS points,
         (details ->> 'distance_m')::double precision AS distance_m,
         lat                                       AS start_lat,
         lon                                       AS start_lon,
         (details ->> 'end_lat')::double precision AS end_lat,
         (details ->> 'end_lon')::double precision AS end_lon
    FROM vessel_event
   WHERE kind = 'SEGMENT';

-- density_hourly: positions and distinct vessels per UTC hour and 0.1 degree grid cell
-- (GridCell: id = row * 3600 + col; cell_lat/cell_lon = the cell's centre). Written with the full
-- values once the hour is complete, and only over smaller ones: replays change nothing.
CREATE TABLE density_hourly (
  hour      timestamptz      NOT NULL,
  cell_id   bigint           NOT NULL,
  cell_lat  double precision NOT NULL,
  cell_lon  double precision NOT NULL,
  positions integer          NOT NULL,
  vessels   integer          NOT NULL,
  PRIMARY KEY (hour, cell_id)
);
COMMENT ON TABLE density_hourly IS
  'Positions and distinct vessels per UTC hour and 0.1 degree cell (cell_lat/lon = centre).';

-- geofence: areas the pipeline tracks (read at start, re-read periodically while streaming).
-- polygon: ring text "lon lat, lon lat, ...; hole" or GeoJSON (Polygon, MultiPolygon, Feature,
-- FeatureCollection). kind 'port' makes PORT_VISIT events.
CREATE TABLE geofence (
  id         text COLLATE "C" PRIMARY KEY CHECK (length(id) BETWEEN 1 AND 64),
  name       text        NOT NULL DEFAULT '',
  kind       text        NOT NULL DEFAULT '',
  polygon    text        NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE geofence IS 'Geofences (ring text or GeoJSON polygon); kind port = port visits.';

-- vessel_latest: running aggregates, written by their own upsert (guarded by stats_as_of) so the
-- latest-position guard of V1 stays as it is. distance_today_nm is for the UTC day of
-- stats_as_of; open_events are vessel_event ids.
ALTER TABLE vessel_latest
  ADD COLUMN stats_as_of       timestamptz,
  ADD COLUMN distance_today_nm double precision,
  ADD COLUMN distance_total_nm double precision,
  ADD COLUMN current_segment   bigint,
  ADD COLUMN open_events       bigint[];
