/**
 * The widget's options, as element attributes and as query parameters of the
 * HTML pages (/embed/listings, /embed/demo). The names are the same in both.
 * Its own file, free of server code, because the browser bundle imports it too.
 */
export const EMBED_OPTIONS = [
  'near',
  'postal-code',
  'services',
  'languages',
  'limit',
  'radius-km',
  'open-now',
  'lang',
  'units',
  'allow-geolocation',
  'heading',
  'heading-level',
] as const;
