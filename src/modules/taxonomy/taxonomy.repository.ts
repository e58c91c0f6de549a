import { Injectable } from '@nestjs/common';
import { ReadDatabase } from '../../database/replicas/read-database';
import { Crosswalk, Language, TermAlias } from './taxonomy.model';
import { MatchableTerm } from './term-matcher';

export interface TermRow {
  code: string;
  name: string;
  description: string;
  name_es: string;
  description_es: string | null;
  aliases: TermAlias[];
  branch: string;
  parent_code: string | null;
  crosswalks: Crosswalk[];
  enacts: string[];
  enacted_by: string[];
}

/** A term's aliases as [{name, language}], English first, then alphabetically. */
const ALIASES_JSON = `COALESCE((SELECT json_agg(json_build_object('name', a.alias, 'language', a.language)
                                        ORDER BY a.language, lower(a.alias), a.alias)
                              FROM taxonomy_term_alias a WHERE a.term_code = t.code), '[]'::json)`;

@Injectable()
export class TaxonomyRepository {
  /** Reads: a healthy replica when the request may use one (DATABASE_READ_URLS), else the primary. */
  constructor(private readonly db: ReadDatabase) {}

  /** Every term with its crosswalks and practice/principle links, parents before children. */
  findAll(): Promise<TermRow[]> {
    return this.db.query(`
      SELECT t.code, t.name, t.description, t.name_es, t.description_es, t.branch, t.parent_code,
             ${ALIASES_JSON} AS aliases,
             COALESCE((SELECT json_agg(json_build_object('system', c.system, 'code', c.code) ORDER BY c.system, c.code)
                         FROM taxonomy_crosswalk c WHERE c.term_code = t.code), '[]'::json) AS crosswalks,
             ARRAY(SELECT pp.principle_code FROM practice_principle pp
                    WHERE pp.practice_code = t.code ORDER BY pp.principle_code) AS enacts,
             ARRAY(SELECT pp.practice_code FROM practice_principle pp
                    WHERE pp.principle_code = t.code ORDER BY pp.practice_code) AS enacted_by
        FROM taxonomy_term t
       ORDER BY array_length(string_to_array(t.code, '.'), 1), t.sort_order, t.code`);
  }

  /** Every term with what search matches `q` against (TermMatcher.from), in one query. */
  matcherTerms(): Promise<MatchableTerm[]> {
    return this.db.query(`SELECT t.code, t.name, t.name_es, ${ALIASES_JSON} AS aliases FROM taxonomy_term t ORDER BY t.code`);
  }

  findLanguages(): Promise<Language[]> {
    return this.db.query(`SELECT code, name, findtreatment_code FROM iso_language ORDER BY name, code`);
  }
}
