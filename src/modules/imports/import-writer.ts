import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Column, col, insertBatched } from '../../database/batch-insert';
import { publicImportedLocation } from '../writes/hidden-address';
import { Actor, Entity, runWrite, WriteScope } from '../writes/write-transaction';
import {
  ImportBatch,
  ImportedLocation,
  ImportedOrganization,
  ImportedPhone,
  ImportedSchedule,
  ImportedService,
  ImportedServiceAtLocation,
} from './import-batch';
import { ImportReport, RecordKind, zeroCounts } from './import-report';
import { checkBatch } from './import-validation';

export interface ImportOptions {
  format: string;
  dryRun: boolean;
  /** any rejected row rejects the whole import (always so for HSDS packages) */
  strict: boolean;
  actor: Actor;
}

/** Thrown inside the transaction to roll back a dry run (or a strict rejection) after counting. */
class RollBack extends Error {}

interface Existing {
  id: string;
  external_id: string;
  source_hash: string | null;
  deleted: boolean;
}

/** One record kind: its table, row values, and detail lists. */
interface KindSpec<R> {
  kind: RecordKind;
  entity: Entity;
  externalId: (r: R) => string;
  columns: Column<R & { id: string }>[];
}

const hashOf = (record: unknown) => createHash('sha256').update(JSON.stringify(record)).digest('hex');

/**
 * Writes an ImportBatch in ONE transaction: it commits whole or writes
 * nothing. Records are matched by (source, external id): a record whose
 * imported content is unchanged is left alone, so re-importing the same file
 * reports zero changes; changed ones are updated in place; records this
 * source no longer lists are soft-deleted (a tombstone for partners).
 */
@Injectable()
export class ImportWriter {
  constructor(private readonly db: DataSource) {}

  async write(input: ImportBatch, options: ImportOptions): Promise<ImportReport> {
    const report: ImportReport = {
      import_id: randomUUID(),
      source: input.source,
      format: options.format,
      dry_run: options.dryRun,
      committed: false,
      rows_read: input.rowsRead,
      rows_merged: input.merged,
      created: zeroCounts(),
      updated: zeroCounts(),
      unchanged: zeroCounts(),
      deleted: zeroCounts(),
      rejected: [...input.rejected],
      warnings: [...input.warnings],
      kept_apart: [...(input.keptApart ?? [])],
      format_version: input.formatVersion ?? null,
    };
    try {
      await runWrite(this.db, options.actor, async (scope) => {
        const batch = await checkBatch(scope.tx, input, report);
        if (options.strict && report.rejected.length > 0) throw new RollBack();
        await this.upsertSource(scope.tx, batch);
        const orgIds = await this.sync(scope, batch.source, ORGANIZATIONS, batch.organizations, report);
        const withOrg = <R extends { organization_external_id: string }>(rows: R[]) =>
          rows.map((r) => ({ ...r, organization_id: orgIds.get(r.organization_external_id)! }));
        const serviceIds = await this.sync(scope, batch.source, SERVICES, withOrg(batch.services), report);
        const locationIds = await this.sync(scope, batch.source, LOCATIONS, withOrg(batch.locations), report);
        const links = batch.serviceAtLocations.map((l) => ({
          ...l,
          service_id: serviceIds.get(l.service_external_id)!,
          location_id: locationIds.get(l.location_external_id)!,
        }));
        await this.sync(scope, batch.source, LINKS, links, report);
        await scope.audit('import', 'import', report.import_id, null, { ...report, committed: !options.dryRun }, report.import_id);
        if (options.dryRun) throw new RollBack();
      });
      report.committed = true;
    } catch (error) {
      if (!(error instanceof RollBack)) throw error;
    }
    return report;
  }

  private async upsertSource(tx: EntityManager, batch: ImportBatch): Promise<void> {
    await tx.query(
      `INSERT INTO data_source (id, name, licence, attribution, last_imported_at) VALUES ($1, $1, $2, $3, now())
       ON CONFLICT (id) DO UPDATE SET licence = $2, attribution = $3, last_imported_at = now()`,
      [batch.source, batch.licence, batch.attribution],
    );
  }

