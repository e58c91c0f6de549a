// The ES2020 Intl APIs the widget uses, which the ES2019 library (tsconfig.json) does not declare. They are
// the same declarations as TypeScript's lib.es2020.intl.d.ts, trimmed; drop this file if the library moves
// up to ES2020. Browsers without them throw, and format.ts falls back (plain numbers, language codes).
declare namespace Intl {
  interface NumberFormatOptionsStyleRegistry {
    unit: never;
  }

  interface NumberFormatOptions {
    unit?: string | undefined;
    unitDisplay?: 'short' | 'long' | 'narrow' | undefined;
  }

  interface DisplayNamesOptions {
    type: 'language' | 'region' | 'script' | 'calendar' | 'dateTimeField' | 'currency';
  }

  interface DisplayNames {
    of(code: string): string | undefined;
  }

  const DisplayNames: {
    prototype: DisplayNames;
    new (locales: string | string[], options: DisplayNamesOptions): DisplayNames;
  };
}
