#!/usr/bin/env node
// Reach report computed with DuckDB from a folder of interchange CSV files.
//
//   node bench/duckdb_reach.mjs DIR --from YYYY-MM-DD --to YYYY-MM-DD \
//        --by la|cluster|centre|lsoa [--sustained N] [--threads N]
//
// Prints the report CSV (same bytes as `reach report reach --format csv`) on
// stdout and one JSON line {"load_s": X, "query_s": Y, "rows": N} on stderr.
// load_s = creating the in-memory tables from the CSV files; query_s = running
// the report SQL and fetching its result. All the report logic is SQL; this
// script only checks arguments, times the steps and writes the CSV.
//
// Used as the analyst's alternative tool in the benchmark and as an
// independent oracle for the C implementation's output.

import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DuckDBInstance } from '@duckdb/node-api';

const PROG = 'duckdb_reach';
const USAGE =
  `usage: node bench/duckdb_reach.mjs DIR --from YYYY-MM-DD --to YYYY-MM-DD ` +
  `--by la|cluster|centre|lsoa [--sustained N] [--threads N]`;

function die(code, msg) {
  process.stderr.write(`${PROG}: ${msg}\n`);
  process.exit(code);
}

// Any failure (unreadable CSV, DuckDB error): one line on stderr, exit 1.
process.on('uncaughtException', (e) => {
  const msg = String((e && e.message) || e).split('\n').map((l) => l.trim()).filter(Boolean).join(' ');
  die(1, msg);
});

// ---------------------------------------------------------------- arguments

function isRealDate(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const y = +m[1], mo = +m[2], d = +m[3];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  return d <= dim;
}

function parseArgs(argv) {
  const o = { dir: null, from: null, to: null, by: null, sustained: 3, threads: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    let key = null, val = null;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq >= 0) { key = a.slice(2, eq); val = a.slice(eq + 1); }
      else {
        key = a.slice(2);
        if (key === 'help') { process.stdout.write(USAGE + '\n'); process.exit(0); }
        if (i + 1 >= argv.length) die(2, `option --${key} needs a value\n${USAGE}`);
        val = argv[++i];
      }
      switch (key) {
        case 'from': case 'to':
          if (!isRealDate(val)) die(2, `--${key}: not a date YYYY-MM-DD: ${val}`);
          o[key] = val; break;
        case 'by':
          if (!['la', 'cluster', 'centre', 'lsoa'].includes(val)) die(2, `--by: must be la, cluster, centre or lsoa: ${val}`);
          o.by = val; break;
        case 'sustained':
          if (!/^\d{1,9}$/.test(val)) die(2, `--sustained: not a whole number: ${val}`);
          o.sustained = Number(val); break;
        case 'threads':
          if (!/^\d{1,4}$/.test(val) || Number(val) < 1) die(2, `--threads: not a positive whole number: ${val}`);
          o.threads = Number(val); break;
        default:
          die(2, `unknown option --${key}\n${USAGE}`);
      }
    } else if (o.dir === null) {
      o.dir = a;
    } else {
      die(2, `unexpected argument: ${a}\n${USAGE}`);
    }
  }
  if (o.dir === null || o.from === null || o.to === null || o.by === null) die(2, USAGE);
  if (o.from > o.to) die(2, `--from ${o.from} is after --to ${o.to}`);
  return o;
}

const opt = parseArgs(process.argv.slice(2));

// -------------------------------------------------------------------- files

const FILES = ['lsoas', 'postcodes', 'population', 'centres', 'reach_areas', 'families', 'people', 'attendance'];

// Columns read from each file (others are ignored) and how each is typed on
// load. `req` columns must be in the header; an absent optional column is NULL.
const COLUMNS = {
  lsoas: { lsoa_code: 'str req', la_code: 'str req' },
  postcodes: { postcode: 'str req', lsoa_code: 'str req' },
  population: { lsoa_code: 'str req', year: 'int req', age: 'int req', count: 'int req' },
  centres: { centre_code: 'str req', cluster: 'str' },
  reach_areas: { centre_code: 'str req', lsoa_code: 'str req' },
  families: { family_id: 'str req', postcode: 'str', lone_parent: 'str', workless: 'str' },
  people: {
    person_id: 'str req', family_id: 'str req', role: 'str req', relationship: 'str',
    date_of_birth: 'date', ethnicity: 'str', disabled: 'str', registered_on: 'date req',
  },
  attendance: { person_id: 'str req', centre_code: 'str req', activity: 'str req', date: 'date req' },
};

