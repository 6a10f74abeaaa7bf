"""The workflow's rules as the server checks them, called only from `desk.append_event`.

They run as the owner role inside the append function; staff and counselor roles cannot call
them directly. Messages follow the workflow's; the hint says `refused` (the rules) or `invalid`
(the input), which the store turns into the matching error.
"""

from __future__ import annotations

HELPERS = r"""
CREATE OR REPLACE FUNCTION desk.only_keys(p jsonb, allowed text[], what text) RETURNS void
LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  IF EXISTS (SELECT 1 FROM jsonb_object_keys(p) k WHERE k <> ALL(allowed)) THEN
    PERFORM desk.invalid(format('%s has a field Desk does not know', what));
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION desk.refuse(msg text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING MESSAGE = msg, HINT = 'refused';
END
$fn$;

CREATE OR REPLACE FUNCTION desk.invalid(msg text) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
  RAISE EXCEPTION USING MESSAGE = msg, HINT = 'invalid';
END
$fn$;

CREATE OR REPLACE FUNCTION desk.text_field(p jsonb, key text, label text, max_len int,
                                           required boolean) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
DECLARE
  v text;
BEGIN
  IF jsonb_typeof(p -> key) IS DISTINCT FROM 'string' THEN
    PERFORM desk.invalid(format('%s is missing or not text', label));
  END IF;
  v := p ->> key;
  IF v <> btrim(v) THEN
    PERFORM desk.invalid(format('%s has spaces around it', label));
  END IF;
  IF required AND v = '' THEN
    PERFORM desk.invalid(format('%s is empty', label));
  END IF;
  IF char_length(v) > max_len THEN
    PERFORM desk.invalid(format('%s is longer than %s characters (%s)', label, max_len,
                                char_length(v)));
  END IF;
  IF v ~ '[\x01-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]'
     OR (max_len <= 254 AND v ~ '[\t\n]') THEN
    PERFORM desk.invalid(format('%s contains a control or invalid character', label));
  END IF;
  RETURN v;
END
$fn$;

CREATE OR REPLACE FUNCTION desk.check_id(v text, label text) RETURNS text
LANGUAGE plpgsql IMMUTABLE AS $fn$
BEGIN
  IF v IS NULL OR v !~ '^[a-z0-9][a-z0-9._-]{0,31}$' THEN
    PERFORM desk.invalid(format('%s %L is not a valid id', label, left(coalesce(v, ''), 40)));
  END IF;
  RETURN v;
END
$fn$;

CREATE OR REPLACE FUNCTION desk.is_owner() RETURNS boolean
LANGUAGE sql STABLE AS $fn$
  SELECT pg_has_role(session_user, (SELECT nspowner FROM pg_namespace WHERE nspname = 'desk'),
                     'MEMBER')
$fn$;

CREATE OR REPLACE FUNCTION desk.require_active_staff(actor text) RETURNS void
LANGUAGE plpgsql STABLE AS $fn$
DECLARE
  found boolean;
BEGIN
  SELECT active INTO found FROM desk.staff WHERE id = actor;
  IF found IS NULL THEN
    PERFORM desk.refuse(format('%s is not a staff member of this log', actor));
  ELSIF NOT found THEN
    PERFORM desk.refuse(format('staff %s is no longer active', actor));
  END IF;
END
$fn$;

CREATE OR REPLACE FUNCTION desk.setting(key text) RETURNS text
LANGUAGE sql STABLE AS $fn$
  SELECT value FROM desk.settings WHERE name = key
$fn$;
"""

