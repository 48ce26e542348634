/**
 * Part of the PostgreSQL baseline (0070): the desk's search and the persons a form names, kept by
 * triggers as SQLite's 0040 keeps its FTS5 table and case_persons. Runs after the tables exist.
 */
export const searchDdl = `
-- full-text search: the 'simple' configuration lower-cases and keeps æ ø å as letters of their
-- own (no stemming, no accent folding), like FTS5's unicode61 with remove_diacritics 0
CREATE TABLE case_search (
  submission_id BIGINT PRIMARY KEY REFERENCES submissions (id),
  search_vector TSVECTOR NOT NULL
);
CREATE INDEX case_search_vector ON case_search USING gin (search_vector);

CREATE TABLE case_persons (
  person_number TEXT NOT NULL,
  submission_id BIGINT NOT NULL REFERENCES submissions (id),
  PRIMARY KEY (person_number, submission_id)
);
CREATE INDEX case_persons_submission ON case_persons (submission_id);

-- the form's text values, for search and for the persons a form names; an unparsable form has none
CREATE FUNCTION pm_form_strings(form TEXT) RETURNS SETOF TEXT LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE doc jsonb;
BEGIN
  BEGIN doc := coalesce(form, '{}')::jsonb; EXCEPTION WHEN others THEN RETURN; END;
  RETURN QUERY SELECT v #>> '{}' FROM jsonb_path_query(doc, 'strict $.**') AS t(v) WHERE jsonb_typeof(v) = 'string';
END $$;

CREATE FUNCTION pm_case_search_refresh(sid BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO case_search (submission_id, search_vector)
  -- lower-cased before the parser sees it, Æ Ø Å too (a database with the C locale lower-cases ASCII only)
  SELECT s.id, to_tsvector('simple', translate(lower(concat_ws(' ', s.applicant_name, s.title,
      (SELECT f.saksaar || '/' || f.sakssekvensnummer FROM archive_entries e JOIN archive_case_files f ON f.id = e.case_file_id
        WHERE e.submission_id = s.id AND e.journalposttype = 'I' AND f.saksaar IS NOT NULL),
      -- fødselsnumre are found through case_persons, never through the text index
      (SELECT string_agg(v, ' ') FROM pm_form_strings(s.form_json) AS v WHERE v !~ '^[0-9]{11}$'))), 'ÆØÅÄÖÜÉÈ', 'æøåäöüéè'))
    FROM submissions s WHERE s.id = sid
  ON CONFLICT (submission_id) DO UPDATE SET search_vector = excluded.search_vector;
END $$;

CREATE FUNCTION pm_case_persons_refresh(sid BIGINT) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM case_persons WHERE submission_id = sid;
  INSERT INTO case_persons (person_number, submission_id)
    SELECT DISTINCT p, sid FROM (
      SELECT v AS p FROM submissions s, pm_form_strings(s.form_json) AS v WHERE s.id = sid AND v ~ '^[0-9]{11}$'
      UNION SELECT s.reportee_person_number FROM submissions s WHERE s.id = sid AND s.reportee_person_number ~ '^[0-9]{11}$'
    ) persons
  ON CONFLICT DO NOTHING;
END $$;

CREATE FUNCTION pm_submissions_desk_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pm_case_search_refresh(NEW.id);
  PERFORM pm_case_persons_refresh(NEW.id);
  RETURN NULL;
END $$;
CREATE TRIGGER submissions_desk_insert AFTER INSERT ON submissions FOR EACH ROW EXECUTE FUNCTION pm_submissions_desk_index();
CREATE TRIGGER submissions_desk_update AFTER UPDATE OF applicant_name, title, form_json, reportee_person_number ON submissions
  FOR EACH ROW EXECUTE FUNCTION pm_submissions_desk_index();

CREATE FUNCTION pm_case_file_desk_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pm_case_search_refresh(e.submission_id) FROM archive_entries e WHERE e.case_file_id = NEW.id AND e.journalposttype = 'I';
  RETURN NULL;
END $$;
CREATE TRIGGER archive_case_files_desk_number AFTER UPDATE OF saksaar, sakssekvensnummer ON archive_case_files
  FOR EACH ROW WHEN (NEW.saksaar IS NOT NULL) EXECUTE FUNCTION pm_case_file_desk_number();
CREATE FUNCTION pm_entry_desk_number() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pm_case_search_refresh(NEW.submission_id);
  RETURN NULL;
END $$;
CREATE TRIGGER archive_entries_desk_number AFTER INSERT ON archive_entries
  FOR EACH ROW WHEN (NEW.journalposttype = 'I') EXECUTE FUNCTION pm_entry_desk_number();

`;