const dir = resolve(opt.dir);
if (!existsSync(dir) || !statSync(dir).isDirectory()) die(1, `not a directory: ${opt.dir}`);
for (const f of FILES) {
  const p = join(dir, `${f}.csv`);
  if (!existsSync(p)) die(1, `missing file: ${p}`);
}

const sqlStr = (s) => `'${String(s).replace(/'/g, "''")}'`;
const ident = (s) => `"${String(s).replace(/"/g, '""')}"`;
const readCsv = (f) =>
  `read_csv(${sqlStr(join(dir, `${f}.csv`))}, header = true, all_varchar = true, ` +
  `delim = ',', quote = '"', escape = '"', comment = '', skip = 0)`;

// ------------------------------------------------------------------- DuckDB

const config = { preserve_insertion_order: 'false' };
if (opt.threads !== null) config.threads = String(opt.threads);
const instance = await DuckDBInstance.create(':memory:', config);
const con = await instance.connect();

// Helpers used by the report (not timed). Each has a cheap path for values
// that are already clean, so that the general one runs only where needed.
await con.run(`
  -- does s start or end with an ASCII white space character (those of C isspace)?
  CREATE MACRO edge_ws(s) AS
    ascii(s) IN (9, 10, 11, 12, 13, 32)
    OR suffix(s, ' ') OR suffix(s, chr(9)) OR suffix(s, chr(10))
    OR suffix(s, chr(11)) OR suffix(s, chr(12)) OR suffix(s, chr(13));
  -- s without leading and trailing white space
  CREATE MACRO tr(s) AS
    CASE WHEN edge_ws(s) THEN trim(s, ' ' || chr(9) || chr(10) || chr(11) || chr(12) || chr(13)) ELSE s END;
  -- s equals the lower-case word w, ignoring case and surrounding white space (never NULL)
  CREATE MACRO is_word(s, w) AS
    CASE WHEN s = w THEN true ELSE coalesce(lower(tr(s)) = w, false) END;
  CREATE MACRO is_y(s) AS is_word(s, 'y');
  -- postcode normalised: upper case, no white space, one space before the last
  -- three characters (if there are at least 5)
  CREATE MACRO pc_packed(s) AS regexp_replace(upper(s), '[\\s\\v]', '', 'g');
  CREATE MACRO pc_spaced(x) AS
    CASE WHEN length(x) >= 5 THEN left(x, length(x) - 3) || ' ' || right(x, 3) ELSE x END;
  CREATE MACRO norm_pc(s) AS
    CASE WHEN regexp_full_match(s, '[A-Z0-9]+ [A-Z0-9]{3}') THEN s ELSE pc_spaced(pc_packed(s)) END;
  -- age in whole years on date d of someone born on dob
  -- (born 29 February: the birthday is 1 March in common years)
  CREATE MACRO age_on(dob, d) AS
    year(d) - year(dob)
    - CASE WHEN month(d) * 100 + day(d) < month(dob) * 100 + day(dob) THEN 1 ELSE 0 END;
`);

// --------------------------------------------------------------------- load

const t0 = performance.now();
for (const f of FILES) {
  const desc = await con.runAndReadAll(`DESCRIBE SELECT * FROM ${readCsv(f)}`);
  const present = new Map(); // lower-case name -> name as in the header
  for (const row of desc.getRows()) {
    const name = String(row[0]);
    const key = name.trim().toLowerCase();
    if (!present.has(key)) present.set(key, name);
  }
  const exprs = [];
  for (const [col, spec] of Object.entries(COLUMNS[f])) {
    const [type, req] = spec.split(' ');
    const src = present.get(col);
    if (src === undefined) {
      if (req) die(1, `${join(dir, `${f}.csv`)}: missing column ${col}`);
      exprs.push(`NULL::${type === 'date' ? 'DATE' : type === 'int' ? 'BIGINT' : 'VARCHAR'} AS ${col}`);
    } else if (type === 'date') {
      exprs.push(`try_cast(${ident(src)} AS DATE) AS ${col}`);
    } else if (type === 'int') {
      exprs.push(`try_cast(${ident(src)} AS BIGINT) AS ${col}`);
    } else {
      exprs.push(`${ident(src)} AS ${col}`);
    }
  }
  await con.run(`CREATE TABLE ${f} AS SELECT ${exprs.join(', ')} FROM ${readCsv(f)}`);
}
const t1 = performance.now();

