/**
 * The names the add-in uses inside a workbook. `workbook.settings` (ExcelApi) and
 * `Office.context.document.settings` (Common API) are one store per add-in and document, so every key
 * the add-in writes there is listed here, apart from one another.
 */

/** Worksheet custom property marking a sheet as ours; its value is the role (ExcelApi 1.12). */
export const OWNER_KEY = 'TerritorySlicer.owner';
/** Setting with the ids of our sheets, and claims on sheets being created (ownership.ts; ExcelApi 1.4). */
export const OWNED_RECORD_KEY = 'TerritorySlicer.ownedSheets';
/** Setting with the pane's stored state: settings file, savedAt, inputHash, scenarios (SPEC §16). */
export const STATE_KEY = 'TerritorySlicer.paneState';
/** Setting saying whether the record of the Assigned_Rep values last written is complete (last-written.ts). */
export const LAST_WRITTEN_KEY = 'TerritorySlicer.lastWritten';

/** Role (in the ownership record and the owner mark) of the hidden sheet holding what Assigned_Rep last got. */
export const LAST_WRITTEN_ROLE = 'lastWritten';
/** That sheet's name when it is created (very hidden: the user never sees it in the tabs). */
export const LAST_WRITTEN_SHEET = 'TS_LastWritten';
