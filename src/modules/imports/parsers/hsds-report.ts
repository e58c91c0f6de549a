import { ImportWarning, RejectedRow } from '../import-batch';

/**
 * Collects what an HSDS package import found, one entry per violation, each
 * worded "<file> line <n>: <field> <value> <rule>" (line 1 is the CSV
 * header; line 0 means the file as a whole).
 *
 * - reject(): the row breaks the package's Table Schema or one of our rules;
 *   the row (and, later, whatever hangs off it) is left out of the batch.
 * - loss(): valid HSDS we cannot carry (an unmapped table, column, taxonomy
 *   term, a UTC offset instead of an IANA zone, placeholder text...). A
 *   warning normally; a rejection in strict mode, so that a strict import
 *   with no rejections is a lossless one.
 * - warn(): information only (a record skipped because its parent was
 *   rejected, a name filled in from the address...).
 */
export class HsdsReport {
  private readonly rejections: Array<RejectedRow & { file: string }> = [];
  private readonly warnings: Array<ImportWarning & { file: string }> = [];
  private readonly seen = new Set<string>();
  private readonly rejectedRows = new Set<string>();

  constructor(
    readonly strict: boolean,
    /** file name -> position in datapackage.json, to sort the report as a person reads the package */
    private readonly fileOrder: Map<string, number> = new Map(),
  ) {}

  reject(file: string, line: number, message: string): void {
    const reason = HsdsReport.format(file, line, message);
    if (line > 1) this.rejectedRows.add(`${file}\u0000${line}`);
    if (this.seen.has(reason)) return;
    this.seen.add(reason);
    this.rejections.push({ file, line, reason });
  }

  loss(file: string, line: number, message: string): void {
    if (this.strict) this.reject(file, line, message);
    else this.warn(file, line, message);
  }

  warn(file: string, line: number, message: string): void {
    const text = HsdsReport.format(file, line, message);
    if (this.seen.has(text)) return;
    this.seen.add(text);
    this.warnings.push({ file, line, message: text });
  }

  isRejected(file: string, line: number): boolean {
    return this.rejectedRows.has(`${file}\u0000${line}`);
  }

  setFileOrder(files: string[]): void {
    files.forEach((file, i) => this.fileOrder.set(file, i));
  }

  rejected(): RejectedRow[] {
    return this.sorted(this.rejections).map(({ line, reason }) => ({ line, reason }));
  }

  warned(): ImportWarning[] {
    return this.sorted(this.warnings).map(({ line, message }) => ({ line, message }));
  }

  static format(file: string, line: number, message: string): string {
    if (!file) return message; // the package as a whole
    return line > 0 ? `${file} line ${line}: ${message}` : `${file}: ${message}`;
  }

  private sorted<T extends { file: string; line: number }>(entries: T[]): T[] {
    const rank = (file: string) => this.fileOrder.get(file) ?? (file === 'datapackage.json' ? -1 : this.fileOrder.size);
    // Array.prototype.sort is stable: within one line, findings keep the order they were made in.
    return [...entries].sort((a, b) => rank(a.file) - rank(b.file) || a.file.localeCompare(b.file) || a.line - b.line);
  }
}
