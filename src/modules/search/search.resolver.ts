import { nullAsAbsent } from '../../common/graphql/null-as-absent.pipe';
import { Args, Query, Resolver } from '@nestjs/graphql';
import { SearchPage } from './search-result.model';
import { SearchQuery } from './search.query';
import { SearchService } from './search.service';

@Resolver()
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @Query(() => SearchPage, {
    description: 'Nearest matching services; the same parameters, rules and order as GET /v1/search.',
  })
  search(@Args(nullAsAbsent) query: SearchQuery): Promise<SearchPage> {
    return this.searchService.run(query);
  }
}
