import { asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { cities, type CityRow } from '../schema/index.js';

export async function insertCity(
  db: DbOrTx,
  values: { name: string; country: string; timezone: string },
): Promise<CityRow | undefined> {
  const [row] = await db.insert(cities).values(values).onConflictDoNothing().returning();
  return row;
}

export async function findAllCities(db: DbOrTx): Promise<CityRow[]> {
  return db.select().from(cities).orderBy(asc(cities.name), asc(cities.id));
}

export async function findCitiesByIds(db: DbOrTx, ids: readonly string[]): Promise<CityRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(cities)
    .where(inArray(cities.id, [...ids]));
}

/** Returns undefined when the new name and country belong to another city. */
export async function updateCity(
  db: DbOrTx,
  id: string,
  values: Partial<Pick<CityRow, 'name' | 'country' | 'timezone'>>,
): Promise<CityRow | undefined> {
  const [row] = await db.update(cities).set(values).where(eq(cities.id, id)).returning();
  return row;
}

export async function lockCity(db: DbOrTx, id: string): Promise<CityRow | undefined> {
  const [row] = await db.select().from(cities).where(eq(cities.id, id)).for('no key update');
  return row;
}
