import { Injectable } from '@nestjs/common';
import { DomainError, ErrorCode } from '../../common/errors/domain-error';
import { Language, TAXONOMY_CODE_PATTERN, TaxonomyTerm } from './taxonomy.model';
import { TaxonomyRepository } from './taxonomy.repository';
import { TermMatcher } from './term-matcher';

@Injectable()
export class TaxonomyService {
  constructor(private readonly taxonomy: TaxonomyRepository) {}

  /** The whole tree, or one branch of it (any code) when `branch` is given. */
  async tree(branch?: string): Promise<TaxonomyTerm[]> {
    const { roots, byCode } = await this.build();
    if (branch === undefined) return roots;
    const term = byCode.get(branch);
    if (!term) {
      throw new DomainError(ErrorCode.InvalidParameter, `branch: unknown taxonomy code '${branch}'.`, [
        { name: 'branch', reason: 'must be a code listed by GET /v1/taxonomy' },
      ]);
    }
    return [term];
  }

  async term(code: string): Promise<TaxonomyTerm> {
    if (!TAXONOMY_CODE_PATTERN.test(code)) {
      throw new DomainError(ErrorCode.InvalidParameter, `'${code.slice(0, 64)}' is not a taxonomy code.`, [
        { name: 'code', reason: 'must be lowercase dot-separated segments, such as service.moud.methadone' },
      ]);
    }
    const term = (await this.build()).byCode.get(code);
    if (!term) throw new DomainError(ErrorCode.NotFound, `No taxonomy term with code '${code}'.`);
    return term;
  }

  /** A matcher over the current terms and aliases (one query; callers cache it). */
  async termMatcher(): Promise<TermMatcher> {
    return TermMatcher.from(await this.taxonomy.matcherTerms());
  }

  languages(): Promise<Language[]> {
    return this.taxonomy.findLanguages();
  }

  private async build(): Promise<{ roots: TaxonomyTerm[]; byCode: Map<string, TaxonomyTerm> }> {
    const rows = await this.taxonomy.findAll();
    const byCode = new Map<string, TaxonomyTerm>();
    const roots: TaxonomyTerm[] = [];
    // rows arrive parents first, so each parent exists when its child is seen
    for (const row of rows) {
      const term: TaxonomyTerm = { ...row, children: [] };
      byCode.set(term.code, term);
      if (row.parent_code) byCode.get(row.parent_code)?.children.push(term);
      else roots.push(term);
    }
    return { roots, byCode };
  }
}
