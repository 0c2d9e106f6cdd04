import type { SeatPlace } from '../../db/queries/hold-seats.js';

/**
 * Suggests up to `limit` blocks of `count` free seats next to each other (same section and row,
 * consecutive numbers), nearest first to where the buyer wanted to sit.
 */
export function suggestAlternatives(
  places: readonly SeatPlace[],
  wanted: readonly SeatPlace[],
  count: number,
  limit = 3,
): string[][] {
  if (wanted.length === 0 || count < 1) return [];
  const cx = wanted.reduce((sum, p) => sum + p.x, 0) / wanted.length;
  const cy = wanted.reduce((sum, p) => sum + p.y, 0) / wanted.length;
  const sections = new Set(wanted.map((p) => p.section));

  const rows = new Map<string, SeatPlace[]>();
  for (const p of places) {
    if (!sections.has(p.section)) continue;
    const k = `${p.section}\u0000${p.row}`;
    const list = rows.get(k);
    if (list) list.push(p);
    else rows.set(k, [p]);
  }

  const blocks: { ids: string[]; distance: number }[] = [];
  for (const list of rows.values()) {
    list.sort((a, b) => a.number - b.number);
    for (let i = 0; i + count <= list.length; i++) {
      const block = list.slice(i, i + count);
      const contiguous = block.every((p, j) => p.free && (j === 0 || p.number === block[j - 1]!.number + 1));
      if (!contiguous) continue;
      const bx = block.reduce((s, p) => s + p.x, 0) / count;
      const by = block[0]!.y;
      // Rows matter more than columns: moving back a row is a bigger change than moving along it.
      blocks.push({ ids: block.map((p) => p.id), distance: Math.abs(bx - cx) + 2 * Math.abs(by - cy) });
    }
  }
  blocks.sort((a, b) => a.distance - b.distance);

  // Suggestions should differ: skip blocks overlapping one already chosen.
  const chosen: string[][] = [];
  const used = new Set<string>();
  for (const b of blocks) {
    if (chosen.length >= limit) break;
    if (b.ids.some((id) => used.has(id))) continue;
    chosen.push(b.ids);
    b.ids.forEach((id) => used.add(id));
  }
  return chosen;
}