// ------------------------------------------------------------------- report

const FROM = `DATE ${sqlStr(opt.from)}`;
const TO = `DATE ${sqlStr(opt.to)}`;
const N = opt.sustained;

// The areas listed for --by, and which known LSOAs belong to each.
const AREAS = {
  la: {
    list: `SELECT DISTINCT la_code AS area_code FROM lsoas WHERE coalesce(la_code, '') <> ''`,
    map: `SELECT DISTINCT la_code AS area_code, lsoa_code FROM lsoas WHERE coalesce(la_code, '') <> ''`,
  },
  cluster: {
    list: `SELECT DISTINCT tr(cluster) AS area_code FROM centres WHERE coalesce(tr(cluster), '') <> ''`,
    map: `SELECT DISTINCT tr(c.cluster) AS area_code, r.lsoa_code
          FROM reach_areas r JOIN centres c ON c.centre_code = r.centre_code
          WHERE coalesce(tr(c.cluster), '') <> ''
            AND r.lsoa_code IN (SELECT lsoa_code FROM lsoas)`,
  },
  centre: {
    list: `SELECT DISTINCT centre_code AS area_code FROM centres WHERE centre_code IS NOT NULL`,
    map: `SELECT DISTINCT r.centre_code AS area_code, r.lsoa_code
          FROM reach_areas r
          WHERE r.centre_code IN (SELECT centre_code FROM centres)
            AND r.lsoa_code IN (SELECT lsoa_code FROM lsoas)`,
  },
  lsoa: {
    list: `SELECT DISTINCT lsoa_code AS area_code FROM lsoas WHERE lsoa_code IS NOT NULL`,
    map: `SELECT DISTINCT lsoa_code AS area_code, lsoa_code FROM lsoas WHERE lsoa_code IS NOT NULL`,
  },
};

