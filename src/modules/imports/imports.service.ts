import { importRows } from '../metrics/metrics';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { DomainError } from '../../common/errors/domain-error';
import { Actor } from '../writes/write-transaction';
import { DataSource } from 'typeorm';
import { ImportFormat, LiveCodes, parseSource, STRICT_BY_DEFAULT } from './import-formats';
import { ImportReport } from './import-report';
import { ImportWriter } from './import-writer';
import { assertMappingCodesKnown } from './mapping-taxonomy-check';
import { assertStorableBatch, assertStorableGeoJson, assertStorableMapping, assertStorableSourceBytes } from './storable-import-text';

export interface ImportRequest {
  format: ImportFormat;
  dryRun?: boolean;
  strict?: boolean;
  actor: Actor;
}

/**
 * Check the mapping against the live taxonomy, parse, then write in one
 * transaction: the same path for the CLI and POST /v1/imports.
 */
@Injectable()
export class ImportsService {
  constructor(
    private readonly writer: ImportWriter,
    private readonly db: DataSource,
  ) {}

  async fromPath(path: string, request: ImportRequest & { mappingJson?: string }): Promise<ImportReport> {
    parseOrReject(() => assertStorableSource(request.format, path, request.mappingJson));
    const live = await this.liveCodes();
    // before any row is read: an unknown code fails the import (400 / exit 1), nothing written
    parseOrReject(() => assertMappingCodesKnown(request.format, request.mappingJson, live.taxonomyCodes));
    const batch = parseOrReject(() => parseSource(request.format, path, request.mappingJson, live));
    assertStorableBatch(batch, request.format === 'hsds' ? 'files' : 'content');
    const report = await this.writer.write(batch, {
      format: request.format,
      dryRun: request.dryRun ?? false,
      strict: request.strict ?? STRICT_BY_DEFAULT[request.format],
      actor: request.actor,
    });
    countImported(report);
    return report;
  }

  private async liveCodes(): Promise<Required<LiveCodes>> {
    const rows: { code: string }[] = await this.db.query(`SELECT code FROM taxonomy_term`);
    return { taxonomyCodes: new Set(rows.map((r) => r.code)) };
  }

  /** An upload: one file's text, or for hsds the package's files by name. */
  async fromUpload(upload: { content?: string; files?: Record<string, string>; mapping?: object }, request: ImportRequest): Promise<ImportReport> {
    const dir = mkdtempSync(join(tmpdir(), 'hrd-import-'));
    try {
      let path: string;
      if (request.format === 'hsds') {
        // a package without datapackage.json still reaches the parser: it tells an HSDS 1.x/2.x package by its tables
        if (!upload.files || Object.keys(upload.files).length === 0) {
          throw DomainError.invalidParameter('files', "an hsds import needs its files by name ('datapackage.json', 'organizations.csv', ...)");
        }
        for (const [name, text] of Object.entries(upload.files)) writeFileSync(join(dir, safeName(name)), text);
        path = dir;
      } else {
        if (typeof upload.content !== 'string') throw DomainError.invalidParameter('content', 'the file to import, as text');
        path = join(dir, 'upload');
        writeFileSync(path, upload.content);
      }
      return await this.fromPath(path, { ...request, mappingJson: upload.mapping ? JSON.stringify(upload.mapping) : undefined });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

function safeName(name: string): string {
  const clean = basename(name);
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(clean) || clean.startsWith('.')) {
    throw DomainError.invalidParameter('files', `'${name.slice(0, 100)}' is not a plain file name`);
  }
  return clean;
}

/** Text PostgreSQL cannot store, found in the source before parsing: a 400 naming its line. */
function assertStorableSource(format: ImportFormat, path: string, mappingJson: string | undefined): void {
  assertStorableMapping(mappingJson);
  assertStorableSourceBytes(path, format === 'hsds');
  if (format === 'geojson') assertStorableGeoJson(readFileSync(path, 'utf8'));
}

/** A file that cannot be parsed at all is the caller's input problem: 400, not 500. */
function parseOrReject<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    throw DomainError.invalidParameter('content', `cannot be read: ${(error as Error).message}`);
  }
}

/** Metrics: the records a committed import wrote, by outcome, and the rows it rejected. */
function countImported(report: ImportReport): void {
  if (!report.committed) return;
  const sum = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
  for (const outcome of ['created', 'updated', 'unchanged', 'deleted'] as const) importRows.inc({ outcome }, sum(report[outcome]));
  importRows.inc({ outcome: 'rejected' }, report.rejected.length);
}