PEOPLE = r"""
CREATE OR REPLACE FUNCTION desk.check_person(p_type text, p jsonb, actor text) RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
  pid text;
  other text;
  grp text;
  existing record;
BEGIN
  IF NOT desk.is_owner() THEN
    PERFORM desk.refuse(format('only the log''s owner role can change who works here, not %s',
                               actor));
  END IF;
  pid := desk.check_id(p ->> 'id', CASE WHEN p_type IN ('staff_added', 'staff_updated')
                                        THEN 'staff id' ELSE 'counselor id' END);
  IF p_type = 'staff_updated' THEN
    IF NOT EXISTS (SELECT 1 FROM desk.staff WHERE id = pid) THEN
      PERFORM desk.invalid(format('unknown staff id %L', pid));
    END IF;
    IF p ? 'name' THEN PERFORM desk.text_field(p, 'name', 'staff name', 100, true); END IF;
    IF p ? 'active' THEN
      IF jsonb_typeof(p -> 'active') IS DISTINCT FROM 'boolean' THEN
        PERFORM desk.invalid('active is not true or false');
      END IF;
      -- A former staff member can no longer sign in; reactivating gives the login back.
      EXECUTE format('ALTER ROLE %I %s', pid,
                     CASE WHEN (p ->> 'active')::boolean THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(p) k WHERE k NOT IN ('id', 'name', 'active')) THEN
      PERFORM desk.invalid('staff change has a field Desk does not know');
    END IF;
    RETURN;
  END IF;
  IF p_type = 'counselor_updated' THEN
    IF NOT EXISTS (SELECT 1 FROM desk.counselors WHERE id = pid) THEN
      PERFORM desk.invalid(format('unknown counselor id %L', pid));
    END IF;
    IF p ? 'name' THEN PERFORM desk.text_field(p, 'name', 'counselor name', 100, true); END IF;
    IF p ? 'email' THEN PERFORM desk.text_field(p, 'email', 'email', 254, true); END IF;
    IF p ? 'credentials' THEN
      PERFORM desk.text_field(p, 'credentials', 'credentials', 100, false);
    END IF;
    IF p ? 'active' THEN
      IF jsonb_typeof(p -> 'active') IS DISTINCT FROM 'boolean' THEN
        PERFORM desk.invalid('active is not true or false');
      END IF;
      EXECUTE format('ALTER ROLE %I %s', pid,
                     CASE WHEN (p ->> 'active')::boolean THEN 'LOGIN' ELSE 'NOLOGIN' END);
    END IF;
    IF EXISTS (SELECT 1 FROM jsonb_object_keys(p) k
               WHERE k NOT IN ('id', 'name', 'email', 'credentials', 'active')) THEN
      PERFORM desk.invalid('counselor change has a field Desk does not know');
    END IF;
    RETURN;
  END IF;
  IF p_type = 'staff_added' THEN
    PERFORM desk.text_field(p, 'name', 'staff name', 100, true);
    IF (SELECT count(*) FROM jsonb_object_keys(p)) <> 2 THEN
      PERFORM desk.invalid('staff record has a field Desk does not know');
    END IF;
    grp := 'desk_staff';
    other := 'desk_counselor';
  ELSE
    PERFORM desk.text_field(p, 'name', 'counselor name', 100, true);
    PERFORM desk.text_field(p, 'email', 'email', 254, true);
    PERFORM desk.text_field(p, 'credentials', 'credentials', 100, false);
    IF (p -> 'active') IS DISTINCT FROM 'true'::jsonb
       OR (SELECT count(*) FROM jsonb_object_keys(p)) <> 5 THEN
      PERFORM desk.invalid('a new counselor record needs exactly id, name, email, '
                           'credentials and active true');
    END IF;
    grp := 'desk_counselor';
    other := 'desk_staff';
  END IF;
  IF EXISTS (SELECT 1 FROM desk.staff WHERE id = pid)
     OR EXISTS (SELECT 1 FROM desk.counselors WHERE id = pid) THEN
    PERFORM desk.invalid(format('%s id %L already exists',
                                CASE WHEN grp = 'desk_staff' THEN 'staff' ELSE 'counselor' END,
                                pid));
  END IF;
  SELECT rolsuper, rolcreaterole, rolcanlogin INTO existing FROM pg_roles WHERE rolname = pid;
  IF FOUND THEN
    IF existing.rolsuper OR existing.rolcreaterole OR pid IN ('desk_staff', 'desk_counselor')
       OR pg_has_role(pid, other, 'MEMBER') THEN
      PERFORM desk.refuse(format('the database role %s already exists with other rights; '
                                 'choose another id', pid));
    END IF;
  ELSE
    EXECUTE format('CREATE ROLE %I LOGIN', pid);
  END IF;
  EXECUTE format('GRANT %I TO %I', grp, pid);
END
$fn$;
"""

