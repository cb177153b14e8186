/** One sheet of the in-memory workbook. */
import type { Cell } from '../../engine/index.js';
import type { OwnedRole } from '../layout/types.js';
import type { MemorySheetDecor } from './write.js';

export interface MemorySheet {
  name: string;
  rows: Cell[][];
  /** Excel row number of rows[0]. */
  firstRow: number;
  /** Stable id (like Excel's worksheet id): survives renames. */
  id?: string;
  /** Set on sheets the add-in created (like the TerritorySlicer.owner custom property). */
  owner?: OwnedRole;
  /** A protected sheet refuses writes, as in Excel. */
  protected?: boolean;
  /** Tables, charts and formats of an owned sheet. */
  decor?: MemorySheetDecor;
}
