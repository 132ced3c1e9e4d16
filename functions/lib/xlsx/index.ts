/** Our own small XLSX writer (no exceljs in the Lambda bundles): see workbook.ts. */
export { Workbook, Sheet, columnName, MAX_COLUMNS, MAX_ROWS, MAX_TEXT } from './workbook.js';
export type { CellInput, PageSetup, RowOptions, SheetOptions, StyledCell, Value } from './workbook.js';
export type { Alignment, BorderStyle, Font, Style, StyleId } from './styles.js';
