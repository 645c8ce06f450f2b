// How the screen is divided: two header lines, the tree on the left and the details on the right,
// two footer lines. The key handling scrolls by the body's height, the view draws into these widths.

export interface ScreenSize {
  readonly columns: number;
  readonly rows: number;
}

export const HEADER_LINES = 2;
export const FOOTER_LINES = 2;
/** Below this the dashboard says it needs more room instead of drawing a broken frame. */
export const MIN_SIZE: ScreenSize = { columns: 40, rows: 10 };

export function fits(size: ScreenSize): boolean {
  return size.columns >= MIN_SIZE.columns && size.rows >= MIN_SIZE.rows;
}

/** Lines of tree (and details) between the header and the footer. */
export function bodyHeight(size: ScreenSize): number {
  return Math.max(1, size.rows - HEADER_LINES - FOOTER_LINES);
}

/** Columns of the tree, of the separator and of the details: at 80 columns, 46 + 1 + 33. */
export function paneWidths(columns: number): { readonly tree: number; readonly details: number } {
  const details = Math.min(60, Math.max(24, Math.floor(columns * 0.42)));
  return { tree: Math.max(1, columns - details - 1), details };
}
