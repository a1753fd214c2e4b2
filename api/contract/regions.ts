// The 19 regions (maakunnat) by Statistics Finland's national codes. There is no 03 or 20;
// never mix in ISO 3166-2:FI numbers (where FI-01 is Åland).
export const regions = [
  { code: '01', fi: 'Uusimaa', sv: 'Nyland', en: 'Uusimaa' },
  { code: '02', fi: 'Varsinais-Suomi', sv: 'Egentliga Finland', en: 'Southwest Finland' },
  { code: '04', fi: 'Satakunta', sv: 'Satakunta', en: 'Satakunta' },
  { code: '05', fi: 'Kanta-Häme', sv: 'Egentliga Tavastland', en: 'Tavastia Proper' },
  { code: '06', fi: 'Pirkanmaa', sv: 'Birkaland', en: 'Pirkanmaa' },
  { code: '07', fi: 'Päijät-Häme', sv: 'Päijänne-Tavastland', en: 'Päijät-Häme' },
  { code: '08', fi: 'Kymenlaakso', sv: 'Kymmenedalen', en: 'Kymenlaakso' },
  { code: '09', fi: 'Etelä-Karjala', sv: 'Södra Karelen', en: 'South Karelia' },
  { code: '10', fi: 'Etelä-Savo', sv: 'Södra Savolax', en: 'South Savo' },
  { code: '11', fi: 'Pohjois-Savo', sv: 'Norra Savolax', en: 'North Savo' },
  { code: '12', fi: 'Pohjois-Karjala', sv: 'Norra Karelen', en: 'North Karelia' },
  { code: '13', fi: 'Keski-Suomi', sv: 'Mellersta Finland', en: 'Central Finland' },
  { code: '14', fi: 'Etelä-Pohjanmaa', sv: 'Södra Österbotten', en: 'South Ostrobothnia' },
  { code: '15', fi: 'Pohjanmaa', sv: 'Österbotten', en: 'Ostrobothnia' },
  { code: '16', fi: 'Keski-Pohjanmaa', sv: 'Mellersta Österbotten', en: 'Central Ostrobothnia' },
  { code: '17', fi: 'Pohjois-Pohjanmaa', sv: 'Norra Österbotten', en: 'North Ostrobothnia' },
  { code: '18', fi: 'Kainuu', sv: 'Kajanaland', en: 'Kainuu' },
  { code: '19', fi: 'Lappi', sv: 'Lappland', en: 'Lapland' },
  { code: '21', fi: 'Ahvenanmaa', sv: 'Åland', en: 'Åland' },
] as const;

export type RegionCode = (typeof regions)[number]['code'];

export const regionCodes = regions.map((r) => r.code) as unknown as readonly [RegionCode, ...RegionCode[]];

/** NUTS-3 code (Posti's `ad_area_code`) → national region code. */
export const regionByNuts3: Record<string, RegionCode> = {
  FI1B1: '01', FI1C1: '02', FI196: '04', FI1C2: '05', FI197: '06', FI1C3: '07',
  FI1C4: '08', FI1C5: '09', FI1D1: '10', FI1D2: '11', FI1D3: '12', FI193: '13',
  FI194: '14', FI195: '15', FI1D5: '16', FI1D9: '17', FI1D8: '18', FI1D7: '19',
  FI200: '21',
};
