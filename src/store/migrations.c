/* migrations.c: the schema, as numbered steps that only move forward
 *
 * Step N takes a database from version N-1 to N (PRAGMA user_version).
 * A released step is never edited: changes go in a new step.
 *
 * Attendance is the one table of tens of millions of rows, so it is kept
 * narrow: integer ids and day numbers (days since 1970-01-01), clustered
 * by day so a period is one range scan. Elsewhere dates are ISO text.
 *
 * CHECKs compare with OR rather than IN (...): SQLite builds a temporary
 * index for an IN list on every row written, which slowed imports threefold.
 */
#include "migrations.h"

const struct migration migrations[] = {
	{ 1, "core: geography, centres, families, people, sessions, attendance, births",
	  "CREATE TABLE settings (\n"
	  "  key TEXT PRIMARY KEY,\n"
	  "  value TEXT NOT NULL\n"
	  ");\n"
	  "CREATE TABLE lsoas (\n"
	  "  code TEXT PRIMARY KEY,\n"
	  "  name TEXT,\n"
	  "  ward_code TEXT NOT NULL,\n"
	  "  ward_name TEXT,\n"
	  "  la_code TEXT NOT NULL,\n"
	  "  la_name TEXT,\n"
	  "  idaci_decile INTEGER CHECK (idaci_decile BETWEEN 1 AND 10),\n"
	  "  imd_decile INTEGER CHECK (imd_decile BETWEEN 1 AND 10)\n"
	  ");\n"
	  "CREATE INDEX lsoas_ward ON lsoas(ward_code);\n"
	  "CREATE VIEW wards AS SELECT ward_code AS code, max(ward_name) AS name,\n"
	  "  la_code FROM lsoas GROUP BY ward_code, la_code;\n"
	  "CREATE VIEW las AS SELECT la_code AS code, max(la_name) AS name\n"
	  "  FROM lsoas GROUP BY la_code;\n"
	  /* postcodes outside the LA's LSOAs are kept: families move across borders */
	  "CREATE TABLE postcodes (\n"
	  "  postcode TEXT PRIMARY KEY,\n"
	  "  lsoa_code TEXT NOT NULL\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE TABLE population (\n"
	  "  lsoa_code TEXT NOT NULL REFERENCES lsoas(code),\n"
	  "  year INTEGER NOT NULL,\n"
	  "  age INTEGER NOT NULL CHECK (age BETWEEN 0 AND 4),\n"
	  "  count INTEGER NOT NULL CHECK (count >= 0),\n"
	  "  PRIMARY KEY (lsoa_code, year, age)\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE TABLE centres (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  code TEXT NOT NULL UNIQUE,\n"
	  "  name TEXT NOT NULL,\n"
	  "  cluster TEXT,\n"
	  "  postcode TEXT\n"
	  ");\n"
	  "CREATE TABLE reach_areas (\n"
	  "  centre_id INTEGER NOT NULL REFERENCES centres(id),\n"
	  "  lsoa_code TEXT NOT NULL REFERENCES lsoas(code),\n"
	  "  PRIMARY KEY (centre_id, lsoa_code)\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE TABLE families (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  ext_id TEXT NOT NULL UNIQUE,\n"
	  "  postcode TEXT,\n"
	  "  lone_parent INTEGER CHECK (lone_parent = 0 OR lone_parent = 1),\n"
	  "  workless INTEGER CHECK (workless = 0 OR workless = 1),\n"
	  "  centre_id INTEGER REFERENCES centres(id)\n"
	  ");\n"
	  "CREATE INDEX families_postcode ON families(postcode);\n"
	  "CREATE TABLE people (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  ext_id TEXT NOT NULL UNIQUE,\n"
	  "  family_id INTEGER NOT NULL REFERENCES families(id),\n"
	  "  role TEXT NOT NULL CHECK (role = 'child' OR role = 'carer'),\n"
	  "  relationship TEXT CHECK (relationship = 'mother' OR relationship = 'father' OR relationship = 'other'),\n"
	  "  first_name TEXT NOT NULL,\n"
	  "  last_name TEXT NOT NULL,\n"
	  "  date_of_birth TEXT,\n"
	  "  sex TEXT CHECK (sex = 'female' OR sex = 'male' OR sex = 'other'),\n"
	  "  ethnicity TEXT,\n"
	  "  disabled INTEGER CHECK (disabled = 0 OR disabled = 1),\n"
	  "  registered_on TEXT NOT NULL,\n"
	  "  name_key TEXT NOT NULL\n"
	  ");\n"
	  "CREATE INDEX people_family ON people(family_id);\n"
	  "CREATE INDEX people_last_name ON people(last_name COLLATE NOCASE);\n"
	  "CREATE INDEX people_name_key ON people(name_key);\n"
	  /* one row per language, in the order given, so a family may speak several */
	  "CREATE TABLE person_languages (\n"
	  "  person_id INTEGER NOT NULL REFERENCES people(id) ON DELETE CASCADE,\n"
	  "  position INTEGER NOT NULL,\n"
	  "  code TEXT NOT NULL,\n"
	  "  PRIMARY KEY (person_id, position)\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE INDEX person_languages_code ON person_languages(code);\n"
	  "CREATE TABLE activities (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  name TEXT NOT NULL UNIQUE\n"
	  ");\n"
	  "CREATE TABLE sessions (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  centre_id INTEGER NOT NULL REFERENCES centres(id),\n"
	  "  activity_id INTEGER NOT NULL REFERENCES activities(id),\n"
	  "  day INTEGER NOT NULL,\n"
	  "  UNIQUE (centre_id, activity_id, day)\n"
	  ");\n"
	  /* the primary key makes a repeated register row count once */
	  "CREATE TABLE attendance (\n"
	  "  day INTEGER NOT NULL,\n"
	  "  person_id INTEGER NOT NULL REFERENCES people(id),\n"
	  "  session_id INTEGER NOT NULL REFERENCES sessions(id),\n"
	  "  PRIMARY KEY (day, person_id, session_id)\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE INDEX attendance_person ON attendance(person_id, day);\n"
	  "CREATE TABLE births (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  ext_id TEXT NOT NULL UNIQUE,\n"
	  "  first_name TEXT,\n"
	  "  last_name TEXT NOT NULL,\n"
	  "  date_of_birth TEXT NOT NULL,\n"
	  "  sex TEXT CHECK (sex = 'female' OR sex = 'male' OR sex = 'other'),\n"
	  "  postcode TEXT,\n"
	  "  mother_first_name TEXT,\n"
	  "  mother_last_name TEXT,\n"
	  "  mother_date_of_birth TEXT\n"
	  ");\n"
	  "CREATE INDEX births_dob ON births(date_of_birth);\n" },
	{ 2, "area indicators for profiles and data packs",
	  /* NUMERIC keeps 540 as 540 and 67.5 as 67.5, so figures export as given */
	  "CREATE TABLE indicators (\n"
	  "  indicator TEXT NOT NULL,\n"
	  "  area_type TEXT NOT NULL CHECK (area_type = 'la' OR area_type = 'ward' OR area_type = 'lsoa'),\n"
	  "  area_code TEXT NOT NULL,\n"
	  "  period TEXT NOT NULL,\n"
	  "  value NUMERIC NOT NULL,\n"
	  "  numerator NUMERIC,\n"
	  "  denominator NUMERIC,\n"
	  "  unit TEXT,\n"
	  "  source TEXT NOT NULL,\n"
	  "  published_on TEXT,\n"
	  "  PRIMARY KEY (indicator, area_type, area_code, period)\n"
	  ");\n"
	  "CREATE INDEX lsoas_la ON lsoas(la_code);\n" },
	{ 3, "accounts, sessions and the audit trail",
	  /* usernames are kept lower case, so UNIQUE is case-insensitive anywhere */
	  "CREATE TABLE users (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  username TEXT NOT NULL UNIQUE CHECK (username = lower(username)),\n"
	  "  display_name TEXT NOT NULL,\n"
	  "  password_hash TEXT NOT NULL,\n"
	  "  role TEXT NOT NULL CHECK (role = 'admin' OR role = 'analyst' OR role = 'manager'\n"
	  "    OR role = 'worker' OR role = 'viewer'),\n"
	  "  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled = 0 OR disabled = 1),\n"
	  "  created_at TEXT NOT NULL,\n"
	  "  password_changed_at TEXT NOT NULL,\n"
	  "  last_login_at TEXT\n"
	  ");\n"
	  "CREATE TABLE user_centres (\n"
	  "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
	  "  centre_id INTEGER NOT NULL REFERENCES centres(id),\n"
	  "  PRIMARY KEY (user_id, centre_id)\n"
	  ") WITHOUT ROWID;\n"
	  /* `sessions` are the centres' activities: a login's session is a login_session.
	   * Only a hash of the cookie's token is kept; times are Unix seconds. */
	  "CREATE TABLE login_sessions (\n"
	  "  token_hash TEXT PRIMARY KEY,\n"
	  "  user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,\n"
	  "  csrf_token TEXT NOT NULL,\n"
	  "  created_at INTEGER NOT NULL,\n"
	  "  last_seen_at INTEGER NOT NULL,\n"
	  "  expires_at INTEGER NOT NULL\n"
	  ") WITHOUT ROWID;\n"
	  "CREATE INDEX login_sessions_user ON login_sessions(user_id);\n"
	  "CREATE INDEX login_sessions_expires ON login_sessions(expires_at);\n"
	  /* for throttling: recent failed logins by username and by address */
	  "CREATE TABLE login_failures (\n"
	  "  username TEXT NOT NULL,\n"
	  "  ip TEXT,\n"
	  "  at INTEGER NOT NULL\n"
	  ");\n"
	  "CREATE INDEX login_failures_username ON login_failures(username, at);\n"
	  "CREATE INDEX login_failures_ip ON login_failures(ip, at);\n"
	  "CREATE INDEX login_failures_at ON login_failures(at);\n"
	  /* no foreign keys: the trail outlives the records it names, so their
	   * ext_ids are copied in when the row is written */
	  "CREATE TABLE audit (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  at TEXT NOT NULL,\n"
	  "  user_id INTEGER,\n"
	  "  username TEXT NOT NULL,\n"
	  "  action TEXT NOT NULL,\n"
	  "  family_id INTEGER,\n"
	  "  family_ext_id TEXT,\n"
	  "  person_id INTEGER,\n"
	  "  person_ext_id TEXT,\n"
	  "  detail TEXT\n"
	  ");\n"
	  "CREATE INDEX audit_at ON audit(at);\n"
	  "CREATE INDEX audit_username ON audit(username, at);\n"
	  "CREATE INDEX audit_family ON audit(family_id, at);\n" },
	{ 4, "family details, circumstance history and outreach visits",
	  /* what the registration form asks beyond the interchange columns */
	  "ALTER TABLE families ADD COLUMN address_line1 TEXT;\n"
	  "ALTER TABLE families ADD COLUMN address_line2 TEXT;\n"
	  "ALTER TABLE families ADD COLUMN town TEXT;\n"
	  "ALTER TABLE families ADD COLUMN phone TEXT;\n"
	  "ALTER TABLE families ADD COLUMN email TEXT;\n"
	  "ALTER TABLE families ADD COLUMN heard_from TEXT;\n"
	  "ALTER TABLE families ADD COLUMN consent_contact INTEGER CHECK (consent_contact = 0 OR consent_contact = 1);\n"
	  "ALTER TABLE families ADD COLUMN consent_share INTEGER CHECK (consent_share = 0 OR consent_share = 1);\n"
	  "ALTER TABLE people ADD COLUMN employment TEXT;\n"
	  "ALTER TABLE people ADD COLUMN sen INTEGER CHECK (sen = 0 OR sen = 1);\n"
	  "CREATE INDEX families_centre ON families(centre_id);\n"
	  /* circumstances change (a lone parent finds a partner, a family moves):
	   * every change is kept, whichever way it was made (form or import) */
	  "CREATE TABLE family_history (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  family_id INTEGER NOT NULL REFERENCES families(id),\n"
	  "  field TEXT NOT NULL,\n"
	  "  old_value TEXT,\n"
	  "  new_value TEXT,\n"
	  "  changed_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
	  ");\n"
	  "CREATE INDEX family_history_family ON family_history(family_id, changed_at);\n"
	  "CREATE TRIGGER families_history_postcode AFTER UPDATE OF postcode ON families\n"
	  "  WHEN old.postcode IS NOT new.postcode BEGIN\n"
	  "  INSERT INTO family_history(family_id, field, old_value, new_value)\n"
	  "  VALUES (new.id, 'postcode', old.postcode, new.postcode); END;\n"
	  "CREATE TRIGGER families_history_address AFTER UPDATE OF address_line1 ON families\n"
	  "  WHEN old.address_line1 IS NOT new.address_line1 BEGIN\n"
	  "  INSERT INTO family_history(family_id, field, old_value, new_value)\n"
	  "  VALUES (new.id, 'address', old.address_line1, new.address_line1); END;\n"
	  "CREATE TRIGGER families_history_lone_parent AFTER UPDATE OF lone_parent ON families\n"
	  "  WHEN old.lone_parent IS NOT new.lone_parent BEGIN\n"
	  "  INSERT INTO family_history(family_id, field, old_value, new_value)\n"
	  "  VALUES (new.id, 'lone_parent', old.lone_parent, new.lone_parent); END;\n"
	  "CREATE TRIGGER families_history_workless AFTER UPDATE OF workless ON families\n"
	  "  WHEN old.workless IS NOT new.workless BEGIN\n"
	  "  INSERT INTO family_history(family_id, field, old_value, new_value)\n"
	  "  VALUES (new.id, 'workless', old.workless, new.workless); END;\n"
	  /* outreach visits, of kinds the admins keep */
	  "CREATE TABLE visit_kinds (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  name TEXT NOT NULL UNIQUE,\n"
	  "  active INTEGER NOT NULL DEFAULT 1 CHECK (active = 0 OR active = 1)\n"
	  ");\n"
	  "INSERT INTO visit_kinds(name) VALUES ('New birth visit'), ('Moving-in visit'),\n"
	  "  ('Support visit'), ('CAF referral'), ('Health visitor first visit');\n"
	  "CREATE TABLE visits (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  family_id INTEGER NOT NULL REFERENCES families(id),\n"
	  "  kind_id INTEGER NOT NULL REFERENCES visit_kinds(id),\n"
	  "  day TEXT NOT NULL,\n"
	  "  centre_id INTEGER REFERENCES centres(id),\n"
	  "  user_id INTEGER REFERENCES users(id),\n"
	  "  notes TEXT,\n"
	  "  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))\n"
	  ");\n"
	  "CREATE INDEX visits_family ON visits(family_id, day);\n"
	  "CREATE INDEX visits_day ON visits(day);\n" },
	{ 5, "index people by date of birth",
	  /* the registration form's duplicate check looks people up by date of birth */
	  "CREATE INDEX people_dob ON people(date_of_birth);\n" },
	{ 6, "address search",
	  /* a word index of each family's address (contentless: the words point
	   * at families.id), kept in step with the families table by triggers */
	  "CREATE VIRTUAL TABLE family_addresses USING fts5(address, content='',\n"
	  "  tokenize='unicode61 remove_diacritics 2');\n"
	  "INSERT INTO family_addresses(rowid, address) SELECT id, coalesce(f.address_line1, '') || ' ' || coalesce(f.address_line2, '') || ' ' || coalesce(f.town, '') FROM families f\n"
	  "  WHERE address_line1 IS NOT NULL OR address_line2 IS NOT NULL OR town IS NOT NULL;\n"
	  "CREATE TRIGGER families_address_insert AFTER INSERT ON families\n"
	  "  WHEN new.address_line1 IS NOT NULL OR new.address_line2 IS NOT NULL OR new.town IS NOT NULL BEGIN\n"
	  "  INSERT INTO family_addresses(rowid, address) VALUES (new.id, coalesce(new.address_line1, '') || ' ' || coalesce(new.address_line2, '') || ' ' || coalesce(new.town, '')); END;\n"
	  "CREATE TRIGGER families_address_update AFTER UPDATE OF address_line1, address_line2, town ON families BEGIN\n"
	  "  INSERT INTO family_addresses(family_addresses, rowid, address) SELECT 'delete', old.id, coalesce(old.address_line1, '') || ' ' || coalesce(old.address_line2, '') || ' ' || coalesce(old.town, '')\n"
	  "    WHERE old.address_line1 IS NOT NULL OR old.address_line2 IS NOT NULL OR old.town IS NOT NULL;\n"
	  "  INSERT INTO family_addresses(rowid, address) SELECT new.id, coalesce(new.address_line1, '') || ' ' || coalesce(new.address_line2, '') || ' ' || coalesce(new.town, '')\n"
	  "    WHERE new.address_line1 IS NOT NULL OR new.address_line2 IS NOT NULL OR new.town IS NOT NULL; END;\n"
	  "CREATE TRIGGER families_address_delete AFTER DELETE ON families\n"
	  "  WHEN old.address_line1 IS NOT NULL OR old.address_line2 IS NOT NULL OR old.town IS NOT NULL BEGIN\n"
	  "  INSERT INTO family_addresses(family_addresses, rowid, address) VALUES ('delete', old.id, coalesce(old.address_line1, '') || ' ' || coalesce(old.address_line2, '') || ' ' || coalesce(old.town, '')); END;\n" },	{ 7, "duplicates: review decisions and merges that can be undone",
	  /* a pair of people looked at in the review queue, by their ext_ids
	   * (person_a < person_b), so the decision outlives a merge and its undo */
	  "CREATE TABLE match_decisions (\n"
	  "  person_a TEXT NOT NULL,\n"
	  "  person_b TEXT NOT NULL,\n"
	  "  decision TEXT NOT NULL CHECK (decision = 'same' OR decision = 'different'),\n"
	  "  user_id INTEGER,\n"
	  "  at TEXT NOT NULL,\n"
	  "  PRIMARY KEY (person_a, person_b)\n"
	  ") WITHOUT ROWID;\n"
	  /* a merge keeps the removed person's whole row, so it can be undone */
	  "CREATE TABLE merges (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  kept_person_id INTEGER NOT NULL,\n"
	  "  kept_ext_id TEXT NOT NULL,\n"
	  "  removed_person_id INTEGER NOT NULL,\n"
	  "  ext_id TEXT NOT NULL,\n"
	  "  family_id INTEGER NOT NULL,\n"
	  "  role TEXT NOT NULL,\n"
	  "  relationship TEXT,\n"
	  "  first_name TEXT NOT NULL,\n"
	  "  last_name TEXT NOT NULL,\n"
	  "  date_of_birth TEXT,\n"
	  "  sex TEXT,\n"
	  "  ethnicity TEXT,\n"
	  "  disabled INTEGER,\n"
	  "  registered_on TEXT NOT NULL,\n"
	  "  name_key TEXT NOT NULL,\n"
	  "  employment TEXT,\n"
	  "  sen INTEGER,\n"
	  "  family_left_empty INTEGER NOT NULL DEFAULT 0 CHECK (family_left_empty = 0 OR family_left_empty = 1),\n"
	  "  user_id INTEGER,\n"
	  "  at TEXT NOT NULL,\n"
	  "  undone_by INTEGER,\n"
	  "  undone_at TEXT\n"
	  ");\n"
	  "CREATE INDEX merges_kept ON merges(kept_person_id);\n"
	  /* the removed person's languages; kept_position: where one was added
	   * to the kept person (NULL: they had it already) */
	  "CREATE TABLE merge_languages (\n"
	  "  merge_id INTEGER NOT NULL REFERENCES merges(id),\n"
	  "  position INTEGER NOT NULL,\n"
	  "  code TEXT NOT NULL,\n"
	  "  kept_position INTEGER,\n"
	  "  PRIMARY KEY (merge_id, position)\n"
	  ") WITHOUT ROWID;\n"
	  /* the removed person's attendance; moved 1: re-pointed to the kept
	   * person, 0: the kept person was at that session already */
	  "CREATE TABLE merge_attendance (\n"
	  "  merge_id INTEGER NOT NULL REFERENCES merges(id),\n"
	  "  day INTEGER NOT NULL,\n"
	  "  session_id INTEGER NOT NULL,\n"
	  "  moved INTEGER NOT NULL CHECK (moved = 0 OR moved = 1),\n"
	  "  PRIMARY KEY (merge_id, day, session_id)\n"
	  ") WITHOUT ROWID;\n" },
	{ 8, "best-fit reach areas: the share of an LSOA's under-5s inside a centre's area",
	  /* a table beside reach_areas rather than a column of it, so that
	   * reach_areas keeps its two columns and a row without a share here
	   * is a whole LSOA, as every reach area was before; parts per million
	   * keep a share of up to 6 decimals exactly */
	  "CREATE TABLE reach_area_shares (\n"
	  "  centre_id INTEGER NOT NULL,\n"
	  "  lsoa_code TEXT NOT NULL,\n"
	  "  share_ppm INTEGER NOT NULL CHECK (share_ppm > 0 AND share_ppm < 1000000),\n"
	  "  PRIMARY KEY (centre_id, lsoa_code),\n"
	  "  FOREIGN KEY (centre_id, lsoa_code) REFERENCES reach_areas(centre_id, lsoa_code)\n"
	  ") WITHOUT ROWID;\n" },
	{ 9, "index people by surname key and date of birth",
	  /* the registration form's duplicate check (match_store_query): people
	   * whose surname sounds alike, born in a given year, without reading
	   * every namesake in the store */
	  "CREATE INDEX people_name_key_dob ON people(name_key, date_of_birth);\n" },
	{ 10, "indicators: national (England) figures beside the LA's",
	  /* SQLite cannot change a CHECK: the table is copied into a new one */
	  "CREATE TABLE indicators_new (\n"
	  "  indicator TEXT NOT NULL,\n"
	  "  area_type TEXT NOT NULL CHECK (area_type = 'la' OR area_type = 'ward' OR area_type = 'lsoa'\n"
	  "    OR area_type = 'national'),\n"
	  "  area_code TEXT NOT NULL,\n"
	  "  period TEXT NOT NULL,\n"
	  "  value NUMERIC NOT NULL,\n"
	  "  numerator NUMERIC,\n"
	  "  denominator NUMERIC,\n"
	  "  unit TEXT,\n"
	  "  source TEXT NOT NULL,\n"
	  "  published_on TEXT,\n"
	  "  PRIMARY KEY (indicator, area_type, area_code, period)\n"
	  ");\n"
	  "INSERT INTO indicators_new SELECT indicator, area_type, area_code, period, value, numerator,\n"
	  "  denominator, unit, source, published_on FROM indicators;\n"
	  "DROP TABLE indicators;\n"
	  "ALTER TABLE indicators_new RENAME TO indicators;\n" },
	{ 11, "the last duplicate check: its likely pairs",
	  /* the matching engine over every person takes minutes on a large
	   * authority; its likely pairs are kept with the data generation
	   * and day it ran on (settings match_check_generation and
	   * match_check_day), so packs report them without running it */
	  "CREATE TABLE match_check_pairs (\n"
	  "  person_a TEXT NOT NULL,\n"
	  "  person_b TEXT NOT NULL,\n"
	  "  prob REAL NOT NULL,\n"
	  "  PRIMARY KEY (person_a, person_b)\n"
	  ") WITHOUT ROWID;\n" },
	{ 12, "import log, and repeated attendance register rows per centre",
	  /* one row per file imported; content_hash (FNV-1a, 16 hex digits) and
	   * file_name (the path made absolute) tell a re-import of the same
	   * file, whose rows already in the store are not repeats;
	   * reimport_of: the earlier import it repeats */
	  "CREATE TABLE imports (\n"
	  "  id INTEGER PRIMARY KEY,\n"
	  "  kind TEXT NOT NULL,\n"
	  "  file_name TEXT NOT NULL,\n"
	  "  content_hash TEXT NOT NULL,\n"
	  "  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),\n"
	  "  rows INTEGER NOT NULL,\n"
	  "  loaded INTEGER NOT NULL,\n"
	  "  repeated_rows INTEGER NOT NULL DEFAULT 0,\n"
	  "  reimport_of INTEGER REFERENCES imports(id)\n"
	  ");\n"
	  "CREATE INDEX imports_file ON imports(kind, file_name);\n"
	  "CREATE INDEX imports_hash ON imports(kind, content_hash);\n"
	  /* attendance imports (not re-imports) by the session's centre: register
	   * rows read and, of them, rows repeating a person and session already
	   * recorded (counted once); by code, as the interchange files name centres */
	  "CREATE TABLE import_centres (\n"
	  "  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
	  "  centre_code TEXT NOT NULL,\n"
	  "  rows INTEGER NOT NULL,\n"
	  "  repeated_rows INTEGER NOT NULL,\n"
	  "  PRIMARY KEY (import_id, centre_code)\n"
	  ") WITHOUT ROWID;\n" },
};

const int migrations_count = (int)(sizeof(migrations) / sizeof(migrations[0]));
