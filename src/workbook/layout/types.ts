/**
 * The plain description of everything one Allocate press writes (SPEC §9): the two result
 * columns on the Accounts sheet and the owned sheets with their tables and charts.
 * No Excel here: the Office adapter, the in-memory workbook and the .xlsx writer all
 * render the same description, so they cannot drift apart.
 */

/**
 * A value to write. Every string is literal text (a name, an ID, a label, "N/A"): no
 * writer ever lets one become a formula, a number or a date. `null` = empty cell.
 */
export type OutCell = string | number | boolean | null;

/** The sheets the add-in owns, by role (the keys of `WriteReport.sheets`). */
export type OwnedRole = 'fairness' | 'comparison' | 'audit' | 'sensitivity' | 'scenarios';
export const OWNED_ROLES: readonly OwnedRole[] = ['fairness', 'comparison', 'audit', 'sensitivity', 'scenarios'];

/** The name each owned sheet gets when it is first created. */
export const OWNED_SHEET_NAMES: Readonly<Record<OwnedRole, string>> = {
  fairness: 'Fairness',
  comparison: 'Comparison',
  audit: 'Audit Log',
  sensitivity: 'Sensitivity',
  scenarios: 'Scenarios',
};

/** Formatting of one cell beyond its column's number format. */
export interface CellStyle {
  readonly fill?: string;
  readonly fontColor?: string;
  readonly bold?: boolean;
  readonly numberFormat?: string;
}

/** A styled cell, positioned relative to the first data row / first column of its table. */
export interface StyledCell {
  readonly row: number;
  readonly column: number;
  readonly style: CellStyle;
}

/** One Excel table: header row plus data rows, produced lazily so 1M-row tables stay cheap. */
export interface TableLayout {
  /** Workbook-unique, stable across runs (`TS_AuditLog`, ...). */
  readonly name: string;
  /** Caption written in bold one row above the header, or null. */
  readonly caption: string | null;
  /** 0-based sheet row of the header. */
  readonly row: number;
  /** 0-based sheet column of the first table column. */
  readonly column: number;
  readonly headers: readonly string[];
  /** Number format of each column's data cells ('General', '$#,##0', '0.0', ...). */
  readonly formats: readonly string[];
  /** Data rows (≥ 1: an empty table gets a "(none)" row, since Excel tables need one). */
  readonly rowCount: number;
  /**
   * Data rows [from, to), each `headers.length` wide. Asynchronous because some are built where
   * the allocation lives (the Audit Log's, in the compute worker) and fetched block by block.
   */
  rows(from: number, to: number): Promise<OutCell[][]>;
  /** Sparse per-cell styles (band fills, per-row number formats in key/value tables). */
  readonly styles: readonly StyledCell[];
}

/** The Audit Log's data rows [from, to), row 0 being step 1: fetched block by block by the writers. */
export type AuditLogRows = (from: number, to: number) => Promise<OutCell[][]>;

export type ChartKind = 'barStacked' | 'columnClustered' | 'line';

export interface ChartSeriesLayout {
  readonly name: string;
  /** Column of the source table holding the values. */
  readonly column: number;
  readonly axis: 'primary' | 'secondary';
}

/** A native chart whose series read columns of one table of the same sheet. */
export interface ChartLayout {
  /** Stable name, unique on its sheet. */
  readonly name: string;
  readonly title: string;
  readonly kind: ChartKind;
  readonly table: string;
  /** Table column holding the category labels (rep names, thresholds). */
  readonly categoryColumn: number;
  readonly series: readonly ChartSeriesLayout[];
  /** Placement in cells: top-left (0-based) and size. */
  readonly anchor: { readonly row: number; readonly column: number; readonly rows: number; readonly columns: number };
}

/** A free text cell (titles, notes). */
export interface TextCell {
  readonly row: number;
  readonly column: number;
  readonly text: string;
  readonly style: 'title' | 'note';
}

export interface SheetLayout {
  readonly role: OwnedRole;
  readonly baseName: string;
  readonly texts: readonly TextCell[];
  readonly tables: readonly TableLayout[];
  readonly charts: readonly ChartLayout[];
  /** Rows frozen at the top (through the main table's header row). */
  readonly freezeRows: number;
  /** Column widths in points, from column A. */
  readonly columnWidths: readonly number[];
}

/** One of the two result columns on the Accounts sheet. */
export interface ResultColumn {
  readonly header: 'Segment' | 'Assigned_Rep';
  /** 0-based column relative to the Accounts SheetInput's rows (add the used range's first column). */
  readonly column: number;
  /** True when the column already exists (an earlier run or the user's own header): updated in place. */
  readonly existing: boolean;
}

/** Segment and Assigned_Rep for every account row of the Accounts sheet. */
export interface ResultColumnsLayout {
  readonly sheet: string;
  /** Excel row number of the header row. */
  readonly headerRow: number;
  /** Excel row number of the first row below the header. */
  readonly firstDataRow: number;
  /** Rows from firstDataRow through the last account row (blank rows in between included). */
  readonly rowCount: number;
  /** 0-based relative column just after the last used column: where new columns go. */
  readonly appendAt: number;
  readonly segment: ResultColumn;
  readonly assignedRep: ResultColumn;
  /** [segment, assigned rep] for rows [from, to) counted from firstDataRow; '' on blank rows and for unassigned accounts. */
  values(from: number, to: number): [string, string][];
}

export interface WorkbookLayout {
  readonly results: ResultColumnsLayout;
  /** Fairness, Comparison, Audit Log, Sensitivity: the order they are written in. */
  readonly sheets: readonly SheetLayout[];
}
