import type { HoldRow } from '../../db/schema/index.js';

export type HoldMapper = HoldRow;
