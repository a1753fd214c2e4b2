// The 19 regions (maakunnat) by Statistics Finland's national codes. There is no 03 or 20;
// never mix in ISO 3166-2:FI numbers (where FI-01 is Åland). The codes are a literal list so
// that the widget, which validates with them, does not carry the names.
export const regionCodes = [
  '01',
  '02',
  '04',
  '05',
  '06',
  '07',
  '08',
  '09',
  '10',
  '11',
  '12',
  '13',
  '14',
  '15',
  '16',
  '17',
  '18',
  '19',
  '21',
] as const;

export type RegionCode = (typeof regionCodes)[number];

/** Names in fi/sv/en; the Record type makes a missing or extra code a type error. */
const names: Record<RegionCode, { fi: string; sv: string; en: string }> = {
  '01': { fi: 'Uusimaa', sv: 'Nyland', en: 'Uusimaa' },
  '02': { fi: 'Varsinais-Suomi', sv: 'Egentliga Finland', en: 'Southwest Finland' },
  '04': { fi: 'Satakunta', sv: 'Satakunta', en: 'Satakunta' },
  '05': { fi: 'Kanta-Häme', sv: 'Egentliga Tavastland', en: 'Tavastia Proper' },
  '06': { fi: 'Pirkanmaa', sv: 'Birkaland', en: 'Pirkanmaa' },
  '07': { fi: 'Päijät-Häme', sv: 'Päijänne-Tavastland', en: 'Päijät-Häme' },
  '08': { fi: 'Kymenlaakso', sv: 'Kymmenedalen', en: 'Kymenlaakso' },
  '09': { fi: 'Etelä-Karjala', sv: 'Södra Karelen', en: 'South Karelia' },
  '10': { fi: 'Etelä-Savo', sv: 'Södra Savolax', en: 'South Savo' },
  '11': { fi: 'Pohjois-Savo', sv: 'Norra Savolax', en: 'North Savo' },
  '12': { fi: 'Pohjois-Karjala', sv: 'Norra Karelen', en: 'North Karelia' },
  '13': { fi: 'Keski-Suomi', sv: 'Mellersta Finland', en: 'Central Finland' },
  '14': { fi: 'Etelä-Pohjanmaa', sv: 'Södra Österbotten', en: 'South Ostrobothnia' },
  '15': { fi: 'Pohjanmaa', sv: 'Österbotten', en: 'Ostrobothnia' },
  '16': { fi: 'Keski-Pohjanmaa', sv: 'Mellersta Österbotten', en: 'Central Ostrobothnia' },
  '17': { fi: 'Pohjois-Pohjanmaa', sv: 'Norra Österbotten', en: 'North Ostrobothnia' },
  '18': { fi: 'Kainuu', sv: 'Kajanaland', en: 'Kainuu' },
  '19': { fi: 'Lappi', sv: 'Lappland', en: 'Lapland' },
  '21': { fi: 'Ahvenanmaa', sv: 'Åland', en: 'Åland' },
};

export const regions = /* @__PURE__ */ regionCodes.map((code) => ({ code, ...names[code] }));

/** NUTS-3 code (Posti's `ad_area_code`) → national region code. */
export const regionByNuts3: Record<string, RegionCode> = {
  FI1B1: '01',
  FI1C1: '02',
  FI196: '04',
  FI1C2: '05',
  FI197: '06',
  FI1C3: '07',
  FI1C4: '08',
  FI1C5: '09',
  FI1D1: '10',
  FI1D2: '11',
  FI1D3: '12',
  FI193: '13',
  FI194: '14',
  FI195: '15',
  FI1D5: '16',
  FI1D9: '17',
  FI1D8: '18',
  FI1D7: '19',
  FI200: '21',
};
