// Starting categories (admin-editable later). Inserted once; staff edits are never overwritten.
import { sales } from '../config.ts';

export const starterCategories = [
  ['bathroom', 'Kylpyhuone', 'Badrum', 'Bathroom'],
  ['kitchen', 'Keittiö', 'Kök', 'Kitchen'],
  ['roof', 'Katto', 'Tak', 'Roof'],
  ['facade', 'Julkisivu', 'Fasad', 'Facade'],
  ['windows_doors', 'Ikkunat ja ovet', 'Fönster och dörrar', 'Windows and doors'],
  ['floors', 'Lattiat', 'Golv', 'Floors'],
  ['painting', 'Maalaus', 'Målning', 'Painting'],
  ['pipe_renovation', 'Putkiremontti (linjasaneeraus)', 'Rörrenovering (stambyte)', 'Pipe renovation'],
  ['plumbing', 'LVI-työt', 'VVS-arbeten', 'Plumbing'],
  ['electrical', 'Sähkötyöt', 'Elarbeten', 'Electrical work'],
  ['heating', 'Lämmitys ja lämpöpumput', 'Uppvärmning och värmepumpar', 'Heating and heat pumps'],
  ['sauna', 'Sauna', 'Bastu', 'Sauna'],
  ['yard', 'Piha', 'Gård', 'Yard'],
  ['moisture_damage', 'Kosteusvauriot', 'Fuktskador', 'Moisture damage'],
  ['other', 'Muu remontti', 'Annan renovering', 'Other renovation'],
].map(([id, labelFi, labelSv, labelEn], sort) => ({
  id,
  labelFi,
  labelSv,
  labelEn,
  sort,
  priceCents: sales.defaultPriceCents,
  maxBuyers: sales.defaultMaxBuyers,
}));
