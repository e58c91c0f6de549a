import { Module } from '@nestjs/common';
import { TaxonomyController } from './taxonomy.controller';
import { TaxonomyRepository } from './taxonomy.repository';
import { TaxonomyResolver } from './taxonomy.resolver';
import { TaxonomyService } from './taxonomy.service';

@Module({
  controllers: [TaxonomyController],
  providers: [TaxonomyRepository, TaxonomyService, TaxonomyResolver],
  // search builds its TermMatcher from TaxonomyRepository.matcherTerms()
  exports: [TaxonomyService, TaxonomyRepository],
})
export class TaxonomyModule {}
