// Postal code → town, municipality and region, from Posti's data (scripts/build-postal-data.ts).
// The table stays on the server; the widget asks for one code at a time.
import type { Locale } from '../contract/request.ts';
import { regions, type RegionCode } from '../contract/regions.ts';
import type { PostalCodeInfo } from '../contract/widget.ts';
import data from './postal-data.json' with { type: 'json' };

const municipalities = data.municipalities as unknown as Record<string, [string, string, RegionCode]>;
const postalCodes = data.postalCodes as unknown as Record<string, [string, string, string]>;

export function lookupPostalCode(code: string, lang: Locale = 'fi'): PostalCodeInfo | null {
  const entry = postalCodes[code];
  if (!entry) return null;
  const [townFi, townSv, municipalityCode] = entry;
  const [municipalityFi, municipalitySv, regionCode] = municipalities[municipalityCode]!;
  const region = regions.find((r) => r.code === regionCode)!;
  const sv = lang === 'sv';
  return {
    postalCode: code,
    town: sv && townSv ? townSv : townFi,
    municipalityCode,
    municipality: sv ? municipalitySv : municipalityFi,
    region: { code: region.code, name: region[lang] },
  };
}
