-- V1: tables written by the ingest pipeline. Every write is idempotent (see docs/schema.md):
-- replays and duplicate receptions leave every table unchanged.
-- Unqualified names: the tables go into the connection's current schema (search_path).
-- Text columns that take part in a tie-break are COLLATE "C" (byte order of UTF-8 = code point
-- order), the same order the Java pre-reduce uses, so the winner never depends on grouping.

-- ais_position: every decoded position report (AIS types 1, 2, 3, 9, 18, 19, 27), append-only.
-- The key (mmsi, ts, msg_hash) is deterministic: duplicate receptions and replays collapse onto
-- one row (INSERT ... ON CONFLICT DO NOTHING). "Not available" values are NULL.
CREATE TABLE ais_position (
  mmsi       integer          NOT NULL,
  ts         timestamptz      NOT NULL,
  msg_hash   bigint           NOT NULL,
  msg_type   smallint         NOT NULL,
  lat        double precision,
  lon        double precision,
  speed      double precision,
  course     double precision,
  heading    smallint,
  nav_status smallint,
  accuracy   boolean          NOT NULL,
  second     smallint         NOT NULL,
  PRIMARY KEY (mmsi, ts, msg_hash)
);
COMMENT ON TABLE ais_position IS
  'Every AIS position report; key (mmsi, ts, msg_hash) collapses duplicates and replays. '
  'lat/lon/speed (knots)/course/heading (degrees)/nav_status NULL when not available.';
-- Time-range scans and retention: BRIN is nearly free to maintain on mostly time-ordered inserts.
CREATE INDEX ais_position_ts_brin ON ais_position USING brin (ts);

-- vessel_latest: one row per vessel with its newest position that has coordinates. The upsert
-- only replaces a row with a message that is newer by (ts, msg_hash), so the final row is the
-- maximum over all messages whatever their arrival order, and late messages never overwrite.
CREATE TABLE vessel_latest (
  mmsi       integer          PRIMARY KEY,
  ts         timestamptz      NOT NULL,
  msg_hash   bigint           NOT NULL,
  msg_type   smallint         NOT NULL,
  lat        double precision NOT NULL,
  lon        double precision NOT NULL,
  speed      double precision,
  course     double precision,
  heading    smallint,
  nav_status smallint
);
COMMENT ON TABLE vessel_latest IS
  'Newest position with coordinates per mmsi; newest = greatest (ts, msg_hash).';

-- vessel_static: static and voyage data per vessel merged from types 5, 19 and 24. Each field
-- has its own event time column <field>_ts: the field holds the value of the newest message that
-- carried it (greatest (<field>_ts, value)); a value is NULL exactly when its _ts is NULL.
CREATE TABLE vessel_static (
  mmsi            integer PRIMARY KEY,
  imo             integer,
  imo_ts          timestamptz,
  callsign        text COLLATE "C",
  callsign_ts     timestamptz,
  shipname        text COLLATE "C",
  shipname_ts     timestamptz,
  shiptype        smallint,
  shiptype_ts     timestamptz,
  to_bow          smallint,
  to_bow_ts       timestamptz,
  to_stern        smallint,
  to_stern_ts     timestamptz,
  to_port         smallint,
  to_port_ts      timestamptz,
  to_starboard    smallint,
  to_starboard_ts timestamptz,
  draught         double precision,
  draught_ts      timestamptz,
  destination     text COLLATE "C",
  destination_ts  timestamptz,
  eta             text COLLATE "C",
  eta_ts          timestamptz,
  CHECK ((imo IS NULL) = (imo_ts IS NULL)),
  CHECK ((callsign IS NULL) = (callsign_ts IS NULL)),
  CHECK ((shipname IS NULL) = (shipname_ts IS NULL)),
  CHECK ((shiptype IS NULL) = (shiptype_ts IS NULL)),
  CHECK ((to_bow IS NULL) = (to_bow_ts IS NULL)),
  CHECK ((to_stern IS NULL) = (to_stern_ts IS NULL)),
  CHECK ((to_port IS NULL) = (to_port_ts IS NULL)),
  CHECK ((to_starboard IS NULL) = (to_starboard_ts IS NULL)),
  CHECK ((draught IS NULL) = (draught_ts IS NULL)),
  CHECK ((destination IS NULL) = (destination_ts IS NULL)),
  CHECK ((eta IS NULL) = (eta_ts IS NULL))
);
COMMENT ON TABLE vessel_static IS
  'Static/voyage data per mmsi, merged per field: each field is the value of the newest message '
  '(greatest (<field>_ts, value)) that carried it; independent of arrival order.';

-- ais_stats_minute: decoded messages per UTC minute and AIS type. Written as the full count
-- (SET messages = EXCLUDED.messages), never incremented, and only when larger than the stored
-- count (panes accumulate, so a smaller count is a stale pane): refired panes, retries and
-- replays are idempotent and order-independent.
CREATE TABLE ais_stats_minute (
  minute   timestamptz NOT NULL,
  msg_type smallint    NOT NULL,
  messages bigint      NOT NULL,
  PRIMARY KEY (minute, msg_type)
);
COMMENT ON TABLE ais_stats_minute IS 'Decoded messages per UTC minute and AIS type (full counts).';

-- dead_letter: every input that did not become a message. id is a 64-bit hash of (payload,
-- stage, reason, event time) and deliberately not of the origin: re-publishing the same input
-- under new Kafka offsets leaves the table unchanged (ON CONFLICT (id) DO NOTHING; the first
-- origin seen is kept). Postgres text cannot hold U+0000: text columns have NUL replaced by
-- U+FFFD, and payload_bytes holds the exact UTF-8 bytes of the payload when (and only when) that
-- replacement changed it.
CREATE TABLE dead_letter (
  id               bigint      PRIMARY KEY,
  payload          text        NOT NULL,
  payload_bytes    bytea,
  stage            text        NOT NULL,
  reason           text        NOT NULL,
  origin_stream    text        NOT NULL,
  origin_partition integer     NOT NULL,
  origin_offset    bigint      NOT NULL,
  event_time       timestamptz NOT NULL,
  first_seen       timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE dead_letter IS
  'Rejected inputs; id = hash(payload, stage, reason, event_time); NUL in text shown as U+FFFD, '
  'payload_bytes = exact UTF-8 payload when it contained NUL.';
CREATE INDEX dead_letter_event_time ON dead_letter (event_time);
