/** The preview sample: webpack reads the .xlsx at build time into its sheets (scripts/sample-sheets-loader.mjs). */
declare module 'sample-workbook.xlsx' {
  const sheets: import('../engine/index.js').SheetInput[];
  export default sheets;
}
