import { nullAsAbsent } from '../../common/graphql/null-as-absent.pipe';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { Language, TaxonomyQuery, TaxonomyTerm } from './taxonomy.model';
import { TaxonomyService } from './taxonomy.service';

@Resolver(() => TaxonomyTerm)
export class TaxonomyResolver {
  constructor(private readonly taxonomyService: TaxonomyService) {}

  @Query(() => [TaxonomyTerm], {
    description: 'The taxonomy tree, or one branch of it; each term with its Spanish name (nameEs, descriptionEs) and aliases.',
  })
  taxonomy(@Args(nullAsAbsent) query: TaxonomyQuery): Promise<TaxonomyTerm[]> {
    return this.taxonomyService.tree(query.branch);
  }

  @Query(() => TaxonomyTerm, { description: 'One taxonomy term with its subtree.' })
  taxonomyTerm(@Args('code') code: string): Promise<TaxonomyTerm> {
    return this.taxonomyService.term(code);
  }

  @Query(() => [Language], { description: 'Language codes the directory accepts.' })
  languages(): Promise<Language[]> {
    return this.taxonomyService.languages();
  }
}
