'use strict';
// Rewrites admin-units.json from the Statistics Office's three CSV files (see README.md beside this file):
//   node libs/domain/data/vn-admin-units/vendor.js <directory holding the CSV files>
// Deterministic: the same CSV files give the same bytes. Prints what it corrected in the source data.
const { readFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const from = process.argv[2];
if (!from) {
  process.stderr.write('usage: node vendor.js <directory with communes-before-2025-07-01.csv, communes-from-…, conversion-…>\n');
  process.exit(2);
}

/** RFC 4180 CSV (quoted fields may hold commas and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') (row.push(field), (field = ''));
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      (row.push(field), rows.push(row), (row = []), (field = ''));
    } else field += ch;
  }
  if (field !== '' || row.length) (row.push(field), rows.push(row));
  return rows;
}

const read = (name) => parseCsv(readFileSync(join(from, name), 'utf8').replace(/^\uFEFF/, ''));
/** One written form: NFC, single spaces, no stray line breaks (several cells end in "\n"). */
const clean = (s) => s.normalize('NFC').replace(/\s+/g, ' ').trim();
const fold = (s) =>
  clean(s)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase();
const codeIn = (s) => {
  const m = /\((\d+)\)\s*$/.exec(s);
  if (!m) throw new Error(`no code in "${s}"`);
  return m[1];
};
const nameOf = (s) => clean(s.replace(/\(\d+\)\s*$/, ''));
const notes = [];

const TITLES = ['Xã', 'Phường', 'Thị trấn', 'Đặc khu', 'Huyện', 'Quận', 'Thị xã', 'Thành phố'];
/** The title written one way ("xã Bắc Sơn", "Thị Trấn …", "Thành Phố …" occur); a commune with none is a Xã. */
function titled(name, commune) {
  const lower = name.toLowerCase();
  for (const t of TITLES) if (lower.startsWith(`${t.toLowerCase()} `)) return `${t}${name.slice(t.length)}`;
  if (!commune) throw new Error(`no title: ${name}`);
  notes.push(`"${name}" has no title: written "Xã ${name}"`);
  return `Xã ${name}`;
}

// --- communes from 1 July 2025 -----------------------------------------------------------
const communes = read('communes-from-2025-07-01.csv')
  .slice(1)
  .filter((r) => r.length >= 5 && r[2])
  .map(([province, , code, name]) => [clean(code), titled(clean(name), true), clean(province)]);
const newCodes = new Set(communes.map((c) => c[0]));

// --- communes before: the authority for old names, old codes and which district is in which province --
const districts = new Map(); // code -> [code, name, province]
const oldByCode = new Map(); // code -> [code, name, district]
const oldByName = new Map(); // district + folded name -> code
for (const r of read('communes-before-2025-07-01.csv').slice(1)) {
  if (r.length < 7) continue;
  const [, province, district, districtCode, commune, communeCode] = r.map(clean);
  if (!districts.has(districtCode)) districts.set(districtCode, [districtCode, titled(district, false), province]);
  if (!communeCode) continue; // a district without communes (island districts): the district is the unit
  oldByCode.set(communeCode, [communeCode, titled(commune, true), districtCode]);
  oldByName.set(`${districtCode}|${fold(commune)}`, communeCode);
}

// --- the conversion table -----------------------------------------------------------------
/**
 * How much of an old commune a row gives its new one, as far as residents go: W the whole of it
 * (merged whole, kept, renamed or retyped), P a part (split between several new communes),
 * A part of its area but all its people (the other parts took land without residents).
 */
function share(how) {
  const h = fold(how);
  if (h.includes('toan bo dan so')) return 'A';
  if (h.includes('mot phan') || h.startsWith('phan con lai') || h.includes('tu mot phan')) return 'P';
  if (h.startsWith('nhap toan bo') || h.startsWith('giu nguyen') || h.startsWith('doi ten') || h.startsWith('doi loai hinh'))
    return 'W';
  if (h.startsWith('sap xep toan bo')) return 'W';
  throw new Error(`unknown conversion note "${how}"`);
}

let unlisted = 0;
const conversion = []; // [new code, old code, share]
const wholeDistricts = new Map(); // old district code -> the new unit it became whole
for (const r of read('conversion-2025-07-01.csv').slice(2)) {
  if (r.length < 8 || !clean(r[2])) continue; // a province heading
  const newCode = clean(r[2]);
  if (!newCodes.has(newCode)) throw new Error(`conversion names an unknown new commune ${newCode}`);
  const oldName = clean(r[3]);
  let oldCode = clean(r[4]);
  const districtCode = codeIn(r[6]);
  const how = share(r[5]);
  if (!districts.has(districtCode)) throw new Error(`unknown old district ${r[6]}`);
  const province = districts.get(districtCode)[2];
  if (province !== codeIn(r[7]))
    notes.push(`district ${districtCode} (${nameOf(r[6])}): old province ${codeIn(r[7])} in the table, ${province} in the list`);
  if (!oldCode && !oldName) {
    // A whole district made a special zone (đặc khu): the district itself is the old unit.
    wholeDistricts.set(districtCode, newCode);
    continue;
  }
  if (!oldCode) {
    notes.push(`skipped "${oldName}" (no commune code): not a commune`);
    continue;
  }
  const listed = oldByCode.get(oldCode);
  const byName = oldByName.get(`${districtCode}|${fold(oldName)}`);
  if (listed && listed[2] === districtCode && fold(listed[1]) === fold(oldName)) {
    // as listed
  } else if (byName) {
    notes.push(`${oldName} in district ${districtCode}: code ${oldCode} in the table, ${byName} in the list`);
    oldCode = byName;
  } else {
    unlisted++; // not in the list of 4 January 2025 (renamed or created since): as the table has it
    oldByCode.set(oldCode, [oldCode, titled(oldName, true), districtCode]);
  }
  conversion.push([newCode, oldCode, how]);
}

// Per old commune: the new communes that took its residents, and those that took only land (the
// other parts of a commune one of whose parts took "part of the area, all of the population").
const successors = new Map();
for (const [newCode, oldCode, how] of conversion) {
  const s = successors.get(oldCode) ?? { rows: [] };
  s.rows.push([newCode, how]);
  successors.set(oldCode, s);
}
const byCode = (a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);
const oldCommunes = [];
let unconverted = 0;
for (const [code, [, name, district]] of [...oldByCode].sort(byCode)) {
  const s = successors.get(code);
  if (!s) {
    unconverted++; // in the list of 4 January 2025, gone by 30 June (merged since) or under a typo'd code
    continue;
  }
  const allPeople = s.rows.filter(([, how]) => how === 'A').map(([c]) => c);
  const uniq = (xs) => [...new Set(xs)].sort();
  const residents = uniq(allPeople.length ? allPeople : s.rows.map(([c]) => c));
  const landOnly = uniq(s.rows.map(([c]) => c).filter((c) => !residents.includes(c)));
  oldCommunes.push(landOnly.length ? [code, name, district, residents, landOnly] : [code, name, district, residents]);
}
const usedDistricts = new Set([...oldCommunes.map((c) => c[2]), ...wholeDistricts.keys()]);
const oldDistricts = [...districts.values()]
  .filter((d) => usedDistricts.has(d[0]))
  .map((d) => (wholeDistricts.has(d[0]) ? [...d, wholeDistricts.get(d[0])] : d))
  .sort(byCode);
const splits = oldCommunes.filter((c) => c[3].length > 1).length;

// One row a line: diffs of a new release read row by row.
const lines = (rows) => rows.map((r) => `  ${JSON.stringify(r)}`).join(',\n');
const out =
  '{\n' +
  `  "source": "General Statistics Office of Viet Nam (danhmuchanhchinh.nso.gov.vn), via VietnamProvinces seed data 2026-02-21",\n` +
  `  "communes": [\n${lines(communes.sort(byCode))}\n  ],\n` +
  `  "oldDistricts": [\n${lines(oldDistricts)}\n  ],\n` +
  `  "oldCommunes": [\n${lines(oldCommunes)}\n  ]\n` +
  '}\n';
writeFileSync(join(__dirname, 'admin-units.json'), out);
process.stdout.write(
  `${communes.length} communes, ${oldDistricts.length} old districts, ${oldCommunes.length} old communes ` +
    `(${splits} split between several), from ${conversion.length} conversion rows; ${Buffer.byteLength(out)} bytes\n`,
);
process.stdout.write(
  `${unlisted} old communes only in the table (kept), ${unconverted} only in the list (left out); corrections:\n`,
);
for (const n of notes) process.stdout.write(`  ${n}\n`);
