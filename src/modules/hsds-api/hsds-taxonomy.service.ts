import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { HARM_REDUCTION_TAXONOMY_ID, derivedId, toHsdsTaxonomyTerm } from '../imports/hsds-export.mapper';
import { HARM_REDUCTION_TAXONOMY } from '../imports/hsds-tables';
import { HsdsApiRepository, TermRow } from './hsds-api.repository';
import { PageWindow } from './hsds-page';
import { HsdsTaxonomyTermListQuery } from './hsds-query.dto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our one taxonomy, as an HSDS taxonomy object. */
export const HSDS_TAXONOMY = { id: HARM_REDUCTION_TAXONOMY_ID, ...HARM_REDUCTION_TAXONOMY };

export const termId = (code: string) => derivedId('taxonomy_term', code);

/** Lowercased search words ('' and whitespace: no filter). */
export function searchWords(search: string | undefined): string[] {
  return [...new Set((search ?? '').toLowerCase().split(/\s+/).filter(Boolean))];
}

/**
 * HSDS taxonomies and taxonomy_terms. Term ids are the UUID v5 of the code
 * that the HSDS export uses (derivedId('taxonomy_term', code)), so ids agree
 * across this API and exported packages; our codes are accepted wherever a
 * term id is.
 */
@Injectable()
export class HsdsTaxonomyService {
  constructor(private readonly repository: HsdsApiRepository) {}

  /** A term id (UUID) or code -> our code; unknown: 400 naming `param`. */
  async resolveTerm(ref: string, param: string): Promise<string> {
    const code = await this.findTermCode(ref);
    if (code === null) {
      throw new DomainError(ErrorCode.InvalidParameter, `${param}: unknown taxonomy term '${ref.slice(0, 64)}' (see /hsds/taxonomy_terms).`, [
        { name: param, reason: 'must be the id or code of a term listed by /hsds/taxonomy_terms' },
      ]);
    }
    return code;
  }

  /** taxonomy_id: we publish one taxonomy (accepted by id or name); anything else is a 400. */
  checkTaxonomy(id: string, param = 'taxonomy_id'): void {
    if (!this.isOurTaxonomy(id)) {
      throw new DomainError(ErrorCode.InvalidParameter, `${param}: unknown taxonomy '${id.slice(0, 64)}' (see /hsds/taxonomies).`, [
        { name: param, reason: `must be ${HSDS_TAXONOMY.id}, the id of the only taxonomy listed by /hsds/taxonomies` },
      ]);
    }
  }

  isOurTaxonomy(id: string): boolean {
    return id.toLowerCase() === HSDS_TAXONOMY.id || id === HSDS_TAXONOMY.name;
  }

  /** Our one taxonomy, when it matches the search words. */
  taxonomies(search: string | undefined): (typeof HSDS_TAXONOMY)[] {
    const haystack = `${HSDS_TAXONOMY.name} ${HSDS_TAXONOMY.description}`.toLowerCase();
    return searchWords(search).every((w) => haystack.includes(w)) ? [HSDS_TAXONOMY] : [];
  }

  taxonomy(id: string): typeof HSDS_TAXONOMY {
    if (!UUID.test(id) && id !== HSDS_TAXONOMY.name) {
      throw new DomainError(ErrorCode.InvalidId, `id '${id.slice(0, 64)}' is not a taxonomy id.`, [
        { name: 'id', reason: `must be a UUID such as ${HSDS_TAXONOMY.id}` },
      ]);
    }
    if (!this.isOurTaxonomy(id)) throw DomainError.notFound('taxonomy', id);
    return HSDS_TAXONOMY;
  }

  /** Terms, parents first. limit null (NDJSON): all of them. */
  async terms(query: HsdsTaxonomyTermListQuery, window: PageWindow | null): Promise<{ contents: object[]; total: number }> {
    if (query.taxonomy_id !== undefined) this.checkTaxonomy(query.taxonomy_id);
    const parentCode = query.parent_id === undefined ? null : await this.resolveTerm(query.parent_id, 'parent_id');
    const { rows, total } = await this.repository.terms(
      { words: searchWords(query.search), parentCode, topOnly: query.top_only === true },
      window ? { limit: window.perPage, offset: window.offset } : { limit: null, offset: 0 },
    );
    return { contents: rows.map(toTerm), total };
  }

  async term(ref: string): Promise<object> {
    if (!UUID.test(ref) && !/^[a-z]+(\.[a-z0-9-]+)*$/.test(ref)) {
      throw new DomainError(ErrorCode.InvalidId, `id '${ref.slice(0, 64)}' is neither a UUID nor a taxonomy code.`, [
        { name: 'id', reason: 'must be a taxonomy term id (UUID) or code such as service.moud' },
      ]);
    }
    const code = await this.findTermCode(ref);
    const row = code === null ? null : await this.repository.term(code);
    if (!row) throw new DomainError(ErrorCode.NotFound, `No taxonomy term with id '${ref}'.`);
    return toTerm(row);
  }

  private async findTermCode(ref: string): Promise<string | null> {
    const codes = await this.repository.termCodes();
    if (UUID.test(ref)) return codes.find((c) => termId(c) === ref.toLowerCase()) ?? null;
    return codes.includes(ref) ? ref : null;
  }
}

/** The export mapper's term (same id, taxonomy, taxonomy_detail) with its real description and parent. */
function toTerm(row: TermRow): object {
  return {
    ...toHsdsTaxonomyTerm({ code: row.code, name: row.name }),
    description: row.description || row.name,
    ...(row.parent_code ? { parent_id: termId(row.parent_code) } : {}),
    language: 'en',
  };
}
