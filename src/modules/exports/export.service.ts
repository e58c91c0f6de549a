import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { writeHsdsPackage } from '../imports/hsds-package.writer';
import { Location } from '../locations/location.model';
import { LocationsService } from '../locations/locations.service';
import { OrganizationsService } from '../organizations/organizations.service';
import { ServiceAtLocationsService } from '../service-at-locations/service-at-locations.service';
import { ServicesService } from '../services/services.service';
import { ExportRepository, ExportTable } from './export.repository';

const BATCH = 500;

/**
 * Streams the directory a batch at a time (keyset by id): memory stays flat
 * however large the directory, and no transaction is held open.
 */
@Injectable()
export class ExportService {
  constructor(
    private readonly exportRepository: ExportRepository,
    private readonly organizations: OrganizationsService,
    private readonly services: ServicesService,
    private readonly locations: LocationsService,
    private readonly links: ServiceAtLocationsService,
  ) {}

  feedHead(): Promise<number> {
    return this.exportRepository.feedHead();
  }

  /** One JSON object per line: {"type": ..., "record": ...}, organizations first. */
  async *ndjson(modifiedAfter: string | null): AsyncGenerator<string> {
    const kinds: [ExportTable, (ids: string[]) => Promise<object[]>][] = [
      ['organization', (ids) => this.organizations.findByIds(ids)],
      ['service', (ids) => this.services.findByIds(ids)],
      ['location', (ids) => this.locations.findByIds(ids)],
      ['service_at_location', (ids) => this.links.findLinkRecordsByIds(ids)],
    ];
    for (const [type, load] of kinds) {
      for await (const records of this.batches(type, modifiedAfter, load)) {
        yield records.map((record) => JSON.stringify({ type, record })).join('\n') + '\n';
      }
    }
  }

  /** A GeoJSON FeatureCollection of locations (by-mail programs have null geometry). */
  async *geojson(modifiedAfter: string | null): AsyncGenerator<string> {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    for await (const locations of this.batches('location', modifiedAfter, (ids) => this.locations.findByIds(ids))) {
      const features = (locations as Location[]).map((location) => {
        const { geometry, ...properties } = location;
        return JSON.stringify({ type: 'Feature', id: location.id, geometry, properties });
      });
      yield (first ? '' : ',') + features.join(',');
      first = false;
    }
    yield ']}\n';
  }

  /**
   * The directory as an HSDS 3.0 tabular package, as a map of file name to
   * text: exactly what POST /v1/imports takes for format hsds, so an export
   * imports back. datapackage.json declares the licences and sources of
   * what it holds (see writeHsdsPackage). Built whole (HSDS needs cross-table ids); use ndjson for
   * streaming very large directories.
   */
  async hsdsPackage(): Promise<Record<string, string>> {
    const collect = async <T extends object>(table: ExportTable, load: (ids: string[]) => Promise<T[]>) => {
      const all: T[] = [];
      for await (const batch of this.batches(table, null, load)) all.push(...(batch as T[]));
      return all;
    };
    const records = {
      organizations: await collect('organization', (ids) => this.organizations.findByIds(ids)),
      services: await collect('service', (ids) => this.services.findByIds(ids)),
      locations: await collect('location', (ids) => this.locations.findByIds(ids)),
      // link records carry no `source` in our API; the package credits each one (x_attribution), so look it up
      serviceAtLocations: await collect('service_at_location', async (ids) => {
        const [links, sources] = await Promise.all([this.links.findLinkRecordsByIds(ids), this.exportRepository.sourcesOf('service_at_location', ids)]);
        return links.map((link) => ({ ...link, source: sources.get(link.id) ?? null }));
      }),
    };
    const dir = mkdtempSync(join(tmpdir(), 'hrd-hsds-export-'));
    try {
      // licences and sources: the directory first, then each data source its records came from (record.source,
      // the data_source row), which writeHsdsPackage also puts on every record (x_source_id, x_licence, x_attribution)
      writeHsdsPackage(dir, records, {
        name: 'harm-reduction-directory',
        title: 'Harm-reduction service directory export',
        publisher: { title: 'Harm-reduction service directory (records entered through its API)' },
      });
      return Object.fromEntries(readdirSync(dir).map((file) => [file, readFileSync(join(dir, file), 'utf8')]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  private async *batches(table: ExportTable, modifiedAfter: string | null, load: (ids: string[]) => Promise<object[]>) {
    let after: string | null = null;
    for (;;) {
      const ids = await this.exportRepository.idsAfter(table, after, BATCH, modifiedAfter);
      if (ids.length === 0) return;
      const byId = new Map((await load(ids)).map((r) => [(r as { id: string }).id, r]));
      yield ids.map((id) => byId.get(id)).filter((r): r is object => r !== undefined);
      after = ids[ids.length - 1];
    }
  }
}