  /** Creates, updates, leaves alone or deletes one kind of record; returns external id -> id. */
  private async sync<R extends object>(scope: WriteScope, source: string, spec: KindSpec<R>, records: R[], report: ImportReport): Promise<Map<string, string>> {
    const tx = scope.tx;
    const existing = new Map<string, Existing>(
      (
        await tx.query<Existing[]>(
          `SELECT id, external_id, source_hash, deleted_at IS NOT NULL AS deleted FROM ${spec.entity} WHERE source_id = $1 AND external_id IS NOT NULL`,
          [source],
        )
      ).map((row) => [row.external_id, row]),
    );
    const ids = new Map<string, string>();
    const created: (R & { id: string; hash: string })[] = [];
    const updated: (R & { id: string; hash: string })[] = [];
    for (const record of records) {
      const externalId = spec.externalId(record);
      const hash = hashOf(record);
      const found = existing.get(externalId);
      const id = found?.id ?? randomUUID();
      ids.set(externalId, id);
      if (!found) created.push({ ...record, id, hash });
      else if (found.deleted || found.source_hash !== hash) updated.push({ ...record, id, hash });
      else report.unchanged[spec.kind]++;
    }
    const gone = [...existing.values()].filter((e) => !e.deleted && !ids.has(e.external_id)).map((e) => e.id);

    const provenance: Column<R & { id: string; hash: string }>[] = [
      { name: 'source_id', value: () => source },
      { name: 'external_id', value: (r) => spec.externalId(r) },
      { name: 'source_hash', value: (r) => r.hash },
    ];
    const columns = [...spec.columns, ...provenance] as Column<R & { id: string; hash: string }>[];
    await insertBatched(tx, spec.entity, columns, created);
    for (const row of updated) {
      const sets = columns.filter((c) => c.name !== 'id').map((c, i) => `${c.name} = ${c.sql ? c.sql(`$${i + 2}`) : `$${i + 2}`}`);
      await tx.query(`UPDATE ${spec.entity} SET ${sets.join(', ')}, deleted_at = NULL, version = version + 1, last_modified = now() WHERE id = $1`, [
        row.id,
        ...columns.filter((c) => c.name !== 'id').map((c) => c.value(row)),
      ]);
    }
    if (gone.length) {
      await tx.query(`UPDATE ${spec.entity} SET deleted_at = now(), version = version + 1, last_modified = now() WHERE id = ANY($1::uuid[])`, [gone]);
    }
    await replaceDetails(
      tx,
      spec.entity,
      [...created, ...updated],
      updated.map((r) => r.id),
    );

    report.created[spec.kind] += created.length;
    report.updated[spec.kind] += updated.length;
    report.deleted[spec.kind] += gone.length;
    await scope.changed(
      spec.entity,
      created.map((r) => r.id),
      'create',
    );
    await scope.changed(
      spec.entity,
      updated.map((r) => r.id),
      'update',
    );
    await scope.changed(spec.entity, gone, 'delete');
    const audit = (rows: { id: string }[], before: 'none' | 'deleted') =>
      insertBatched(tx, 'audit_log', AUDIT_COLUMNS(scope, report.import_id, spec.entity, before), rows);
    await audit([...created, ...updated], 'none');
    await audit(
      gone.map((id) => ({ id })),
      'deleted',
    );
    return ids;
  }
}

const AUDIT_COLUMNS = (scope: WriteScope, importId: string, entity: Entity, mode: 'none' | 'deleted'): Column<{ id: string }>[] => [
  { name: 'api_key_id', value: () => scope.actor.apiKeyId },
  { name: 'actor', value: () => scope.actor.label },
  { name: 'action', value: () => 'import' },
  { name: 'entity', value: () => entity },
  { name: 'entity_id', value: (r) => r.id },
  { name: 'import_id', value: () => importId },
  // the imported record itself is the "after" (a hidden address only in its public form); a deletion records that it was deleted
  {
    name: 'after',
    value: (r) =>
      mode === 'deleted' ? JSON.stringify({ deleted: true }) : JSON.stringify(entity === 'location' ? publicImportedLocation(stripIds(r)) : stripIds(r)),
    sql: (p) => `${p}::jsonb`,
  },
];

function stripIds(row: object): object {
  const { id: _id, hash: _hash, ...rest } = row as Record<string, unknown>;
  return rest;
}

type WithDetails = { id: string; phones?: ImportedPhone[]; languages?: string[]; attributes?: string[]; schedules?: ImportedSchedule[] };