REQUESTS = r"""
CREATE OR REPLACE FUNCTION desk.check_request_event(p_type text, rid text, p jsonb,
                                                    actor text, at text)
RETURNS desk.requests LANGUAGE plpgsql AS $fn$
DECLARE
  req desk.requests;
  c desk.counselors;
  by_counselor boolean;
BEGIN
  IF p_type = 'request_created' THEN
    PERFORM desk.require_active_staff(actor);
    PERFORM desk.text_field(p, 'client', 'client name', 100, true);
    PERFORM desk.text_field(p, 'note', 'note', 2000, false);
    IF (p ->> 'via') IS NULL OR (p ->> 'via') NOT IN ('phone', 'in-person', 'voicemail', 'mail',
                                                     'other') THEN
      PERFORM desk.invalid('via is not one of: phone, in-person, voicemail, mail, other');
    END IF;
    IF (SELECT count(*) FROM jsonb_object_keys(p)) <> 4 THEN
      PERFORM desk.invalid('request has a field Desk does not know');
    END IF;
    SELECT * INTO c FROM desk.counselors WHERE id = p ->> 'counselor_id';
    IF NOT FOUND THEN
      PERFORM desk.invalid(format('unknown counselor id %L', left(p ->> 'counselor_id', 40)));
    ELSIF NOT c.active THEN
      PERFORM desk.refuse(format('counselor %s is not active and cannot receive new requests',
                                 c.id));
    END IF;
    req.num := coalesce((SELECT max(num) FROM desk.requests), 0) + 1;
    req.id := 'R-' || lpad(req.num::text, 6, '0');
    IF rid IS DISTINCT FROM req.id THEN
      PERFORM desk.refuse(format('the next request id is %s, not %s', req.id, rid));
    END IF;
    req.client := p ->> 'client';
    req.counselor_id := c.id;
    req.status := 'pending';
    req.requested_at := at;
    req.updated_at := at;
    req.via := p ->> 'via';
    req.requested_by := actor;
    RETURN req;
  END IF;

  SELECT * INTO req FROM desk.requests WHERE id = rid;
  IF NOT FOUND THEN
    PERFORM desk.invalid(format('no request with id %L', left(coalesce(rid, ''), 40)));
  END IF;
  SELECT * INTO c FROM desk.counselors WHERE id = req.counselor_id;
  by_counselor := actor = req.counselor_id;
  req.updated_at := at;

  PERFORM desk.only_keys(p, CASE p_type
    WHEN 'approved' THEN ARRAY['by', 'how', 'note', 'email']
    WHEN 'declined' THEN ARRAY['by', 'reason']
    WHEN 'withdrawn' THEN ARRAY['reason']
    WHEN 'released' THEN ARRAY['method', 'identity_verified', 'email']
    ELSE ARRAY['text'] END, p_type || ' event');
  IF p_type IN ('approved', 'declined') THEN
    IF p ->> 'by' IS DISTINCT FROM req.counselor_id THEN
      PERFORM desk.refuse(format('request %s is for counselor %s: only %s can decide it, not %s',
                                 req.id, req.counselor_id, req.counselor_id,
                                 left(coalesce(p ->> 'by', ''), 40)));
    END IF;
    IF NOT by_counselor THEN
      PERFORM desk.require_active_staff(actor);
    END IF;
    -- An approved request is approved again only for an address that changed after the
    -- last approval (its release is refused until then); anything else must be pending.
    IF req.status <> 'pending' AND NOT (
         p_type = 'approved' AND req.status = 'approved' AND p ? 'email'
         AND (SELECT e.payload::jsonb ->> 'email' FROM desk.events e
              WHERE e.request_id = req.id AND e.type = 'approved'
              ORDER BY e.seq DESC LIMIT 1) IS DISTINCT FROM c.email) THEN
      PERFORM desk.refuse(format('request %s is %s; only a pending request can be %s',
                                 req.id, req.status, p_type));
    END IF;
    IF NOT c.active THEN
      PERFORM desk.refuse(format('counselor %s is no longer active, so nothing more can be done '
                                 'for them on request %s', c.id, req.id));
    END IF;
    IF p_type = 'approved' THEN
      PERFORM desk.text_field(p, 'note', 'note', 2000, false);
      IF by_counselor AND p ->> 'how' IS DISTINCT FROM 'signed' THEN
        PERFORM desk.refuse('a counselor approving as themselves signs it (--how signed)');
      ELSIF NOT by_counselor AND p ->> 'how' = 'signed' THEN
        PERFORM desk.refuse(format('only %s, signed in as themselves, can record a signed '
                                   'approval of request %s, not %s', c.id, req.id, actor));
      ELSIF (p ->> 'how') IS NULL
            OR (p ->> 'how') NOT IN ('in-person', 'phone', 'email', 'written', 'signed') THEN
        PERFORM desk.invalid('how is not one of: in-person, phone, email, written, signed');
      END IF;
      -- The approval names the address it covers: the counselor's address on record now.
      IF p ? 'email' AND p ->> 'email' IS DISTINCT FROM c.email THEN
        PERFORM desk.refuse(format('the approval of request %s names an address that is not '
                                   'counselor %s''s address on record', req.id, c.id));
      END IF;
      req.status := 'approved';
      req.decided_how := p ->> 'how';
    ELSE
      PERFORM desk.text_field(p, 'reason', 'reason', 2000, false);
      req.status := 'declined';
    END IF;
    req.decided_by := c.id;
    RETURN req;
  END IF;

  IF p_type = 'note_added' THEN
    IF NOT by_counselor THEN
      PERFORM desk.require_active_staff(actor);
    END IF;
    PERFORM desk.text_field(p, 'text', 'note', 2000, true);
    RETURN req;
  END IF;

  PERFORM desk.require_active_staff(actor);
  IF p_type = 'withdrawn' THEN
    PERFORM desk.text_field(p, 'reason', 'reason', 2000, false);
    IF req.status NOT IN ('pending', 'approved') THEN
      PERFORM desk.refuse(format('request %s is %s; only a pending or approved request can be '
                                 'withdrawn', req.id, req.status));
    END IF;
    req.status := 'withdrawn';
    RETURN req;
  END IF;

  IF p_type = 'released' THEN
    IF req.status <> 'approved' THEN
      PERFORM desk.refuse(format('request %s is %s; only a request its counselor approved can '
                                 'be released', req.id, req.status));
    END IF;
    IF (p -> 'identity_verified') IS DISTINCT FROM 'true'::jsonb THEN
      PERFORM desk.refuse(format('confirm the caller''s identity before releasing request %s '
                                 '(--identity-verified)', req.id));
    END IF;
    IF NOT c.active THEN
      PERFORM desk.refuse(format('counselor %s is no longer active, so nothing more can be done '
                                 'for them on request %s', c.id, req.id));
    END IF;
    IF coalesce(desk.setting('require_signed_approvals'), 'false') = 'true'
       AND req.decided_how IS DISTINCT FROM 'signed' THEN
      PERFORM desk.refuse(format('this practice releases an address only after the counselor '
                                 'signs the approval in Desk; request %s was approved by %s',
                                 req.id, req.decided_how));
    END IF;
    IF (p ->> 'method') IS NULL
       OR (p ->> 'method') NOT IN ('phone', 'in-person', 'printed', 'email') THEN
      PERFORM desk.invalid('method is not one of: phone, in-person, printed, email');
    END IF;
    IF p ->> 'email' IS DISTINCT FROM c.email THEN
      PERFORM desk.refuse(format('the address released on request %s must be %s''s address '
                                 'on record', req.id, c.id));
    END IF;
    req.status := 'released';
    req.released_at := at;
    req.release_method := p ->> 'method';
    RETURN req;
  END IF;
  PERFORM desk.invalid(format('%s is not a request event', p_type));
  RETURN NULL;
END
$fn$;
"""
