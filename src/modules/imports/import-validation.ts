import { plainToInstance } from 'class-transformer';
import { validateSync, ValidationError } from 'class-validator';
import { EntityManager } from 'typeorm';
import { LocationInput } from '../writes/dto/location.input';
import { OrganizationInput } from '../writes/dto/organization.input';
import { ServiceAtLocationInput } from '../writes/dto/service-at-location.input';
import { ServiceInput } from '../writes/dto/service.input';
import { ImportBatch, ImportedPhone, ImportedServiceAtLocation } from './import-batch';
import { ImportReport } from './import-report';

const ID = '00000000-0000-4000-8000-000000000000'; // stands in for ids the writer assigns

function problems(errors: ValidationError[], prefix = ''): string[] {
  return errors.flatMap((e) => [...Object.values(e.constraints ?? {}).map((c) => `${prefix}${c}`), ...problems(e.children ?? [], `${prefix}${e.property}.`)]);
}

function check<T extends object>(type: new () => T, plain: object): string[] {
  return problems(validateSync(plainToInstance(type, plain) as object, { whitelist: true, forbidUnknownValues: false }));
}

/**
 * The same rules as the write API, applied record by record: a record that
 * breaks one is rejected (with its line when the parser knew it) and so is
 * everything that hangs from it, instead of failing the whole transaction.
 * Unknown taxonomy or language codes are dropped with a warning: one odd
 * code should not cost a site its listing.
 */
export async function checkBatch(tx: EntityManager, batch: ImportBatch, report: ImportReport): Promise<ImportBatch> {
  const [terms, languages] = await Promise.all([
    tx.query(`SELECT code FROM taxonomy_term`).then((rows: { code: string }[]) => new Set(rows.map((r) => r.code))),
    tx.query(`SELECT code FROM iso_language`).then((rows: { code: string }[]) => new Set(rows.map((r) => r.code))),
  ]);
  // what = 'organization <id>', 'service <id>', 'location <id>' or 'service <id> at location <id>':
  // its source line when the parser recorded one (0: not known, e.g. an HSDS record its parser already checked)
  const lineOf = (what: string) => {
    const link = /^service (\S+) at location (\S+)$/.exec(what);
    return batch.sourceLines?.[link ? `service_at_location:${link[1]}@${link[2]}` : what.replace(' ', ':')] ?? 0;
  };
  const reject = (what: string, reasons: string[]) => {
    report.rejected.push({ line: lineOf(what), reason: `${what}: ${reasons.join('; ')}` });
    return false;
  };
  const known = <T extends { attributes?: string[]; languages?: string[]; phones?: ImportedPhone[] }>(r: T, what: string): T => {
    const unknownTerms = (r.attributes ?? []).filter((c) => !terms.has(c));
    const unknownLanguages = [...(r.languages ?? []), ...(r.phones ?? []).flatMap((p) => p.languages ?? [])].filter((c) => !languages.has(c));
    for (const code of [...unknownTerms, ...new Set(unknownLanguages)]) {
      report.warnings.push({ line: lineOf(what), message: `${what}: dropped unknown code '${code}'` });
    }
    return {
      ...r,
      ...(r.attributes ? { attributes: r.attributes.filter((c) => terms.has(c)) } : {}),
      ...(r.languages ? { languages: r.languages.filter((c) => languages.has(c)) } : {}),
      ...(r.phones ? { phones: r.phones.map((p) => (p.languages ? { ...p, languages: p.languages.filter((c) => languages.has(c)) } : p)) } : {}),
    };
  };
  const unique = <T>(rows: T[], what: (r: T) => string): T[] => {
    const seen = new Set<string>();
    return rows.filter((r) => {
      const k = what(r);
      if (seen.has(k)) return reject(k, ['duplicate external id in this file']);
      seen.add(k);
      return true;
    });
  };

  const organizations = unique(batch.organizations, (o) => `organization ${o.external_id}`)
    .map((o) => known(o, `organization ${o.external_id}`))
    .filter((o) => {
      const reasons = check(OrganizationInput, {
        name: o.name,
        description: o.description,
        website: o.website ?? undefined,
        email: o.email ?? undefined,
        phones: o.phones,
      });
      return reasons.length === 0 || reject(`organization ${o.external_id}`, reasons);
    });
  const orgIds = new Set(organizations.map((o) => o.external_id));

  const services = unique(batch.services, (s) => `service ${s.external_id}`)
    .map((s) => known(s, `service ${s.external_id}`))
    .filter((s) => {
      const what = `service ${s.external_id}`;
      if (!orgIds.has(s.organization_external_id)) return reject(what, [`organization ${s.organization_external_id} is missing or rejected`]);
      const reasons = check(ServiceInput, { ...s, organization_id: ID, external_id: undefined, organization_external_id: undefined });
      return reasons.length === 0 || reject(what, reasons);
    });

  const locations = unique(batch.locations, (l) => `location ${l.external_id}`)
    .map((l) => known(l, `location ${l.external_id}`))
    .filter((l) => {
      const what = `location ${l.external_id}`;
      if (!orgIds.has(l.organization_external_id)) return reject(what, [`organization ${l.organization_external_id} is missing or rejected`]);
      const { address_1, address_2, city, state_province, postal_code, country } = l;
      const reasons = check(LocationInput, {
        ...l,
        organization_id: ID,
        address: { address_1, address_2, city, state_province, postal_code, country },
        latitude: l.latitude ?? undefined,
        longitude: l.longitude ?? undefined,
      });
      if (l.location_type === 'physical' && (l.latitude == null || l.longitude == null)) reasons.push('a physical site needs coordinates');
      if (l.location_type === 'physical' && l.address_visibility !== 'approximate' && !(address_1 && city && state_province)) {
        reasons.push('a physical site with a public address needs address_1, city and state_province');
      }
      if ((country ?? 'US') === 'US' && postal_code && !/^\d{5}(-\d{4})?$/.test(postal_code)) reasons.push(`postal_code '${postal_code}' is not a US ZIP code`);
      return reasons.length === 0 || reject(what, reasons);
    });

  const serviceIds = new Set(services.map((s) => s.external_id));
  const locationIds = new Set(locations.map((l) => l.external_id));
  const linkName = (link: ImportedServiceAtLocation) => `service ${link.service_external_id} at location ${link.location_external_id}`;
  const serviceAtLocations = unique(batch.serviceAtLocations, linkName)
    .map((link) => known(link, linkName(link)))
    .filter((link) => {
      if (!serviceIds.has(link.service_external_id) || !locationIds.has(link.location_external_id)) {
        return reject(linkName(link), ['its service or location is missing or rejected']);
      }
      const reasons = check(ServiceAtLocationInput, {
        service_id: ID,
        location_id: ID,
        description: link.description ?? undefined,
        schedules: link.schedules,
        phones: link.phones,
      });
      return reasons.length === 0 || reject(linkName(link), reasons);
    });

  return { ...batch, organizations, services, locations, serviceAtLocations };
}
