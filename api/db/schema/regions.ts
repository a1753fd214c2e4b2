import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The 19 maakunnat; rows come from api/contract/regions.ts at migrate time. */
export const regions = sqliteTable('regions', {
  code: text('code').primaryKey(),
  nameFi: text('name_fi').notNull(),
  nameSv: text('name_sv').notNull(),
  nameEn: text('name_en').notNull(),
});