/** Replaces phones, languages, terms and hours of the written records, a few statements per kind. */
async function replaceDetails(tx: EntityManager, entity: Entity, rows: WithDetails[], replacedIds: string[]): Promise<void> {
  const owner = `${entity}_id`;
  if (replacedIds.length) {
    for (const table of ['phone', 'language', 'attribute', 'schedule']) {
      if (table === 'language' && !['service', 'location'].includes(entity)) continue;
      if (table === 'attribute' && entity === 'service_at_location') continue;
      if (table === 'schedule' && !['location', 'service_at_location'].includes(entity)) continue;
      await tx.query(`DELETE FROM ${table} WHERE ${owner} = ANY($1::uuid[])`, [replacedIds]);
    }
  }
  const flat = <T>(pick: (r: WithDetails) => T[] | undefined) => rows.flatMap((r) => (pick(r) ?? []).map((item, i) => ({ owner: r.id, item, i })));
  type Item<T> = { owner: string; item: T; i: number };
  const phones = flat((r) => r.phones).map((p) => ({ ...p, id: randomUUID() }));
  await insertBatched<Item<ImportedPhone> & { id: string }>(
    tx,
    'phone',
    [
      { name: 'id', value: (r) => r.id },
      { name: owner, value: (r) => r.owner },
      { name: 'number', value: (r) => r.item.number },
      { name: 'original_text', value: (r) => r.item.original_text ?? null },
      { name: 'type', value: (r) => r.item.type ?? 'voice' },
      { name: 'extension', value: (r) => r.item.extension ?? null },
      { name: 'description', value: (r) => r.item.description ?? null },
      { name: 'sort_order', value: (r) => r.i },
    ],
    phones,
  );
  await insertBatched<{ phone: string; code: string }>(
    tx,
    'language',
    [
      { name: 'phone_id', value: (r) => r.phone },
      { name: 'code', value: (r) => r.code },
    ],
    phones.flatMap((p) => [...new Set(p.item.languages ?? [])].map((code) => ({ phone: p.id, code }))),
  );
  if (entity === 'service' || entity === 'location') {
    await insertBatched<Item<string>>(
      tx,
      'language',
      [
        { name: owner, value: (r) => r.owner },
        { name: 'code', value: (r) => r.item },
      ],
      flat((r) => [...new Set(r.languages ?? [])]),
    );
  }
  if (entity !== 'service_at_location') {
    await insertBatched<Item<string>>(
      tx,
      'attribute',
      [
        { name: owner, value: (r) => r.owner },
        { name: 'taxonomy_term_code', value: (r) => r.item },
      ],
      flat((r) => [...new Set(r.attributes ?? [])]),
    );
  }
  if (entity === 'location' || entity === 'service_at_location') {
    await insertBatched<Item<ImportedSchedule>>(
      tx,
      'schedule',
      [
        { name: owner, value: (r) => r.owner },
        { name: 'timezone', value: (r) => r.item.timezone },
        { name: 'byday', value: (r) => r.item.byday, sql: (p) => `${p}::text[]` },
        { name: 'opens_at', value: (r) => r.item.opens_at, sql: (p) => `${p}::time` },
        { name: 'closes_at', value: (r) => r.item.closes_at, sql: (p) => `${p}::time` },
        { name: 'notes', value: (r) => r.item.notes ?? null },
      ],
      flat((r) => r.schedules),
    );
  }
}

const nullable = <R>(name: keyof R & string, sql?: (p: string) => string): Column<R> => ({
  name,
  value: (row) => (row[name] === undefined ? null : row[name]),
  sql,
});

const ORGANIZATIONS: KindSpec<ImportedOrganization> = {
  kind: 'organizations',
  entity: 'organization',
  externalId: (r) => r.external_id,
  columns: [col('id'), col('name'), col('description'), nullable('website'), nullable('email')],
};

type ServiceRow = ImportedService & { organization_id: string };
const SERVICES: KindSpec<ServiceRow> = {
  kind: 'services',
  entity: 'service',
  externalId: (r) => r.external_id,
  columns: [
    col('id'),
    col('organization_id'),
    col('name'),
    { name: 'description', value: (r) => r.description ?? '' },
    { name: 'status', value: (r) => r.status ?? 'active' },
    nullable('url'),
    nullable('email'),
    nullable('eligibility_description'),
    nullable('fees_description'),
    nullable('alert'),
    nullable('assured_date', (p) => `${p}::date`),
  ],
};

type LocationRow = ImportedLocation & { organization_id: string };
const LOCATIONS: KindSpec<LocationRow> = {
  kind: 'locations',
  entity: 'location',
  externalId: (r) => r.external_id,
  columns: [
    col('id'),
    col('organization_id'),
    col('location_type'),
    col('name'),
    nullable('description'),
    nullable('latitude', (p) => `${p}::float8`),
    nullable('longitude', (p) => `${p}::float8`),
    { name: 'coordinates_approximate', value: (r) => r.coordinates_approximate ?? false },
    {
      name: 'service_area',
      value: (r) => (r.service_area ? JSON.stringify(r.service_area) : null),
      sql: (p) => `ST_Multi(ST_GeomFromGeoJSON(${p}::text))::geography`,
    },
    nullable('service_area_description'),
    nullable('address_1'),
    nullable('address_2'),
    nullable('city'),
    nullable('state_province'),
    nullable('postal_code'),
    { name: 'country', value: (r) => r.country ?? 'US' },
    { name: 'address_visibility', value: (r) => r.address_visibility ?? 'public' },
    nullable('accessibility'),
    nullable('transportation'),
    { name: 'hours_description', value: (r) => r.hours_text ?? null },
  ],
};

type LinkRow = ImportedServiceAtLocation & { service_id: string; location_id: string };
const LINKS: KindSpec<LinkRow> = {
  kind: 'service_at_locations',
  entity: 'service_at_location',
  externalId: (r) => `${r.service_external_id}@${r.location_external_id}`,
  columns: [col('id'), col('service_id'), col('location_id'), nullable('description')],
};
