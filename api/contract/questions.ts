// Structured questions (issue 13): asked once per category, defined here as data and read by
// the server only (the widget gets them in its configuration, so their texts cost it no bytes),
// everything that shows or checks them: the widget (through GET /v1/widget/config, in the
// visitor's language), the API's check of `answers`, the contractors' list, detail and filters,
// and the exports. Every question is optional: an answer missing is fine, a wrong one is refused.
import type { Locale } from './request.ts';
import type { Answers } from './request-input.ts';

type Text = Record<Locale, string>;
export type Question =
  | { id: string; kind: 'choice'; label: Text; options: { value: string; label: Text }[] }
  | { id: string; kind: 'number'; label: Text; unit: 'm2' | 'pcs'; min: number; max: number };

const choice = (id: string, label: Text, options: [string, string, string, string][]): Question => ({
  id,
  kind: 'choice',
  label,
  options: options.map(([value, fi, sv, en]) => ({ value, label: { fi, sv, en } })),
});
const number = (id: string, label: Text, unit: 'm2' | 'pcs', max: number): Question => ({ id, kind: 'number', label, unit, min: 1, max });

/** Asked for every category, in this order. */
export const commonQuestions: Question[] = [
  choice('timing', { fi: 'Aikataulu', sv: 'Tidtabell', en: 'Timing' }, [
    ['asap', 'Mahdollisimman pian', 'Så snart som möjligt', 'As soon as possible'],
    ['3_months', '3 kuukauden sisällä', 'Inom 3 månader', 'Within 3 months'],
    ['later', 'Myöhemmin', 'Senare', 'Later'],
    ['planning', 'Vasta suunnittelen', 'Planerar bara', 'Just planning'],
  ]),
  choice('propertyType', { fi: 'Kohde', sv: 'Objekt', en: 'Property' }, [
    ['detached', 'Omakotitalo', 'Egnahemshus', 'Detached house'],
    ['semi_detached', 'Paritalo tai rivitalo', 'Parhus eller radhus', 'Semi-detached or terraced house'],
    ['apartment', 'Kerrostalo', 'Höghus', 'Block of flats'],
    ['holiday', 'Vapaa-ajan asunto', 'Fritidsbostad', 'Holiday home'],
    ['commercial', 'Liiketila', 'Affärslokal', 'Commercial premises'],
  ]),
  number('size', { fi: 'Kohteen koko (m²)', sv: 'Objektets storlek (m²)', en: 'Size of the property (m²)' }, 'm2', 100_000),
  choice('budget', { fi: 'Budjetti', sv: 'Budget', en: 'Budget' }, [
    ['under_5k', 'Alle 5 000 €', 'Under 5 000 €', 'Under €5,000'],
    ['5k_15k', '5 000–15 000 €', '5 000–15 000 €', '€5,000–15,000'],
    ['15k_50k', '15 000–50 000 €', '15 000–50 000 €', '€15,000–50,000'],
    ['over_50k', 'Yli 50 000 €', 'Över 50 000 €', 'Over €50,000'],
  ]),
];