const REPORT_SQL = `
WITH
-- normalised postcode -> LSOA, only LSOAs present in lsoas.csv
pc AS (
  SELECT norm_pc(p.postcode) AS pc, min(p.lsoa_code) AS lsoa_code
  FROM postcodes p
  WHERE p.lsoa_code IN (SELECT lsoa_code FROM lsoas)
  GROUP BY 1
),
-- families with their known LSOA (NULL = unknown)
fam AS (
  SELECT f.family_id, pc.lsoa_code, is_y(f.lone_parent) AS lone_parent, is_y(f.workless) AS workless
  FROM families f LEFT JOIN pc ON pc.pc = norm_pc(f.postcode)
),
-- per family: the youngest mother's date of birth (a mother under 20 on a child's
-- birthday exists iff the youngest one is), and whether any carer is disabled
carers AS (
  SELECT family_id,
         max(date_of_birth) FILTER (WHERE is_word(relationship, 'mother')) AS mother_dob,
         bool_or(is_y(disabled)) AS disabled_parent
  FROM people
  WHERE is_word(role, 'carer')
  GROUP BY family_id
),
-- children under 5 on TO
u5 AS (
  SELECT person_id, family_id, date_of_birth, registered_on, ethnicity, disabled
  FROM people
  WHERE is_word(role, 'child')
    AND date_of_birth IS NOT NULL AND date_of_birth <= ${TO}
    AND age_on(date_of_birth, ${TO}) < 5
),
-- registered children under 5 with their LSOA and target groups
-- the DfE extended codes WENG WSCO WWEL WCOR WOWB roll up to WBRI (White British)
kids AS (
  SELECT k.person_id, f.lsoa_code,
         coalesce(age_on(c.mother_dob, k.date_of_birth) < 20, false) AS teenage_mother,
         coalesce(f.lone_parent, false) AS lone_parent,
         coalesce(f.workless, false) AS workless,
         coalesce(upper(tr(k.ethnicity)) NOT IN ('', 'WBRI', 'REFU', 'NOBT', 'WENG', 'WSCO', 'WWEL', 'WCOR', 'WOWB'), false) AS minority_ethnic,
         is_y(k.disabled) AS disabled_child,
         coalesce(c.disabled_parent, false) AS disabled_parent
  FROM u5 k
  LEFT JOIN fam f ON f.family_id = k.family_id
  LEFT JOIN carers c ON c.family_id = k.family_id
  WHERE k.registered_on <= ${TO}
),
-- registered fathers of families with a child under 5
dads AS (
  SELECT p.person_id, f.lsoa_code
  FROM people p LEFT JOIN fam f ON f.family_id = p.family_id
  WHERE is_word(p.role, 'carer') AND is_word(p.relationship, 'father')
    AND p.registered_on <= ${TO}
    AND p.family_id IN (SELECT family_id FROM u5)
),
-- distinct sessions attended in FROM..TO by the people counted
att AS (
  SELECT person_id, count(*) AS sessions
  FROM (
    SELECT DISTINCT person_id, centre_code, tr(activity) AS activity, date
    FROM attendance
    WHERE date BETWEEN ${FROM} AND ${TO}
      AND person_id IN (SELECT person_id FROM kids UNION ALL SELECT person_id FROM dads)
  )
  GROUP BY person_id
),
-- registered children counted per LSOA and combination of groups
kid_lsoa AS (
  SELECT k.lsoa_code, teenage_mother, lone_parent, workless, minority_ethnic,
         disabled_child, disabled_parent,
         count(*) AS reg,
         count(a.person_id) AS eng,
         count(*) FILTER (WHERE coalesce(a.sessions, 0) >= ${N}) AS sus
  FROM kids k LEFT JOIN att a ON a.person_id = k.person_id
  GROUP BY ALL
),
-- per LSOA (NULL = unknown) and group
lg AS (
  SELECT lsoa_code, 0 AS g, sum(reg) AS reg, sum(eng) AS eng, sum(sus) AS sus FROM kid_lsoa GROUP BY 1
  UNION ALL SELECT lsoa_code, 1, sum(reg), sum(eng), sum(sus) FROM kid_lsoa WHERE teenage_mother GROUP BY 1
  UNION ALL SELECT lsoa_code, 2, sum(reg), sum(eng), sum(sus) FROM kid_lsoa WHERE lone_parent GROUP BY 1
  UNION ALL SELECT lsoa_code, 3, sum(reg), sum(eng), sum(sus) FROM kid_lsoa WHERE workless GROUP BY 1
  UNION ALL SELECT lsoa_code, 4, sum(reg), sum(eng), sum(sus) FROM kid_lsoa WHERE minority_ethnic GROUP BY 1
  UNION ALL SELECT lsoa_code, 5, sum(reg), sum(eng), sum(sus) FROM kid_lsoa WHERE disabled_child GROUP BY 1
  UNION ALL SELECT lsoa_code, 6, sum(reg), sum(eng), sum(sus) FROM kid_lsoa WHERE disabled_parent GROUP BY 1
  UNION ALL
  SELECT d.lsoa_code, 7, count(*), count(a.person_id),
         count(*) FILTER (WHERE coalesce(a.sessions, 0) >= ${N})
  FROM dads d LEFT JOIN att a ON a.person_id = d.person_id
  GROUP BY 1
),
groups(g, name) AS (
  VALUES (0, 'all'), (1, 'teenage_mother'), (2, 'lone_parent'), (3, 'workless'),
         (4, 'minority_ethnic'), (5, 'disabled_child'), (6, 'disabled_parent'), (7, 'fathers')
),
areas AS (${AREAS[opt.by].list}),
area_map AS (${AREAS[opt.by].map}),
pop_lsoa AS (
  SELECT lsoa_code, sum(count) AS pop
  FROM population
  WHERE year = year(${TO}) AND age BETWEEN 0 AND 4
  GROUP BY 1
),
area_pop AS (
  SELECT m.area_code, sum(p.pop) AS pop
  FROM area_map m JOIN pop_lsoa p ON p.lsoa_code = m.lsoa_code
  GROUP BY 1
),
area_stats AS (
  SELECT m.area_code, lg.g, sum(lg.reg) AS reg, sum(lg.eng) AS eng, sum(lg.sus) AS sus
  FROM area_map m JOIN lg ON lg.lsoa_code = m.lsoa_code
  GROUP BY 1, 2
),
report AS (
  SELECT 0 AS unknown_last, ${sqlStr(opt.by)} AS area_type, a.area_code, gr.g, gr.name AS grp,
         CASE WHEN gr.g = 0 AND ap.pop <> 0 THEN ap.pop END AS pop,
         coalesce(s.reg, 0) AS reg, coalesce(s.eng, 0) AS eng, coalesce(s.sus, 0) AS sus
  FROM areas a
  CROSS JOIN groups gr
  LEFT JOIN area_pop ap ON ap.area_code = a.area_code
  LEFT JOIN area_stats s ON s.area_code = a.area_code AND s.g = gr.g
  UNION ALL
  SELECT 1, 'unknown', '', gr.g, gr.name, NULL,
         coalesce(s.reg, 0), coalesce(s.eng, 0), coalesce(s.sus, 0)
  FROM groups gr
  LEFT JOIN (SELECT g, sum(reg) AS reg, sum(eng) AS eng, sum(sus) AS sus
             FROM lg WHERE lsoa_code IS NULL GROUP BY g) s ON s.g = gr.g
)
SELECT area_type, area_code, grp,
       CAST(pop AS VARCHAR) AS population,
       CAST(reg AS VARCHAR) AS registered,
       CAST(eng AS VARCHAR) AS engaged,
       CAST(sus AS VARCHAR) AS sustained,
       CAST((2000 * reg + pop) // (2 * pop) // 10 AS VARCHAR) || '.' ||
         CAST((2000 * reg + pop) // (2 * pop) % 10 AS VARCHAR) AS registered_pct,
       CAST((2000 * eng + pop) // (2 * pop) // 10 AS VARCHAR) || '.' ||
         CAST((2000 * eng + pop) // (2 * pop) % 10 AS VARCHAR) AS engaged_pct,
       CASE
         WHEN pop IS NULL THEN NULL
         WHEN (200 * reg + pop) // (2 * pop) >= 97 THEN 'almost all'
         WHEN (200 * reg + pop) // (2 * pop) >= 80 THEN 'most'
         WHEN (200 * reg + pop) // (2 * pop) >= 65 THEN 'a large majority'
         WHEN (200 * reg + pop) // (2 * pop) >= 51 THEN 'a majority'
         WHEN (200 * reg + pop) // (2 * pop) = 50 THEN 'half'
         WHEN (200 * reg + pop) // (2 * pop) >= 35 THEN 'a minority'
         WHEN (200 * reg + pop) // (2 * pop) >= 20 THEN 'a small minority'
         WHEN (200 * reg + pop) // (2 * pop) >= 4 THEN 'few'
         ELSE 'almost none'
       END AS registered_words
FROM report
ORDER BY unknown_last, area_code, g
`;

const t2 = performance.now();
const reader = await con.runAndReadAll(REPORT_SQL);
const rows = reader.getRows();
const t3 = performance.now();

// ------------------------------------------------------------------- output

const csvField = (v) => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const out = [
  'area_type,area_code,group,population,registered,engaged,sustained,registered_pct,engaged_pct,registered_words',
];
for (const r of rows) out.push(r.map(csvField).join(','));
out.push('');
await new Promise((res, rej) => process.stdout.write(out.join('\n'), (e) => (e ? rej(e) : res())));

const secs = (ms) => Math.round(ms) / 1000;
process.stderr.write(JSON.stringify({ load_s: secs(t1 - t0), query_s: secs(t3 - t2), rows: rows.length }) + '\n');
con.closeSync();
instance.closeSync();
