import { PipeTransform } from '@nestjs/common';

/**
 * GraphQL lets a client send an explicit `null` for any nullable argument
 * (`search(near: $near)` with `{"near": null}`). For our optional filters
 * null means "not given", as a missing REST parameter does, so it is dropped
 * before the query reaches the code that parses it.
 */
export class NullAsAbsentPipe implements PipeTransform {
  transform<T>(value: T): T {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
    for (const key of Object.keys(value)) {
      if ((value as Record<string, unknown>)[key] === null) delete (value as Record<string, unknown>)[key];
    }
    return value;
  }
}

export const nullAsAbsent = new NullAsAbsentPipe();