/** Asked after the common ones where the category needs more to price the job. */
export const categoryQuestions: Record<string, Question[]> = {
  bathroom: [
    number(
      'floorArea',
      { fi: 'Kylpyhuoneen lattiapinta-ala (m²)', sv: 'Badrummets golvyta (m²)', en: 'Bathroom floor area (m²)' },
      'm2',
      200,
    ),
    choice('waterproofingAge', { fi: 'Vedeneristyksen ikä', sv: 'Tätskiktets ålder', en: 'Age of the waterproofing' }, [
      ['under_10', 'Alle 10 vuotta', 'Under 10 år', 'Under 10 years'],
      ['10_20', '10–20 vuotta', '10–20 år', '10–20 years'],
      ['over_20', 'Yli 20 vuotta', 'Över 20 år', 'Over 20 years'],
      ['unknown', 'En tiedä', 'Vet inte', "Don't know"],
    ]),
  ],
  kitchen: [
    choice('kitchenScope', { fi: 'Laajuus', sv: 'Omfattning', en: 'Scope' }, [
      ['full', 'Koko keittiö', 'Hela köket', 'The whole kitchen'],
      ['fronts', 'Ovet ja tasot', 'Luckor och bänkar', 'Doors and worktops'],
      ['appliances', 'Kodinkoneet', 'Vitvaror', 'Appliances'],
      ['other', 'Muu', 'Annat', 'Other'],
    ]),
  ],
  roof: [
    choice('roofMaterial', { fi: 'Katon materiaali', sv: 'Takmaterial', en: 'Roof material' }, [
      ['tile', 'Tiili', 'Tegel', 'Tile'],
      ['sheet', 'Pelti', 'Plåt', 'Sheet metal'],
      ['felt', 'Huopa', 'Filt', 'Felt'],
      ['other', 'Muu', 'Annat', 'Other'],
    ]),
  ],
  windows_doors: [
    number('count', { fi: 'Ikkunoiden ja ovien määrä', sv: 'Antal fönster och dörrar', en: 'Number of windows and doors' }, 'pcs', 500),
  ],
  heating: [
    choice('heatingNow', { fi: 'Nykyinen lämmitys', sv: 'Nuvarande uppvärmning', en: 'Current heating' }, [
      ['oil', 'Öljy', 'Olja', 'Oil'],
      ['electric', 'Sähkö', 'El', 'Electric'],
      ['district', 'Kaukolämpö', 'Fjärrvärme', 'District heating'],
      ['other', 'Muu', 'Annat', 'Other'],
    ]),
  ],
};

/** The values a common choice question takes (the contractors' list filters on them). */
export function optionValues(id: 'timing' | 'propertyType'): [string, ...string[]] {
  const q = commonQuestions.find((x) => x.id === id);
  if (q?.kind !== 'choice') throw new Error(`no choice question ${id}`);
  return q.options.map((o) => o.value) as [string, ...string[]];
}

/** The questions of a category, common ones first. */
export const questionsFor = (category: string): Question[] => [...commonQuestions, ...(categoryQuestions[category] ?? [])];

/** The questions as the widget shows them: in one language, with the values to send. */
export type QuestionView =
  | { id: string; kind: 'choice'; label: string; options: { value: string; label: string }[] }
  | { id: string; kind: 'number'; label: string; min: number; max: number };
export const questionView = (q: Question, lang: Locale): QuestionView =>
  q.kind === 'choice'
    ? { id: q.id, kind: 'choice', label: q.label[lang], options: q.options.map((o) => ({ value: o.value, label: o.label[lang] })) }
    : { id: q.id, kind: 'number', label: q.label[lang], min: q.min, max: q.max };

/** What is wrong with `answers` for `category`: [path, code, bound?] per answer, none when all fit. */
export function answerIssues(category: string, answers: Answers): [string, string, number?][] {
  const asked = new Map(questionsFor(category).map((q) => [q.id, q]));
  return Object.entries(answers).flatMap(([id, value]): [string, string, number?][] => {
    const q = asked.get(id);
    const path = `answers.${id}`;
    if (!q) return [[path, 'unknown_question']];
    if (q.kind === 'choice') return typeof value === 'string' && q.options.some((o) => o.value === value) ? [] : [[path, 'invalid_choice']];
    if (typeof value !== 'number') return [[path, 'invalid_number']];
    if (value < q.min) return [[path, 'too_small', q.min]];
    if (value > q.max) return [[path, 'too_large', q.max]];
    return [];
  });
}

const numberLocale: Record<Locale, string> = { fi: 'fi-FI', sv: 'sv-FI', en: 'en-GB' };

/** An answer as a person reads it: the option's label, or the number with its unit. */
export function answerText(
  category: string,
  id: string,
  value: string | number,
  lang: Locale,
): { question: string; answer: string } | null {
  const q = questionsFor(category).find((x) => x.id === id);
  if (!q) return null;
  if (q.kind === 'choice') {
    const option = q.options.find((o) => o.value === value);
    return option ? { question: q.label[lang], answer: option.label[lang] } : null;
  }
  const n = new Intl.NumberFormat(numberLocale[lang]).format(Number(value));
  return { question: q.label[lang], answer: `${n}${q.unit === 'm2' ? ' m²' : lang === 'fi' ? ' kpl' : lang === 'sv' ? ' st.' : ''}` };
}
