"""The PostgreSQL schema as numbered migrations, and the group roles with their grants."""

from __future__ import annotations

SCHEMA = r"""
CREATE SCHEMA IF NOT EXISTS desk;
REVOKE ALL ON SCHEMA desk FROM PUBLIC;
CREATE TABLE IF NOT EXISTS desk.schema_version (version integer NOT NULL);
"""

V1_TABLES = r"""
CREATE TABLE desk.settings (name text PRIMARY KEY, value text NOT NULL);
INSERT INTO desk.settings VALUES ('require_signed_approvals', 'false');
INSERT INTO desk.settings VALUES ('max_clock_skew_seconds', '300');
CREATE TABLE desk.events (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  request_id text,
  at text NOT NULL,
  staff_id text NOT NULL,
  workstation text NOT NULL,
  type text NOT NULL,
  payload text NOT NULL,
  prev_hash text NOT NULL,
  hash text NOT NULL UNIQUE
);
CREATE INDEX events_by_request ON desk.events (request_id, seq) WHERE request_id IS NOT NULL;
CREATE TABLE desk.requests (
  num integer PRIMARY KEY,
  id text NOT NULL UNIQUE,
  client text NOT NULL,
  counselor_id text NOT NULL,
  status text NOT NULL,
  requested_at text NOT NULL,
  updated_at text NOT NULL,
  via text NOT NULL,
  requested_by text NOT NULL,
  decided_by text,
  decided_how text,
  released_at text,
  release_method text
);
CREATE INDEX requests_by_time ON desk.requests (requested_at DESC, num DESC);
CREATE INDEX requests_by_status ON desk.requests (status, requested_at DESC, num DESC);
CREATE INDEX requests_by_counselor ON desk.requests (counselor_id, requested_at DESC, num DESC);
CREATE TABLE desk.counselors (
  id text PRIMARY KEY,
  name text NOT NULL,
  email text NOT NULL,
  credentials text NOT NULL,
  active boolean NOT NULL
);
CREATE TABLE desk.staff (id text PRIMARY KEY, name text NOT NULL, active boolean NOT NULL);
CREATE FUNCTION desk.name_words(name text) RETURNS text[] LANGUAGE sql IMMUTABLE STRICT AS $fn$
  -- Client search: accents dropped, lower case, split at spaces and ASCII punctuation.
  SELECT array_remove(regexp_split_to_array(
    lower(regexp_replace(normalize(name, NFKD), '[\u0300-\u036f]', '', 'g')),
    '[[:space:][:punct:]]+'), '')
$fn$;
CREATE FUNCTION desk.append_only() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION 'events are append-only';
END
$fn$;
CREATE TRIGGER events_no_change BEFORE UPDATE OR DELETE ON desk.events
  FOR EACH ROW EXECUTE FUNCTION desk.append_only();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON desk.events
  FOR EACH STATEMENT EXECUTE FUNCTION desk.append_only();
"""

GROUPS = ("desk_staff", "desk_counselor")

ROLES = r"""
DO $do$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'desk_staff') THEN
    CREATE ROLE desk_staff NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'desk_counselor') THEN
    CREATE ROLE desk_counselor NOLOGIN;
  END IF;
END
$do$;
"""

GRANTS = r"""
REVOKE ALL ON ALL TABLES IN SCHEMA desk FROM PUBLIC, desk_staff, desk_counselor;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA desk FROM PUBLIC, desk_staff, desk_counselor;
GRANT USAGE ON SCHEMA desk TO desk_staff, desk_counselor;
GRANT SELECT ON desk.events, desk.requests, desk.staff, desk.settings TO desk_staff,
  desk_counselor;
GRANT SELECT (id, name, credentials, active, email) ON desk.counselors TO desk_staff,
  desk_counselor;
GRANT SELECT ON desk.schema_version TO desk_staff, desk_counselor;
GRANT EXECUTE ON FUNCTION desk.append_event(text, text, timestamptz, text, jsonb),
  desk.name_words(text) TO desk_staff, desk_counselor;
"""

V2_PEOPLE_INDEX = r"""
-- Every write decides who may act from the staff and counselor events; without this index
-- that read scans the whole log.
CREATE INDEX events_without_request ON desk.events (type, seq) WHERE request_id IS NULL;
"""
