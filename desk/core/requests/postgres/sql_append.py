"""The server side of appending: one SECURITY DEFINER function owns every write.

Staff and counselor roles may read the tables and call `desk.append_event`; nothing else. The
function runs as the owner role, takes the actor from `session_user` (never from an argument),
checks the event against the workflow's rules, numbers and hashes it under one advisory lock
(so concurrent workstations queue: no forks, no gaps), updates the derived tables and notifies
listeners, all in the caller's transaction. Its messages match the workflow's where they can;
the hint says whether the rules refused it or the input was invalid.
"""

from __future__ import annotations

CHAIN_LOCK = 7_318_220_004
"""The advisory lock key every append takes; any workstation's append waits for it."""

CANONICAL = r"""
CREATE OR REPLACE FUNCTION desk.canonical(p jsonb) RETURNS text
LANGUAGE plpgsql IMMUTABLE STRICT AS $fn$
DECLARE
  out text;
BEGIN
  -- The same bytes as Python's json.dumps(sort_keys=True, separators=(",", ":"),
  -- ensure_ascii=False): keys in code point order (byte order of UTF-8), no whitespace.
  CASE jsonb_typeof(p)
  WHEN 'object' THEN
    SELECT '{' || coalesce(string_agg(to_json(k)::text || ':' || desk.canonical(v), ','
                                      ORDER BY k COLLATE "C"), '') || '}'
      INTO out FROM jsonb_each(p) AS e(k, v);
  WHEN 'array' THEN
    SELECT '[' || coalesce(string_agg(desk.canonical(v), ',' ORDER BY n), '') || ']'
      INTO out FROM jsonb_array_elements(p) WITH ORDINALITY AS a(v, n);
  ELSE
    out := p::text;
  END CASE;
  RETURN out;
END
$fn$;
"""

APPEND = r"""
CREATE OR REPLACE FUNCTION desk.append_event(p_type text, p_request_id text, p_at timestamptz,
                                             p_workstation text, p_payload jsonb)
RETURNS TABLE (seq bigint, at text, staff_id text, payload text, prev_hash text, hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
DECLARE
  actor text := session_user;
  last desk.events;
  at_text text;
  body text;
  record_text text;
  req desk.requests;
  new_seq bigint;
  new_prev text;
  new_hash text;
  skew text;
BEGIN
  PERFORM pg_advisory_xact_lock(%(lock)s);
  IF p_at IS NULL OR p_type IS NULL OR p_payload IS NULL
     OR jsonb_typeof(p_payload) <> 'object' THEN
    PERFORM desk.invalid('an event needs a type, a time and a payload object');
  END IF;
  PERFORM desk.text_field(jsonb_build_object('w', p_workstation), 'w', 'workstation name',
                          100, true);
  at_text := to_char(p_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US') || '+00:00';
  skew := desk.setting('max_clock_skew_seconds');
  IF skew IS NOT NULL AND skew <> 'off'
     AND abs(extract(epoch FROM p_at - clock_timestamp())) > skew::numeric THEN
    PERFORM desk.refuse(format('this desk''s clock is %s minutes off the server''s; set the '
                               'clock right and try again',
                               round(abs(extract(epoch FROM p_at - clock_timestamp())) / 60)));
  END IF;

  IF p_type IN ('staff_added', 'staff_updated', 'counselor_added', 'counselor_updated') THEN
    IF p_request_id IS NOT NULL THEN
      PERFORM desk.invalid('a people event belongs to no request');
    END IF;
    PERFORM desk.check_person(p_type, p_payload, actor);
  ELSIF p_type = 'exported' THEN
    IF NOT desk.is_owner() THEN
      PERFORM desk.require_active_staff(actor);
    END IF;
    IF jsonb_typeof(p_payload -> 'rows') IS DISTINCT FROM 'number'
       OR p_request_id IS NOT NULL THEN
      PERFORM desk.invalid('an export needs a row count and belongs to no request');
    END IF;
    PERFORM desk.only_keys(p_payload, ARRAY['format', 'description', 'rows'], 'export event');
    PERFORM desk.check_id(p_payload ->> 'format', 'export format');
    PERFORM desk.text_field(p_payload, 'description', 'export description', 500, false);
  ELSIF p_type IN ('request_created', 'approved', 'declined', 'withdrawn', 'released',
                   'note_added') THEN
    req := desk.check_request_event(p_type, p_request_id, p_payload, actor, at_text);
  ELSE
    PERFORM desk.invalid(format('%L is not an event type Desk knows', left(p_type, 40)));
  END IF;

  SELECT * INTO last FROM desk.events e ORDER BY e.seq DESC LIMIT 1;
  new_seq := coalesce(last.seq, 0) + 1;
  new_prev := coalesce(last.hash, repeat('0', 64));
  body := desk.canonical(p_payload);
  record_text := '{"at":' || to_json(at_text)::text
    || ',"payload":' || body
    || ',"prev_hash":' || to_json(new_prev)::text
    || ',"request_id":' || coalesce(to_json(p_request_id)::text, 'null')
    || ',"seq":' || new_seq::text
    || ',"staff_id":' || to_json(actor)::text
    || ',"type":' || to_json(p_type)::text
    || ',"workstation":' || to_json(p_workstation)::text
    || '}';
  new_hash := encode(sha256(convert_to(record_text, 'UTF8')), 'hex');
  INSERT INTO desk.events VALUES (new_seq, p_request_id, at_text, actor, p_workstation, p_type,
                                  body, new_prev, new_hash);

  IF p_type = 'request_created' THEN
    INSERT INTO desk.requests VALUES (req.*);
  ELSIF req.id IS NOT NULL THEN
    UPDATE desk.requests r SET status = req.status, updated_at = req.updated_at,
      decided_by = req.decided_by, decided_how = req.decided_how,
      released_at = req.released_at, release_method = req.release_method
    WHERE r.id = req.id;
  ELSIF p_type = 'staff_added' THEN
    INSERT INTO desk.staff VALUES (p_payload ->> 'id', p_payload ->> 'name', true);
  ELSIF p_type = 'staff_updated' THEN
    UPDATE desk.staff st SET
      name = coalesce(p_payload ->> 'name', st.name),
      active = coalesce((p_payload ->> 'active')::boolean, st.active)
    WHERE st.id = p_payload ->> 'id';
  ELSIF p_type = 'counselor_added' THEN
    INSERT INTO desk.counselors VALUES (p_payload ->> 'id', p_payload ->> 'name',
      p_payload ->> 'email', p_payload ->> 'credentials', true);
  ELSIF p_type = 'counselor_updated' THEN
    UPDATE desk.counselors c SET
      name = coalesce(p_payload ->> 'name', c.name),
      email = coalesce(p_payload ->> 'email', c.email),
      credentials = coalesce(p_payload ->> 'credentials', c.credentials),
      active = coalesce((p_payload ->> 'active')::boolean, c.active)
    WHERE c.id = p_payload ->> 'id';
  END IF;
  PERFORM pg_notify('desk_events', new_seq::text);
  RETURN QUERY SELECT new_seq, at_text, actor, body, new_prev, new_hash;
END
$fn$;
""".replace("%(lock)s", str(CHAIN_LOCK))
