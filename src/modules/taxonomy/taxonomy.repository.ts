import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Crosswalk, Language } from './taxonomy.model';

export interface TermRow {
  code: string;
  name: string;
  description: string;
  branch: string;
  parent_code: string | null;
  crosswalks: Crosswalk[];
  enacts: string[];
  enacted_by: string[];
}

@Injectable()
export class TaxonomyRepository {
  constructor(private readonly db: DataSource) {}

  /** Every term with its crosswalks and practice/principle links, parents before children. */
  findAll(): Promise<TermRow[]> {
    return this.db.query(`
      SELECT t.code, t.name, t.description, t.branch, t.parent_code,
             COALESCE((SELECT json_agg(json_build_object('system', c.system, 'code', c.code) ORDER BY c.system, c.code)
                         FROM taxonomy_crosswalk c WHERE c.term_code = t.code), '[]'::json) AS crosswalks,
             ARRAY(SELECT pp.principle_code FROM practice_principle pp
                    WHERE pp.practice_code = t.code ORDER BY pp.principle_code) AS enacts,
             ARRAY(SELECT pp.practice_code FROM practice_principle pp
                    WHERE pp.principle_code = t.code ORDER BY pp.practice_code) AS enacted_by
        FROM taxonomy_term t
       ORDER BY array_length(string_to_array(t.code, '.'), 1), t.sort_order, t.code`);
  }

  findLanguages(): Promise<Language[]> {
    return this.db.query(`SELECT code, name, findtreatment_code FROM iso_language ORDER BY name, code`);
  }
}
